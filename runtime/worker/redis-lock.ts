/**
 * A lock across processes on Redis: one holder at a time, a lease that the holder renews while it lives (so a
 * crashed holder blocks others for one lease at most), and a fencing token that grows with every grant.
 */
import type { Redis } from 'ioredis';
import { HostError } from '../errors';
import type { Lease } from '../types';
import type { CoordinationKeys } from './coordination-keys';
import { defineScript, type ScriptCall } from './redis-script';
import type { Wakeups } from './wakeups';

// Returns {1, fence} when granted, else {0, milliseconds the current lease still runs}.
const ACQUIRE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return {0, redis.call('PTTL', KEYS[1])} end
local fence = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. '#' .. fence, 'PX', ARGV[2])
return {1, fence}`;
const EXTEND = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('PUBLISH', ARGV[2], '1')
  return 1
end
return 0`;

/** Longest sleep between two tries when no release message comes (a holder that died sends none). */
const MAX_POLL_MS = 1000;

export function lockCancelled(key: string): HostError {
  return new HostError({ code: 'CANCELLED', category: 'input', retryable: true, message: `Cancelled while waiting for the lock "${key}".` });
}

class RedisLease implements Lease {
  #validUntil: number;
  #lost = false;
  #released = false;
  readonly #timer: NodeJS.Timeout;

  constructor(
    readonly fencingToken: number,
    private readonly value: string,
    private readonly lockKey: string,
    private readonly channel: string,
    private readonly leaseMs: number,
    sentAt: number,
    private readonly scripts: { extend: ScriptCall; release: ScriptCall },
  ) {
    // Counted from before the request was sent: the lease surely lasts at least this long.
    this.#validUntil = sentAt + leaseMs;
    this.#timer = setInterval(() => void this.#renew(), Math.max(50, Math.floor(leaseMs / 3)));
    this.#timer.unref();
  }

  held(): boolean {
    return !this.#released && !this.#lost && Date.now() < this.#validUntil;
  }

  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    clearInterval(this.#timer);
    await this.scripts.release(this.lockKey, this.value, this.channel);
  }

  async #renew(): Promise<void> {
    if (this.#released || this.#lost) return;
    const sentAt = Date.now();
    try {
      const extended = Number(await this.scripts.extend(this.lockKey, this.value, this.leaseMs));
      if (extended === 1) this.#validUntil = sentAt + this.leaseMs;
      else {
        this.#lost = true;
        clearInterval(this.#timer);
      }
    } catch {
      // Redis unreachable for a moment: the lease runs out on its own unless a later renewal gets through.
    }
  }
}

export class RedisLocks {
  readonly #acquire: ScriptCall;
  readonly #extend: ScriptCall;
  readonly #release: ScriptCall;

  constructor(
    redis: Redis,
    private readonly keys: CoordinationKeys,
    private readonly wakeups: Wakeups,
    /** Who holds a lock: written into its value, so only the holder can extend or release it. */
    private readonly owner: string,
  ) {
    this.#acquire = defineScript(redis, 'zcrmLockAcquire', 2, ACQUIRE);
    this.#extend = defineScript(redis, 'zcrmLockExtend', 1, EXTEND);
    this.#release = defineScript(redis, 'zcrmLockRelease', 1, RELEASE);
  }

  async lock(key: string, leaseMs: number, signal?: AbortSignal): Promise<Lease> {
    if (!Number.isInteger(leaseMs) || leaseMs < 100) throw new RangeError(`lease of lock "${key}" must be at least 100 ms, not ${leaseMs}`);
    const lockKey = this.keys.lock(key);
    const channel = this.keys.channel('lock', key);
    await this.wakeups.listen(channel);
    for (;;) {
      if (signal?.aborted) throw lockCancelled(key);
      const mark = this.wakeups.mark(channel);
      const sentAt = Date.now();
      const [granted, value] = (await this.#acquire(lockKey, this.keys.fence(), this.owner, leaseMs)) as [number, number];
      if (granted === 1) {
        return new RedisLease(value, `${this.owner}#${value}`, lockKey, channel, leaseMs, sentAt, { extend: this.#extend, release: this.#release });
      }
      await this.wakeups.sleep(channel, mark, Math.min(value > 0 ? value : MAX_POLL_MS, MAX_POLL_MS), signal);
    }
  }
}
