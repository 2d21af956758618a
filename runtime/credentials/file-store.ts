/** A CredentialStore in one AES-256-GCM encrypted file, written atomically under a cross-process lock. */
import { statSync } from 'node:fs';
import { chmod, mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConnectionError } from '../errors';
import type { Connection, CredentialStore } from '../types';
import { removeAbandonedTemps, replaceFile } from './atomic-file';
import { applyChange, assertSavable, connectionProblem, copyConnection, notFound, registerSecrets } from './connection-record';
import { DecryptFailed, EnvelopeProblem, openEnvelope, parseEnvelope, sealEnvelope, type KdfInfo } from './envelope';
import { withFileLock } from './file-lock';
import { StoreKey } from './store-key';

export const STORE_FILE_NAME = 'connections.enc.json';

/** Read-modify-write rounds before giving up when other writers keep replacing the file. */
const MAX_WRITE_ATTEMPTS = 5;

/** The file changed since it was read: another process wrote it (see #mutate). */
class StoreChanged extends Error {}

/** One version of the store file: every write renames a new file into place, so inode, size and mtime change. */
function fileVersion(file: string): string {
  try {
    const info = statSync(file, { bigint: true });
    return `${info.ino}:${info.size}:${info.mtimeNs}`;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    throw err;
  }
}
export const KEY_FILE_NAME = 'key';

export interface FileCredentialStoreOptions {
  /** Folder of the store file and key file (created with mode 0700 when missing). */
  dir: string;
  /** ZCRM_SECRET: when set, the key is derived from it instead of read from the key file. */
  secret?: string;
  /** A lock not refreshed for this long is taken over from its (dead) holder; default 5000, minimum 2000. */
  lockStaleMs?: number;
}

interface Snapshot {
  connections: Map<string, Connection>;
  /** The kdf of the file read; undefined when there is no file yet. */
  kdf?: KdfInfo;
}

interface Change<T> {
  result: T;
  /** False when nothing needs writing. */
  write: boolean;
}

export class FileCredentialStore implements CredentialStore {
  readonly dir: string;
  readonly file: string;
  readonly keyFile: string;
  readonly #key: StoreKey;
  readonly #lockStaleMs: number;

  constructor(options: FileCredentialStoreOptions) {
    // Absolute, so every instance names the same lock for the same folder.
    this.dir = resolve(options.dir);
    this.file = join(options.dir, STORE_FILE_NAME);
    this.keyFile = join(options.dir, KEY_FILE_NAME);
    this.#key = new StoreKey(this.file, this.keyFile, options.secret || undefined);
    this.#lockStaleMs = options.lockStaleMs ?? 5000;
  }

  async list(): Promise<Connection[]> {
    const { connections } = await this.#read();
    return [...connections.values()].sort((a, b) => a.nickname.localeCompare(b.nickname));
  }

  async get(nickname: string): Promise<Connection | undefined> {
    return (await this.#read()).connections.get(nickname);
  }

  async put(connection: Connection): Promise<void> {
    assertSavable(connection);
    const stored = copyConnection(connection);
    registerSecrets(stored);
    await this.#mutate(async (connections) => {
      connections.set(stored.nickname, stored);
      return { result: undefined, write: true };
    });
  }

  update(nickname: string, change: (current: Connection) => Connection): Promise<Connection> {
    return this.#mutate(async (connections) => {
      const current = connections.get(nickname);
      if (!current) throw notFound(nickname, [...connections.keys()].sort());
      const next = await applyChange(current, change);
      registerSecrets(next);
      connections.set(nickname, next);
      return { result: copyConnection(next), write: true };
    });
  }

  delete(nickname: string): Promise<boolean> {
    return this.#mutate(async (connections) => {
      const existed = connections.delete(nickname);
      return { result: existed, write: existed };
    });
  }

  /** Reads and decrypts the whole file. Reads take no lock: writes replace the file atomically. */
  async #read(): Promise<Snapshot> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { connections: new Map() };
      throw new ConnectionError(
        'CREDENTIAL_STORE_UNREADABLE',
        `Cannot read the credential store ${this.file} (${(err as NodeJS.ErrnoException).code ?? 'error'}).`,
        'Check the owner and permissions of the file and its folder (they should belong to you, modes 0600 and 0700).',
        { file: this.file },
      );
    }

    let envelope;
    try {
      envelope = parseEnvelope(text);
    } catch (err) {
      if (!(err instanceof EnvelopeProblem)) throw err;
      throw err.unsupported
        ? new ConnectionError('CREDENTIAL_STORE_UNSUPPORTED', `The credential store ${this.file} was written by a newer version: ${err.message}.`, 'Upgrade this program to read it. The file was left as it is.', { file: this.file })
        : this.#corrupt(err.message);
    }

    const key = await this.#key.keyFor(envelope.kdf);
    let plaintext: string;
    try {
      plaintext = openEnvelope(envelope, key);
    } catch (err) {
      if (!(err instanceof DecryptFailed)) throw err;
      throw new ConnectionError(
        'CREDENTIAL_STORE_LOCKED',
        `The credential store ${this.file} could not be decrypted with this key.`,
        this.#key.usesSecret
          ? 'ZCRM_SECRET differs from the one used when the store was written. Set it back to that value, or move the file away to start over with an empty store. The file was left as it is.'
          : `The key file ${this.keyFile} was replaced since the store was written. Restore the original key file, or move the store file away to start over with an empty store. The file was left as it is.`,
        { file: this.file },
      );
    }

    return { connections: this.#parseConnections(plaintext), kdf: envelope.kdf };
  }

  #parseConnections(plaintext: string): Map<string, Connection> {
    let payload: unknown;
    try {
      payload = JSON.parse(plaintext);
    } catch {
      throw this.#corrupt('its decrypted content is not JSON');
    }
    const list = (payload as { connections?: unknown } | null)?.connections;
    if (!Array.isArray(list)) throw this.#corrupt('its decrypted content has no list of connections');
    const connections = new Map<string, Connection>();
    for (const [i, item] of list.entries()) {
      const problem = connectionProblem(item);
      if (problem) throw this.#corrupt(`connection #${i + 1} ${problem}`);
      const connection = item as Connection;
      registerSecrets(connection);
      connections.set(connection.nickname, connection);
    }
    return connections;
  }

  #corrupt(problem: string): ConnectionError {
    return new ConnectionError(
      'CREDENTIAL_STORE_CORRUPT',
      `The credential store ${this.file} is damaged: ${problem}.`,
      `Restore it from a backup, or move it away (for example to ${this.file}.damaged) and add your connections again. The file was left as it is.`,
      { file: this.file },
    );
  }

  /**
   * Read-modify-write under the cross-process lock: the file is re-read after the lock is taken, so a
   * connection another process saved a moment ago is kept. Nothing is written when the read fails.
   *
   * The lock alone is not enough: a writer stalled longer than the stale time (a loaded machine, a paused
   * process) has its lock taken over while it still holds an old snapshot. So the write only goes ahead if the
   * file is still the version that was read (checked just before the rename); otherwise it is read and
   * changed again, so that a save another process confirmed meanwhile is never overwritten.
   */
  async #mutate<T>(change: (connections: Map<string, Connection>) => Promise<Change<T>>): Promise<T> {
    await this.#ensureDir();
    return withFileLock(this.file, { staleMs: this.#lockStaleMs }, async (assertHeld) => {
      await removeAbandonedTemps(this.file, this.#lockStaleMs);
      for (let attempt = 1; ; attempt++) {
        // Taken before the read: a write between the two makes the check below fail, never pass wrongly.
        const version = fileVersion(this.file);
        const snapshot = await this.#read();
        const { result, write } = await change(snapshot.connections);
        if (!write) return result;
        const kdf = snapshot.kdf ?? (await this.#key.kdfForNewFile());
        const key = await this.#key.keyFor(kdf);
        const connections = [...snapshot.connections.values()].sort((a, b) => a.nickname.localeCompare(b.nickname));
        try {
          await replaceFile(this.file, sealEnvelope(JSON.stringify({ connections }), key, kdf), 0o600, () => {
            assertHeld();
            if (fileVersion(this.file) !== version) throw new StoreChanged();
          });
          return result;
        } catch (err) {
          // ENOENT: our temp file was removed as abandoned while this process was stalled; the same story.
          const raced = err instanceof StoreChanged || (err as NodeJS.ErrnoException).code === 'ENOENT';
          if (!raced) throw err;
          if (attempt >= MAX_WRITE_ATTEMPTS) {
            throw new ConnectionError('CREDENTIAL_STORE_BUSY', `The credential store ${this.file} kept changing under this write (${attempt} tries); nothing was written.`, 'Retry the command; if it persists, look for processes writing the store in a loop.', { file: this.file });
          }
        }
      }
    });
  }

  async #ensureDir(): Promise<void> {
    const created = await mkdir(this.dir, { recursive: true, mode: 0o700 });
    // Only a folder made here is narrowed (the umask may have widened nothing, but be exact); an existing
    // folder such as ZCRM_HOME keeps the mode its owner chose.
    if (created !== undefined) await chmod(this.dir, 0o700);
  }
}
