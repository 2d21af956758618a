/** A cross-process lock on a file (proper-lockfile, stale locks of dead holders recovered), queued within the process. */
import { lock } from 'proper-lockfile';
import { ConnectionError } from '../errors';

/** Work queued per lock path in this process, so its own callers wait in line instead of polling the lock. */
const localQueues = new Map<string, Promise<unknown>>();

/** How long a writer waits its turn behind other live writers, beyond outlasting a dead holder's lock. */
const CONTENTION_WAIT_MS = 30_000;

export interface FileLockOptions {
  /** A lock not refreshed for this long belongs to a dead process and is taken over (at least 2000 ms). */
  staleMs: number;
}

/**
 * Runs `work` while holding the lock on `target` (the lock is the folder `<target>.lock`; `target` need not
 * exist). `assertHeld` throws when the lock was lost meanwhile (another process judged it stale), so a write
 * can be abandoned rather than clobber that process's work.
 */
export function withFileLock<T>(target: string, options: FileLockOptions, work: (assertHeld: () => void) => Promise<T>): Promise<T> {
  const previous = localQueues.get(target) ?? Promise.resolve();
  const result = previous.then(() => lockAndRun(target, options, work));
  const tail = result.catch(() => undefined);
  localQueues.set(target, tail);
  void tail.then(() => {
    if (localQueues.get(target) === tail) localQueues.delete(target);
  });
  return result;
}

async function lockAndRun<T>(target: string, options: FileLockOptions, work: (assertHeld: () => void) => Promise<T>): Promise<T> {
  const staleMs = Math.max(options.staleMs, 2000);
  let lost: Error | undefined;
  let release: () => Promise<void>;
  try {
    release = await lock(target, {
      realpath: false,
      stale: staleMs,
      // Poll often enough to follow a busy writer, for long enough to outlast a dead holder's stale lock and a
      // queue of other writers (polling is not fair: under contention one process can miss many turns in a row).
      retries: { retries: Math.ceil((2 * staleMs + CONTENTION_WAIT_MS) / 100), factor: 1.3, minTimeout: 10, maxTimeout: 100, randomize: true },
      onCompromised: (err) => {
        lost = err;
      },
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new ConnectionError(
        'CREDENTIAL_STORE_BUSY',
        `Could not get the lock on ${target}: other processes held it for more than ${Math.round((2 * staleMs + CONTENTION_WAIT_MS) / 1000)} s.`,
        `If no other zcrm process is running, remove the folder ${target}.lock and retry.`,
        { file: target },
      );
    }
    throw err;
  }

  const assertHeld = () => {
    if (lost) {
      throw new ConnectionError(
        'CREDENTIAL_STORE_LOCK_LOST',
        `Lost the lock on ${target} before the write finished (this process was stalled longer than ${staleMs} ms); nothing was written.`,
        'Retry the command.',
        { file: target },
      );
    }
  };

  try {
    return await work(assertHeld);
  } finally {
    // Releasing a lock that was taken over fails; the other holder owns it now, so that is not an error here.
    await release().catch(() => undefined);
  }
}
