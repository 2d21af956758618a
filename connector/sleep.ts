/** An abortable timer, and the clock type the connector takes so tests can control time. */
import { HostError } from '../runtime/errors';

export type Clock = () => number;
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export function cancelledError(outcomeUnknown = false): HostError {
  return new HostError({
    code: 'CANCELLED',
    category: outcomeUnknown ? 'unknown_outcome' : 'input',
    message: outcomeUnknown ? 'Cancelled while a write was in flight: it may or may not have happened.' : 'Cancelled.',
    retryable: !outcomeUnknown,
  });
}

export const sleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
