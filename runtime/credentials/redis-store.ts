/**
 * A CredentialStore on Redis, for workers on several processes or machines: one encrypted entry per connection
 * (the file store's AES-256-GCM envelope, its key derived from ZCRM_SECRET with scrypt), and `update` a
 * compare-and-set in a Lua script, retried on conflict, so concurrent writers anywhere lose nothing.
 */
import { KeyedQueue } from './keyed-queue';
import type { Redis } from 'ioredis';
import { ConnectionError, InputError } from '../errors';
import type { Connection, CredentialStore } from '../types';
import { applyChange, assertSavable, connectionProblem, copyConnection, notFound, registerSecrets } from './connection-record';
import { DecryptFailed, EnvelopeProblem, openEnvelope, parseEnvelope, sealEnvelope, type KdfInfo } from './envelope';
import { StoreKey } from './store-key';

export const DEFAULT_STORE_PREFIX = 'zcrm:store:';

export interface RedisCredentialStoreOptions {
  redis: Redis;
  /** ZCRM_SECRET: required; every process of a deployment must use the same one. */
  secret: string | undefined;
  /** Key prefix (default `zcrm:store:`): one store per prefix. */
  prefix?: string;
  /** How the store is named in messages (default the prefix). */
  label?: string;
}

// KEYS[1] entry; ARGV expected text ('' = must not exist), new text. 1 when written, 0 when someone changed it first.
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if (current == false and ARGV[1] ~= '') or (current ~= false and current ~= ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
return 1`;

const MAX_CONFLICTS = 100;

export class RedisCredentialStore implements CredentialStore {
  readonly prefix: string;
  readonly label: string;
  readonly #redis: Redis;
  readonly #key: StoreKey;
  #kdf: Promise<KdfInfo> | undefined;
  /** Writes to one nickname from this process run one after another: conflicts are then only with other processes. */
  readonly #queue = new KeyedQueue();

  constructor(options: RedisCredentialStoreOptions) {
    if (!options.secret) {
      throw new InputError('ZCRM_SECRET_REQUIRED', 'The Redis credential store needs ZCRM_SECRET to encrypt connections.', 'Set ZCRM_SECRET to the same long random value on every worker and on the machine that pushes connections.');
    }
    this.#redis = options.redis;
    this.prefix = options.prefix ?? DEFAULT_STORE_PREFIX;
    this.label = options.label ?? `redis:${this.prefix}`;
    this.#key = new StoreKey(this.label, this.label, options.secret);
  }

  async list(): Promise<Connection[]> {
    const nicknames = (await this.#redis.smembers(this.#indexKey())).sort((a, b) => a.localeCompare(b));
    if (nicknames.length === 0) return [];
    const texts = await this.#redis.mget(...nicknames.map((n) => this.#entryKey(n)));
    const out: Connection[] = [];
    for (const [i, text] of texts.entries()) if (text !== null) out.push(await this.#open(nicknames[i]!, text));
    return out;
  }

  async get(nickname: string): Promise<Connection | undefined> {
    const text = await this.#redis.get(this.#entryKey(nickname));
    return text === null ? undefined : this.#open(nickname, text);
  }

  async put(connection: Connection): Promise<void> {
    assertSavable(connection);
    const stored = copyConnection(connection);
    registerSecrets(stored);
    const text = await this.#seal(stored);
    await this.#queue.run(stored.nickname, async () => {
      await this.#redis.multi().set(this.#entryKey(stored.nickname), text).sadd(this.#indexKey(), stored.nickname).exec();
    });
  }

  update(nickname: string, change: (current: Connection) => Connection): Promise<Connection> {
    return this.#queue.run(nickname, async () => {
      for (let conflicts = 0; ; conflicts++) {
        const before = await this.#redis.get(this.#entryKey(nickname));
        if (before === null) throw notFound(nickname, (await this.#redis.smembers(this.#indexKey())).sort());
        const next = await applyChange(await this.#open(nickname, before), change);
        registerSecrets(next);
        const written = Number(await this.#redis.eval(COMPARE_AND_SET, 1, this.#entryKey(nickname), before, await this.#seal(next)));
        if (written === 1) return copyConnection(next);
        if (conflicts >= MAX_CONFLICTS) {
          throw new ConnectionError('CREDENTIAL_STORE_BUSY', `Connection "${nickname}" in ${this.label} kept changing under this update (${conflicts} tries).`, 'Try again; if it persists, look for a process rewriting the connection in a loop.');
        }
        // Another process wrote in between: read again, after a short random pause so the writers spread out.
        await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 5 * Math.min(conflicts + 1, 10))));
      }
    });
  }

  async delete(nickname: string): Promise<boolean> {
    return this.#queue.run(nickname, async () => {
      const results = await this.#redis.multi().del(this.#entryKey(nickname)).srem(this.#indexKey(), nickname).exec();
      return Number(results?.[0]?.[1] ?? 0) > 0;
    });
  }

  #indexKey(): string {
    return `${this.prefix}connections`;
  }

  #entryKey(nickname: string): string {
    return `${this.prefix}connection:${nickname}`;
  }

  /** The store's kdf parameters (salt), made by the first writer and shared by all: scrypt then runs once per process. */
  #kdfInfo(): Promise<KdfInfo> {
    this.#kdf ??= (async () => {
      const kdfKey = `${this.prefix}kdf`;
      const existing = await this.#redis.get(kdfKey);
      if (existing === null) await this.#redis.set(kdfKey, JSON.stringify(await this.#key.kdfForNewFile()), 'NX');
      const text = (await this.#redis.get(kdfKey)) ?? '';
      try {
        return JSON.parse(text) as KdfInfo;
      } catch {
        throw this.#corrupt('kdf', 'its key parameters are not JSON');
      }
    })();
    this.#kdf.catch(() => (this.#kdf = undefined));
    return this.#kdf;
  }

  async #seal(connection: Connection): Promise<string> {
    const kdf = await this.#kdfInfo();
    return sealEnvelope(JSON.stringify(connection), await this.#key.keyFor(kdf), kdf);
  }

  async #open(nickname: string, text: string): Promise<Connection> {
    let envelope;
    try {
      envelope = parseEnvelope(text);
    } catch (err) {
      if (!(err instanceof EnvelopeProblem)) throw err;
      throw err.unsupported
        ? new ConnectionError('CREDENTIAL_STORE_UNSUPPORTED', `Connection "${nickname}" in ${this.label} was written by a newer version: ${err.message}.`, 'Upgrade this program on every worker.')
        : this.#corrupt(nickname, err.message);
    }
    let plaintext: string;
    try {
      plaintext = openEnvelope(envelope, await this.#key.keyFor(envelope.kdf));
    } catch (err) {
      if (!(err instanceof DecryptFailed)) throw err;
      throw new ConnectionError(
        'CREDENTIAL_STORE_LOCKED',
        `Connection "${nickname}" in ${this.label} could not be decrypted with this ZCRM_SECRET.`,
        'Every worker must use the ZCRM_SECRET the connections were pushed with. Set it back, or push the connections again with the new one.',
        { store: this.label },
      );
    }
    let value: unknown;
    try {
      value = JSON.parse(plaintext);
    } catch {
      throw this.#corrupt(nickname, 'its decrypted content is not JSON');
    }
    const problem = connectionProblem(value);
    if (problem) throw this.#corrupt(nickname, `it ${problem}`);
    const connection = value as Connection;
    // The name is inside the ciphertext: an entry copied to another key is refused, not served under a false name.
    if (connection.nickname !== nickname) throw this.#corrupt(nickname, `it holds connection "${connection.nickname}"`);
    registerSecrets(connection);
    return connection;
  }

  #corrupt(nickname: string, problem: string): ConnectionError {
    return new ConnectionError('CREDENTIAL_STORE_CORRUPT', `Entry "${nickname}" of ${this.label} is damaged: ${problem}.`, 'Push the connection again (`zcrm worker push <nickname>`), or delete the entry.', { store: this.label });
  }
}
