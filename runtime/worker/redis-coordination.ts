/**
 * Coordination (runtime/types.ts) on Redis: leased, fenced locks and leased counting semaphores shared by every
 * process that uses the same Redis and prefix. Connectors get it through ClientFactoryContext and never see
 * Redis.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { Coordination, Lease, Logger, SharedSemaphore } from '../types';
import { coordinationKeys, DEFAULT_COORDINATION_PREFIX, type CoordinationKeys } from './coordination-keys';
import { RedisLocks } from './redis-lock';
import { RedisSemaphore, semaphoreScripts, type SemaphoreScripts } from './redis-semaphore';
import { Wakeups } from './wakeups';

export interface RedisCoordinationOptions {
  /** A command connection (shared with other users is fine: nothing here blocks it or changes its state). */
  redis: Redis;
  /** Key prefix (default `zcrm:coord:`); processes coordinate only with those using the same one. */
  prefix?: string;
  /** Lease of a semaphore slot, renewed every third of it while held (default 15 s): a dead process's slots free up after it. */
  slotLeaseMs?: number;
  log?: Logger;
}

export const DEFAULT_SLOT_LEASE_MS = 15_000;

export class RedisCoordination implements Coordination {
  /** Names this process in lock values and semaphore members (host, pid and a random part, so restarts differ). */
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  readonly #keys: CoordinationKeys;
  readonly #wakeups: Wakeups;
  readonly #locks: RedisLocks;
  readonly #scripts: SemaphoreScripts;
  readonly #semaphores = new Map<string, RedisSemaphore>();
  readonly #slotLeaseMs: number;

  constructor(private readonly options: RedisCoordinationOptions) {
    this.#keys = coordinationKeys(options.prefix ?? DEFAULT_COORDINATION_PREFIX);
    this.#wakeups = new Wakeups(options.redis);
    this.#locks = new RedisLocks(options.redis, this.#keys, this.#wakeups, this.owner);
    this.#scripts = semaphoreScripts(options.redis);
    this.#slotLeaseMs = options.slotLeaseMs ?? DEFAULT_SLOT_LEASE_MS;
  }

  lock(key: string, leaseMs: number, signal?: AbortSignal): Promise<Lease> {
    return this.#locks.lock(key, leaseMs, signal);
  }

  semaphore(key: string, limit: number): SharedSemaphore {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`semaphore "${key}" needs a limit of at least 1, not ${limit}`);
    let semaphore = this.#semaphores.get(key);
    if (!semaphore) {
      semaphore = new RedisSemaphore(key, limit, this.#keys.semaphore(key), this.#keys.channel('semaphore', key), this.owner, this.#slotLeaseMs, this.#scripts, this.#wakeups, (k, count) =>
        this.options.log?.warn({ semaphore: k, count }, 'a shared slot lease ran out while held (this process was paused longer than the lease); the limit may have been exceeded for a moment'),
      );
      this.#semaphores.set(key, semaphore);
    } else {
      semaphore.setLimit(limit);
    }
    return semaphore;
  }

  /** Gives back held slots and stops listening; the command connection stays open (it is the caller's). */
  async close(): Promise<void> {
    await Promise.all([...this.#semaphores.values()].map((s) => s.close()));
    await this.#wakeups.close();
  }
}
