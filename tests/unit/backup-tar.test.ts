import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TarFormatError, TarGzWriter, readTarGz } from '../../scripts/lib/tar';

/** The backup archive's tar writer and reader (scripts/lib/tar.ts): names, sizes, damage. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-tar-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function readAll(file: string) {
  const out: Record<string, Buffer> = {};
  await readTarGz(file, async (name) => {
    const parts: Buffer[] = [];
    out[name] = Buffer.alloc(0);
    return async (c) => {
      parts.push(Buffer.from(c));
      out[name] = Buffer.concat(parts);
    };
  });
  return out;
}

describe('backup tar', () => {
  const long = `data/files/${'a'.repeat(120)}/照片.png`;
  const big = Buffer.from(Uint8Array.from({ length: 70_000 }, (_, i) => i % 251));
  const file = path.join(dir, 'one.tar.gz');

  it('reads back what it wrote: long (pax) names, multi-byte names, empty and multi-block files', async () => {
    const w = new TarGzWriter(file);
    await w.addBuffer('data/data.key', Buffer.from('k'.repeat(64)));
    await w.addBuffer(long, big);
    await w.addBuffer('data/empty', Buffer.alloc(0));
    await w.finish();
    const got = await readAll(file);
    expect(Object.keys(got)).toEqual(['data/data.key', long, 'data/empty']);
    expect(got[long]!.equals(big)).toBe(true);
    expect(got['data/empty']!.length).toBe(0);
  });

  it('refuses a truncated archive and a size that does not match', async () => {
    const cut = path.join(dir, 'cut.tar.gz');
    fs.writeFileSync(cut, fs.readFileSync(file).subarray(0, 200));
    await expect(readAll(cut)).rejects.toThrow();
    const w = new TarGzWriter(path.join(dir, 'bad.tar.gz'));
    await expect(w.add('data/x', 10, [Buffer.from('short')])).rejects.toThrow(/5 bytes written, 10 announced/);
    await w.finish();
  });

  it('refuses a corrupted header', async () => {
    const raw = path.join(dir, 'raw.tar');
    const zlib = await import('node:zlib');
    const tar = Buffer.from(zlib.gunzipSync(fs.readFileSync(file)));
    tar[10] = tar[10]! ^ 0xff; // a byte of the first name: the header checksum no longer matches
    fs.writeFileSync(raw, zlib.gzipSync(tar));
    await expect(readAll(raw)).rejects.toBeInstanceOf(TarFormatError);
  });
});
