/**
 * Wake-up calls between processes over Redis pub/sub: a waiter for a lock or a semaphore slot sleeps until a
 * holder publishes that it let go, or until a fallback timeout (a crashed holder publishes nothing). One
 * subscriber connection per process, opened on first use.
 */
import type { Redis } from 'ioredis';

interface Channel {
  /** Messages seen so far: a waiter that read it before trying knows whether it missed one meanwhile. */
  seen: number;
  sleepers: Set<() => void>;
}

export class Wakeups {
  readonly #channels = new Map<string, Channel>();
  #subscriber: Redis | undefined;
  #subscribed = new Map<string, Promise<void>>();
  #closed = false;

  constructor(private readonly redis: Redis) {}

  /** Starts listening on `channel` (once); resolves when the subscription is active. */
  listen(channel: string): Promise<void> {
    let ready = this.#subscribed.get(channel);
    if (!ready) {
      this.#channels.set(channel, this.#channels.get(channel) ?? { seen: 0, sleepers: new Set() });
      ready = this.#connection()
        .subscribe(channel)
        .then(() => undefined);
      ready.catch(() => this.#subscribed.delete(channel));
      this.#subscribed.set(channel, ready);
    }
    return ready;
  }

  /** The count of messages seen on `channel`, to pass to `sleep`. */
  mark(channel: string): number {
    return this.#channels.get(channel)?.seen ?? 0;
  }

  /** Local holders letting go wake local waiters at once, without the round trip. */
  poke(channel: string): void {
    const c = this.#channels.get(channel);
    if (!c) return;
    c.seen++;
    for (const wake of [...c.sleepers]) wake();
  }

  /** Sleeps until a message newer than `mark` arrives on `channel`, `maxMs` pass, or `signal` aborts. */
  sleep(channel: string, mark: number, maxMs: number, signal?: AbortSignal): Promise<void> {
    const c = this.#channels.get(channel);
    if (!c || c.seen !== mark || this.#closed || signal?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        c.sleepers.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(1, maxMs));
      c.sleepers.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const c of this.#channels.values()) for (const wake of [...c.sleepers]) wake();
    const sub = this.#subscriber;
    this.#subscriber = undefined;
    if (sub) sub.disconnect();
  }

  #connection(): Redis {
    if (!this.#subscriber) {
      const sub = this.redis.duplicate({ connectionName: 'zcrm-coordination-wakeups' });
      sub.on('message', (channel: string) => this.poke(channel));
      // Errors surface as timeouts of the waiters (they fall back to polling); they must not crash the process.
      sub.on('error', () => undefined);
      this.#subscriber = sub;
    }
    return this.#subscriber;
  }
}
