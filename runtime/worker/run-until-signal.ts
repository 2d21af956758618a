/**
 * A worker process's life: run until SIGTERM or SIGINT, then close gracefully (finish the jobs in hand within
 * the grace period, then cancel them); a second signal cancels them at once.
 */
import type { Logger } from '../types';
import { DEFAULT_GRACE_MS, type RunningWorker } from './worker';

export interface RunUntilSignalOptions {
  log: Logger;
  graceMs?: number;
  /** Runs after the worker closed (close the host's connections here). */
  afterClose?: () => Promise<void>;
}

export function runUntilSignal(worker: RunningWorker, options: RunUntilSignalOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        options.log.warn({ signal }, 'second signal: cancelling the jobs in hand');
        worker.cancelAll();
        return;
      }
      stopping = true;
      options.log.info({ signal, graceMs: options.graceMs ?? DEFAULT_GRACE_MS }, 'shutting down: no new jobs; finishing the jobs in hand');
      worker
        .close({ graceMs: options.graceMs ?? DEFAULT_GRACE_MS })
        .then(() => options.afterClose?.())
        .then(
          () => {
            process.off('SIGTERM', onSignal);
            process.off('SIGINT', onSignal);
            resolve();
          },
          reject,
        );
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}
