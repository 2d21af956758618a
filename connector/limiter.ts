/**
 * A concurrency limiter per Zoho org: at most N calls in flight (Zoho's per-edition concurrency), and a lower
 * sub-limit for the heavy calls (COQL, lead conversion, bulk) that Zoho caps separately, so a busy flow never
 * meets a 429. Process-wide: every client of the same org shares one limiter.
 */
import { cancelledError } from './sleep';

export type Lane = 'default' | 'heavy';

export interface LimiterSizes {
  /** Calls in flight for the org. */
  concurrency: number;
  /** Heavy calls in flight (they also count against `concurrency`). */
  heavyConcurrency: number;
}

/** Zoho's documented concurrency per edition; heavy APIs have a sub-limit of 10. */
const EDITION_CONCURRENCY: Record<string, number> = {
  free: 5,
  standard: 10,
  starter: 10,
  professional: 15,
  enterprise: 20,
  zohoone: 20,
  ultimate: 25,
  crmplus: 25,
};
const HEAVY_SUB_LIMIT = 10;
export const DEFAULT_CONCURRENCY = 10;

export function sizesFor(options: { edition?: string; concurrency?: number; heavyConcurrency?: number } = {}): LimiterSizes {
  const edition = options.edition?.toLowerCase().replace(/[^a-z]/g, '');
  const concurrency = positive(options.concurrency) ?? (edition ? EDITION_CONCURRENCY[edition] : undefined) ?? DEFAULT_CONCURRENCY;
  const heavy = positive(options.heavyConcurrency) ?? HEAVY_SUB_LIMIT;
  return { concurrency, heavyConcurrency: Math.min(heavy, concurrency) };
}

function positive(n: number | undefined): number | undefined {
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** A counting semaphore with a FIFO queue; waiters can be cancelled by a signal. */
class Semaphore {
  private active = 0;
  private readonly queue: { grant: () => void; abandon: () => void }[] = [];

  constructor(private size: number) {}

  get inFlight(): number {
    return this.active;
  }

  get waiting(): number {
    return this.queue.length;
  }

  resize(size: number): void {
    this.size = size;
    this.drain();
  }

  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(cancelledError());
    if (this.active < this.size && this.queue.length === 0) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const entry = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        abandon: () => reject(cancelledError()),
      };
      const onAbort = () => {
        const at = this.queue.indexOf(entry);
        if (at >= 0) this.queue.splice(at, 1);
        entry.abandon();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(entry);
    });
  }

  release(): void {
    this.active--;
    this.drain();
  }

  private drain(): void {
    while (this.active < this.size && this.queue.length > 0) {
      this.active++;
      this.queue.shift()!.grant();
    }
  }
}

export interface LimiterStats {
  inFlight: number;
  maxInFlight: number;
  waiting: number;
  sizes: LimiterSizes;
}

/** Slots shared with other processes (worker mode: connector/shared-limits.ts), taken after the local slot. */
export interface SharedSlots {
  take(lane: Lane, signal?: AbortSignal): Promise<() => Promise<void>>;
}

export class OrgLimiter {
  private readonly all: Semaphore;
  private readonly heavy: Semaphore;
  private max = 0;
  private shared: SharedSlots | undefined;

  constructor(private sizes: LimiterSizes) {
    this.all = new Semaphore(sizes.concurrency);
    this.heavy = new Semaphore(sizes.heavyConcurrency);
  }

  /** Makes every call also hold a slot shared with other processes (or, with undefined, stops doing so). */
  share(slots: SharedSlots | undefined): void {
    this.shared = slots;
  }

  resize(sizes: LimiterSizes): void {
    this.sizes = sizes;
    this.all.resize(sizes.concurrency);
    this.heavy.resize(sizes.heavyConcurrency);
  }

  /** Runs `task` once a slot is free. Heavy calls take a heavy slot first, so they never hold a general slot while queued. */
  async run<T>(lane: Lane, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (lane === 'heavy') await this.heavy.acquire(signal);
    try {
      await this.all.acquire(signal);
    } catch (err) {
      if (lane === 'heavy') this.heavy.release();
      throw err;
    }
    let giveBack: (() => Promise<void>) | undefined;
    try {
      giveBack = await this.shared?.take(lane, signal);
    } catch (err) {
      this.all.release();
      if (lane === 'heavy') this.heavy.release();
      throw err;
    }
    this.max = Math.max(this.max, this.all.inFlight);
    try {
      return await task();
    } finally {
      // A shared slot that cannot be given back (Redis gone) runs out with its lease.
      await giveBack?.().catch(() => undefined);
      this.all.release();
      if (lane === 'heavy') this.heavy.release();
    }
  }

  stats(): LimiterStats {
    return { inFlight: this.all.inFlight, maxInFlight: this.max, waiting: this.all.waiting + this.heavy.waiting, sizes: { ...this.sizes } };
  }
}

const registry = new Map<string, OrgLimiter>();

/** The shared limiter of one org (keyed by org id, or API domain and user until the org is known). */
export function limiterFor(key: string, sizes: LimiterSizes, shared?: SharedSlots): OrgLimiter {
  let limiter = registry.get(key);
  if (!limiter) {
    limiter = new OrgLimiter(sizes);
    registry.set(key, limiter);
  } else {
    const current = limiter.stats().sizes;
    if (current.concurrency !== sizes.concurrency || current.heavyConcurrency !== sizes.heavyConcurrency) limiter.resize(sizes);
  }
  if (shared) limiter.share(shared);
  return limiter;
}
