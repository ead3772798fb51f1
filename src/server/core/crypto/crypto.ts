import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';

// ---------- passwords ----------
// argon2id with OWASP's recommended minimum (m = 19 MiB, t = 2, p = 1).
const ARGON = { memoryCost: 19456, timeCost: 2, parallelism: 1, algorithm: 2 /* Argon2id */ } as const;

export function hashPassword(password: string): Promise<string> {
  return argonHash(password, ARGON);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argonVerify(hash, password);
  } catch {
    return false;
  }
}

/** ≥ 8 characters and at least three of upper, lower, digit, symbol. */
export function passwordMeetsPolicy(password: string): boolean {
  if (password.length < 8 || password.length > 128) return false;
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return classes >= 3;
}

// ---------- SM3 ----------
export function sm3(data: string | Buffer): string {
  return crypto.createHash('sm3').update(data).digest('hex');
}

export function sha256(data: string | Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

// ---------- personal data at rest (SM4) ----------
/**
 * Field encryption for personal data (phone, ID number). SM4-CBC with a random IV, and an
 * HMAC-SM3 over version|iv|ciphertext so tampering is detected (Node's OpenSSL has no SM4-GCM).
 * The 32-byte data key is split into an encryption key and a MAC key. A blind index
 * (HMAC-SM3 of the normalised value) allows exact lookups without decrypting.
 */
export class FieldCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;
  private readonly indexKey: Buffer;

  constructor(keyHex: string) {
    const key = Buffer.from(keyHex, 'hex');
    if (key.length !== 32) throw new Error('data key must be 32 bytes');
    this.encKey = key.subarray(0, 16);
    this.macKey = crypto.createHmac('sm3', key).update('mac').digest();
    this.indexKey = crypto.createHmac('sm3', key).update('index').digest();
  }

  encrypt(plain: string): string {
    const iv = crypto.randomBytes(16);
    const cipher = crypto.createCipheriv('sm4-cbc', this.encKey, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const mac = crypto
      .createHmac('sm3', this.macKey)
      .update(Buffer.concat([Buffer.from('v1'), iv, ct]))
      .digest();
    return `v1.${iv.toString('base64url')}.${ct.toString('base64url')}.${mac.subarray(0, 16).toString('base64url')}`;
  }

  decrypt(token: string): string {
    const [v, ivB, ctB, macB] = token.split('.');
    if (v !== 'v1' || !ivB || !ctB || !macB) throw new Error('unknown ciphertext format');
    const iv = Buffer.from(ivB, 'base64url');
    const ct = Buffer.from(ctB, 'base64url');
    const expected = crypto
      .createHmac('sm3', this.macKey)
      .update(Buffer.concat([Buffer.from('v1'), iv, ct]))
      .digest()
      .subarray(0, 16);
    const mac = Buffer.from(macB, 'base64url');
    if (mac.length !== expected.length || !crypto.timingSafeEqual(mac, expected)) throw new Error('ciphertext tampered');
    const decipher = crypto.createDecipheriv('sm4-cbc', this.encKey, iv);
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
  }

  blindIndex(value: string): string {
    return crypto.createHmac('sm3', this.indexKey).update(value.trim().toUpperCase()).digest('hex');
  }
}

/**
 * The data key comes from HOUQIN_DATA_KEY. Outside production, when it is not set, one is
 * generated once into the data directory (mode 0600) so a new user needs no setup; it is
 * never printed or logged.
 */
export function resolveDataKey(configured: string | undefined, dataDir: string): string {
  return resolveKeyFile(configured, dataDir, 'data.key');
}

/**
 * A 32-byte key (hex) from the environment, or else from `fileName` in the data directory,
 * generated there once (mode 0600) when missing. Keys live outside the database: whoever
 * administers the database alone cannot read or forge what they protect.
 */
export function resolveKeyFile(configured: string | undefined, dataDir: string, fileName: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, fileName);
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const key = crypto.randomBytes(32).toString('hex');
    fs.writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
    return key;
  }
}

/** HMAC-SM3 of `data` under a hex key, hex. */
export function hmacSm3(keyHex: string, data: string): string {
  return crypto.createHmac('sm3', Buffer.from(keyHex, 'hex')).update(data).digest('hex');
}

/** Masks personal data for audit records and list views: 138****5678, 3201**********1234. */
export function maskPhone(p: string): string {
  return p.length >= 7 ? `${p.slice(0, 3)}****${p.slice(-4)}` : '****';
}
export function maskIdNumber(id: string): string {
  return id.length >= 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : '****';
}
