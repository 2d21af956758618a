/**
 * A counting semaphore across processes on Redis: a sorted set of holders scored by when their lease ends
 * (Redis's own clock, so the machines' clocks do not matter). Each process renews its holders' leases in one
 * call; the slots of a process that died expire after one lease. Within a process waiters queue FIFO and one
 * of them at a time asks Redis, woken by pub/sub when a slot is given back anywhere.
 */
import type { Redis } from 'ioredis';
import type { SharedSemaphore } from '../types';
import { lockCancelled } from './redis-lock';
import { defineScript, type ScriptCall } from './redis-script';
import type { Wakeups } from './wakeups';

// KEYS[1] the set; ARGV member, limit, lease ms. Returns 1 when granted, else -(ms until the first lease ends).
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) + 1000)
  return 1
end
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return -math.max(1, tonumber(first[2]) - now)`;
const RELEASE = `
local removed = redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('PUBLISH', ARGV[2], '1')
return removed`;
// ARGV lease ms, then members. Returns the members whose lease was already gone (their slot may be someone else's now).
const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lost = {}
for i = 2, #ARGV do
  if redis.call('ZSCORE', KEYS[1], ARGV[i]) then
    redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[1]), ARGV[i])
  else
    table.insert(lost, ARGV[i])
  end
end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]) + 1000)
return lost`;

const MAX_POLL_MS = 1000;

interface Waiter {
  grant: (release: () => Promise<void>) => void;
  fail: (err: unknown) => void;
  signal?: AbortSignal;
}

export interface SemaphoreScripts {
  acquire: ScriptCall;
  release: ScriptCall;
  renew: ScriptCall;
}

export function semaphoreScripts(redis: Redis): SemaphoreScripts {
  return {
    acquire: defineScript(redis, 'zcrmSemAcquire', 1, ACQUIRE),
    release: defineScript(redis, 'zcrmSemRelease', 1, RELEASE),
    renew: defineScript(redis, 'zcrmSemRenew', 1, RENEW),
  };
}

export class RedisSemaphore implements SharedSemaphore {
  readonly #queue: Waiter[] = [];
  readonly #held = new Set<string>();
  #pumping = false;
  #next = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    readonly key: string,
    private limit: number,
    private readonly setKey: string,
    private readonly channel: string,
    private readonly owner: string,
    private readonly leaseMs: number,
    private readonly scripts: SemaphoreScripts,
    private readonly wakeups: Wakeups,
    private readonly onLost: (key: string, count: number) => void,
  ) {}

  /** Slots this process holds now. */
  get holding(): number {
    return this.#held.size;
  }

  setLimit(limit: number): void {
    this.limit = limit;
  }

  acquire(signal?: AbortSignal): Promise<() => Promise<void>> {
    if (signal?.aborted) return Promise.reject(lockCancelled(this.key));
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        // The head of the line may be asking Redis right now: the pump drops it (and gives back a slot it got).
        const at = this.#queue.indexOf(waiter);
        if (at > 0) this.#queue.splice(at, 1);
        reject(lockCancelled(this.key));
      };
      const waiter: Waiter = {
        grant: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
        fail: (err) => {
          signal?.removeEventListener('abort', onAbort);
          reject(err);
        },
        ...(signal ? { signal } : {}),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiter);
      void this.#pump();
    });
  }

  /** Gives back every slot held (shutdown); waiters fail. */
  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    for (const waiter of this.#queue.splice(0)) waiter.fail(lockCancelled(this.key));
    await Promise.all([...this.#held].map((member) => this.#giveBack(member)));
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      await this.wakeups.listen(this.channel);
      while (this.#queue.length > 0) {
        const waiter = this.#queue[0]!;
        if (waiter.signal?.aborted) {
          this.#queue.shift();
          continue;
        }
        const mark = this.wakeups.mark(this.channel);
        const member = `${this.owner}:${this.#next++}`;
        const answer = Number(await this.scripts.acquire(this.setKey, member, this.limit, this.leaseMs));
        if (answer === 1) {
          this.#queue.shift();
          this.#held.add(member);
          this.#startRenewing();
          if (waiter.signal?.aborted) await this.#giveBack(member);
          else waiter.grant(() => this.#giveBack(member));
          continue;
        }
        await this.wakeups.sleep(this.channel, mark, Math.min(-answer, MAX_POLL_MS), waiter.signal);
      }
    } catch (err) {
      // Redis failed: the waiters in line fail with it rather than hang (the connector treats it as a failed call).
      for (const waiter of this.#queue.splice(0)) waiter.fail(err);
    } finally {
      this.#pumping = false;
    }
  }

  async #giveBack(member: string): Promise<void> {
    if (!this.#held.delete(member)) return;
    if (this.#held.size === 0 && this.#timer) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
    try {
      await this.scripts.release(this.setKey, member, this.channel);
    } catch {
      // The lease runs out by itself.
    }
    this.wakeups.poke(this.channel);
  }

  #startRenewing(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.#renew(), Math.max(50, Math.floor(this.leaseMs / 3)));
    this.#timer.unref();
  }

  async #renew(): Promise<void> {
    if (this.#held.size === 0) return;
    try {
      const lost = (await this.scripts.renew(this.setKey, this.leaseMs, ...this.#held)) as string[];
      // A lost lease means this process was paused past it; the call in flight goes on, the count may briefly exceed the limit.
      if (lost.length > 0) this.onLost(this.key, lost.length);
    } catch {
      // Redis unreachable for a moment: the next renewal tries again.
    }
  }
}
