/** Where the store's encryption key comes from: scrypt over a secret (ZCRM_SECRET), or a generated key file. */
import { randomBytes, scrypt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ConnectionError } from '../errors';
import { secrets } from '../secrets';
import { createFileExclusive } from './atomic-file';
import type { KdfInfo } from './envelope';

const KEY_BYTES = 32;
/** scrypt cost for new files: about 32 MiB and a fraction of a second, once per process and file. */
const NEW_SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;

function deriveKey(secret: string, kdf: Extract<KdfInfo, { name: 'scrypt' }>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const maxmem = 256 * kdf.N * kdf.r + 1024 * 1024;
    scrypt(secret, Buffer.from(kdf.salt, 'base64'), KEY_BYTES, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function locked(storeFile: string, message: string, hint: string): ConnectionError {
  return new ConnectionError('CREDENTIAL_STORE_LOCKED', message, hint, { file: storeFile });
}

export class StoreKey {
  /** Derived keys by kdf parameters: scrypt is deliberately slow, so each is derived once. */
  readonly #derived = new Map<string, Promise<Buffer>>();

  constructor(
    readonly storeFile: string,
    readonly keyFile: string,
    private readonly secret: string | undefined,
  ) {
    if (secret) secrets.add(secret);
  }

  /** Whether keys come from the secret (true) or the key file (false). */
  get usesSecret(): boolean {
    return this.secret !== undefined;
  }

  /**
   * The kdf for a store file being created. With no secret this also creates the key file when it is missing
   * (never replacing one that exists); the caller holds the store's lock.
   */
  async kdfForNewFile(): Promise<KdfInfo> {
    if (this.secret !== undefined) return { name: 'scrypt', salt: randomBytes(16).toString('base64'), ...NEW_SCRYPT };
    await createFileExclusive(this.keyFile, `${randomBytes(KEY_BYTES).toString('base64')}\n`, 0o600);
    return { name: 'key-file' };
  }

  /** The key for a file written with `kdf`, or a CREDENTIAL_STORE_LOCKED error saying which key is missing. */
  async keyFor(kdf: KdfInfo): Promise<Buffer> {
    if (kdf.name === 'scrypt') {
      if (this.secret === undefined) {
        throw locked(
          this.storeFile,
          `The credential store ${this.storeFile} is encrypted with a secret (ZCRM_SECRET), which is not set.`,
          'Set ZCRM_SECRET to the value used when the store was written, or move the file away to start over with a new store.',
        );
      }
      const id = `${kdf.salt}:${kdf.N}:${kdf.r}:${kdf.p}`;
      let key = this.#derived.get(id);
      if (!key) {
        key = deriveKey(this.secret, kdf);
        this.#derived.set(id, key);
      }
      return key;
    }
    if (this.secret !== undefined) {
      throw locked(
        this.storeFile,
        `The credential store ${this.storeFile} is encrypted with the key file ${this.keyFile}, but ZCRM_SECRET is set.`,
        'Unset ZCRM_SECRET to use the store with its key file, or move the store file away to start over with a store keyed by ZCRM_SECRET.',
      );
    }
    return this.#readKeyFile();
  }

  async #readKeyFile(): Promise<Buffer> {
    let text: string;
    try {
      text = await readFile(this.keyFile, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        throw locked(
          this.storeFile,
          `The credential store ${this.storeFile} could not be decrypted: its key file ${this.keyFile} is missing.`,
          'Restore the key file from a backup, or move the store file away to start over (its connections are then lost).',
        );
      }
      throw new ConnectionError('CREDENTIAL_KEY_UNREADABLE', `Cannot read the key file ${this.keyFile} (${(err as NodeJS.ErrnoException).code ?? 'error'}).`, 'Check its owner and permissions (it should be readable by you only, mode 0600).', { file: this.keyFile });
    }
    const key = Buffer.from(text.trim(), 'base64');
    if (key.length !== KEY_BYTES || !/^[A-Za-z0-9+/]+={0,2}$/.test(text.trim())) {
      throw new ConnectionError(
        'CREDENTIAL_KEY_INVALID',
        `The key file ${this.keyFile} does not hold a ${KEY_BYTES}-byte base64 key.`,
        'Restore the key file from a backup. If it is lost, move the store file and the key file away to start over.',
        { file: this.keyFile },
      );
    }
    secrets.add(text.trim());
    return key;
  }
}
