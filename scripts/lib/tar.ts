/**
 * A minimal tar (POSIX ustar, with pax headers for long names) writer and reader over
 * node:zlib gzip streams, for `npm run backup` / `npm run restore`. No tar package is a
 * dependency of the project (the one in node_modules arrives with exceljs's archiver and may
 * go with it), and backups need only regular files: directories are implied by paths.
 * The output is a standard .tar.gz: `tar -tzvf houqin-backup-….tar.gz` lists it.
 */
import fs from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { once } from 'node:events';
import zlib from 'node:zlib';

const BLOCK = 512;

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, type: '0' | 'x', mtime: number, mode = 0o600): Buffer {
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  h.write(octal(mode, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii'); // uid
  h.write(octal(0, 8), 116, 'ascii'); // gid
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(Math.floor(mtime / 1000), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii'); // checksum placeholder: spaces while summing
  h.write(type, 156, 'ascii');
  h.write('ustar\u000000', 257, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

/** A pax record "LEN key=value\n", where LEN counts its own digits. */
function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(body) + 1;
  while (String(len).length + Buffer.byteLength(body) !== len) len++;
  return Buffer.from(`${len}${body}`);
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/** Writes entries one after the other into a gzipped tar file. */
export class TarGzWriter {
  private readonly gzip = zlib.createGzip();
  private readonly out: Writable;
  private readonly done: Promise<unknown>;

  constructor(file: string) {
    this.out = fs.createWriteStream(file, { mode: 0o600 });
    this.gzip.pipe(this.out);
    this.done = once(this.out, 'close');
  }

  private async write(buf: Buffer): Promise<void> {
    if (!this.gzip.write(buf)) await once(this.gzip, 'drain');
  }

  private async head(name: string, size: number, mtime: number): Promise<void> {
    if (Buffer.byteLength(name) > 100) {
      const pax = paxRecord('path', name);
      await this.write(header('././@PaxHeader', pax.length, 'x', mtime));
      await this.write(Buffer.concat([pax, padding(pax.length)]));
    }
    await this.write(header(name, size, '0', mtime));
  }

  /** Adds one file from its chunks; `size` must be exact. */
  async add(name: string, size: number, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, mtime = Date.now()): Promise<void> {
    await this.head(name, size, mtime);
    let written = 0;
    for await (const c of chunks) {
      written += c.length;
      await this.write(Buffer.from(c));
    }
    if (written !== size) throw new Error(`${name}: ${written} bytes written, ${size} announced (changed while being read?)`);
    await this.write(padding(size));
  }

  async addBuffer(name: string, data: Buffer, mtime = Date.now()): Promise<void> {
    await this.add(name, data.length, [data], mtime);
  }

  async finish(): Promise<void> {
    this.gzip.end(Buffer.alloc(BLOCK * 2)); // two zero blocks end an archive
    await this.done;
  }
}

/** Reads exact byte counts from a stream of chunks. */
class ByteReader {
  private buf: Buffer = Buffer.alloc(0);
  private readonly it: AsyncIterator<Buffer>;
  private ended = false;
  constructor(input: Readable) {
    this.it = input[Symbol.asyncIterator]();
  }
  private async fill(n: number): Promise<boolean> {
    while (this.buf.length < n && !this.ended) {
      const r = await this.it.next();
      if (r.done) this.ended = true;
      else this.buf = this.buf.length ? Buffer.concat([this.buf, r.value]) : r.value;
    }
    return this.buf.length >= n;
  }
  async read(n: number): Promise<Buffer | null> {
    if (!(await this.fill(n))) return null;
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }
  /** Passes the next `n` bytes to `sink` chunk by chunk; false when the stream ends early. */
  async forward(n: number, sink: (chunk: Buffer) => Promise<void>): Promise<boolean> {
    let left = n;
    while (left > 0) {
      if (!this.buf.length && !(await this.fill(1))) return false;
      const take = this.buf.subarray(0, Math.min(left, this.buf.length));
      this.buf = this.buf.subarray(take.length);
      left -= take.length;
      await sink(take);
    }
    return true;
  }
}

const field = (h: Buffer, start: number, len: number) =>
  h
    .subarray(start, start + len)
    .toString('utf8')
    .replace(/\0.*$/s, '');

export class TarFormatError extends Error {}

/**
 * Reads a gzipped tar file and hands each regular file to `onEntry`, which consumes its
 * bytes through the `chunks` callback registration. A truncated or corrupt archive throws
 * TarFormatError (gzip's own check catches damage inside the compressed stream).
 */
export async function readTarGz(
  file: string,
  onEntry: (name: string, size: number) => Promise<(chunk: Buffer) => Promise<void>>,
): Promise<void> {
  const input = fs.createReadStream(file).pipe(zlib.createGunzip());
  const r = new ByteReader(input);
  let paxPath: string | undefined;
  for (;;) {
    const h = await r.read(BLOCK);
    if (!h) throw new TarFormatError('the archive ends without its end marker (truncated?)');
    if (h.every((b) => b === 0)) return;
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
    if (sum !== Number.parseInt(field(h, 148, 8).trim(), 8)) throw new TarFormatError('a header checksum does not match');
    const size = Number.parseInt(field(h, 124, 12).trim() || '0', 8);
    const type = field(h, 156, 1) || '0';
    const prefix = field(h, 345, 155);
    const name = paxPath ?? (prefix ? `${prefix}/${field(h, 0, 100)}` : field(h, 0, 100));
    const skip = padding(size).length;
    if (type === 'x') {
      const body = await r.read(size + skip);
      if (!body) throw new TarFormatError('truncated pax header');
      const m = body
        .subarray(0, size)
        .toString('utf8')
        .match(/(?:^|\n)\d+ path=([^\n]*)\n/);
      paxPath = m?.[1];
      continue;
    }
    paxPath = undefined;
    if (type === '0') {
      const sink = await onEntry(name, size);
      if (!(await r.forward(size, sink))) throw new TarFormatError(`${name}: truncated`);
      if (skip && !(await r.read(skip))) throw new TarFormatError(`${name}: truncated`);
    } else if (!(await r.forward(size + skip, async () => {}))) {
      throw new TarFormatError(`${name}: truncated`);
    }
  }
}
