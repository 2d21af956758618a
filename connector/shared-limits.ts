/**
 * Zoho's per-org concurrency shared by every process (worker mode): the org limiter of each process takes a
 * slot of a shared semaphore per org (and of the heavy lane's) after its local slot, so all workers together
 * keep within the org's limit.
 */
import type { Coordination } from '../runtime/types';
import type { Lane, LimiterSizes, SharedSlots } from './limiter';

export function sharedSlots(coordination: Coordination, orgKey: string, sizes: LimiterSizes): SharedSlots {
  const all = coordination.semaphore(`zoho-org:${orgKey}`, sizes.concurrency);
  const heavy = coordination.semaphore(`zoho-org:${orgKey}:heavy`, sizes.heavyConcurrency);
  return {
    async take(lane: Lane, signal?: AbortSignal) {
      // Heavy first, as the local limiter does: a heavy call never holds a general slot while it queues.
      const releaseHeavy = lane === 'heavy' ? await heavy.acquire(signal) : undefined;
      let releaseAll: () => Promise<void>;
      try {
        releaseAll = await all.acquire(signal);
      } catch (err) {
        await releaseHeavy?.();
        throw err;
      }
      return async () => {
        await releaseAll();
        await releaseHeavy?.();
      };
    },
  };
}
