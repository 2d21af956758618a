/** The encrypted store file format: a JSON envelope around AES-256-GCM ciphertext, and its parsing and sealing. */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const ENVELOPE_FORMAT = 'credential-store';
export const ENVELOPE_VERSION = 1;
export const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** How the 32-byte key is obtained: derived from a secret with scrypt, or read from the key file. */
export type KdfInfo = { name: 'scrypt'; salt: string; N: number; r: number; p: number } | { name: 'key-file' };

export interface Envelope {
  format: typeof ENVELOPE_FORMAT;
  version: number;
  cipher: typeof CIPHER;
  kdf: KdfInfo;
  iv: string;
  tag: string;
  ciphertext: string;
}

/** Why a parsed file is not an envelope this code can open; `unsupported` means a newer format version. */
export class EnvelopeProblem extends Error {
  constructor(
    message: string,
    readonly unsupported = false,
  ) {
    super(message);
  }
}

/** The authentication failed: wrong key, or the ciphertext or header was altered. */
export class DecryptFailed extends Error {}

function base64Field(value: Record<string, unknown>, name: string, bytes?: number): Buffer {
  const raw = value[name];
  if (typeof raw !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(raw)) throw new EnvelopeProblem(`"${name}" is not base64 text`);
  const decoded = Buffer.from(raw, 'base64');
  if (bytes !== undefined && decoded.length !== bytes) throw new EnvelopeProblem(`"${name}" must hold ${bytes} bytes, not ${decoded.length}`);
  return decoded;
}

function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;
}

function parseKdf(raw: unknown): KdfInfo {
  if (raw === null || typeof raw !== 'object') throw new EnvelopeProblem('"kdf" is missing');
  const kdf = raw as Record<string, unknown>;
  if (kdf.name === 'key-file') return { name: 'key-file' };
  if (kdf.name === 'scrypt') {
    base64Field(kdf, 'salt', 16);
    const { N, r, p } = kdf;
    // Bounds keep a doctored file from making key derivation take unbounded memory or time.
    if (typeof N !== 'number' || !isPowerOfTwo(N) || N > 2 ** 20) throw new EnvelopeProblem('"kdf.N" must be a power of two up to 2^20');
    if (typeof r !== 'number' || !Number.isInteger(r) || r < 1 || r > 32) throw new EnvelopeProblem('"kdf.r" must be an integer from 1 to 32');
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 1 || p > 16) throw new EnvelopeProblem('"kdf.p" must be an integer from 1 to 16');
    return { name: 'scrypt', salt: kdf.salt as string, N, r, p };
  }
  throw new EnvelopeProblem(`"kdf.name" is ${JSON.stringify(kdf.name)}, expected "scrypt" or "key-file"`);
}

/** Parses the file text into an envelope, or throws EnvelopeProblem saying what is wrong. */
export function parseEnvelope(text: string): Envelope {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new EnvelopeProblem('it is not JSON');
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new EnvelopeProblem('it is not a JSON object');
  const value = raw as Record<string, unknown>;
  if (value.format !== ENVELOPE_FORMAT) throw new EnvelopeProblem(`"format" is not "${ENVELOPE_FORMAT}"`);
  if (typeof value.version !== 'number') throw new EnvelopeProblem('"version" is missing');
  if (value.version > ENVELOPE_VERSION) throw new EnvelopeProblem(`it has format version ${value.version}; this program reads version ${ENVELOPE_VERSION}`, true);
  if (value.version !== ENVELOPE_VERSION) throw new EnvelopeProblem(`"version" ${value.version} is not a known version`);
  if (value.cipher !== CIPHER) throw new EnvelopeProblem(`"cipher" is not "${CIPHER}"`);
  const kdf = parseKdf(value.kdf);
  base64Field(value, 'iv', IV_BYTES);
  base64Field(value, 'tag', TAG_BYTES);
  base64Field(value, 'ciphertext');
  return { format: ENVELOPE_FORMAT, version: ENVELOPE_VERSION, cipher: CIPHER, kdf, iv: value.iv as string, tag: value.tag as string, ciphertext: value.ciphertext as string };
}

/** The header is authenticated with the data, so changing the kdf parameters is detected like a wrong key. */
function additionalData(kdf: KdfInfo): Buffer {
  const kdfPart = kdf.name === 'scrypt' ? `scrypt:${kdf.salt}:${kdf.N}:${kdf.r}:${kdf.p}` : 'key-file';
  return Buffer.from(`${ENVELOPE_FORMAT}:${ENVELOPE_VERSION}:${CIPHER}:${kdfPart}`, 'utf8');
}

/** Encrypts `plaintext` under `key` with a fresh IV and returns the file text. */
export function sealEnvelope(plaintext: string, key: Buffer, kdf: KdfInfo): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(CIPHER, key, iv);
  cipher.setAAD(additionalData(kdf));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const envelope: Envelope = {
    format: ENVELOPE_FORMAT,
    version: ENVELOPE_VERSION,
    cipher: CIPHER,
    kdf,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

/** Decrypts an envelope; throws DecryptFailed when the key is wrong or anything authenticated was changed. */
export function openEnvelope(envelope: Envelope, key: Buffer): string {
  const decipher = createDecipheriv(CIPHER, key, Buffer.from(envelope.iv, 'base64'));
  decipher.setAAD(additionalData(envelope.kdf));
  decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(envelope.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new DecryptFailed('authentication failed');
  }
}
