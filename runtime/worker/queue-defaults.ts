/** Defaults shared by producers and workers of a queue. */

export const DEFAULT_QUEUE = 'zcrm-jobs';
/** BullMQ's own default key prefix. */
export const DEFAULT_QUEUE_PREFIX = 'bull';
/** Tries per job for retryable errors. */
export const DEFAULT_ATTEMPTS = 5;
/** First retry delay; it doubles per try, with jitter. */
export const DEFAULT_BACKOFF_MS = 1000;
/** Completed jobs are kept a day: within it, enqueuing the same idempotency key again returns the first result. */
export const DEFAULT_KEEP_COMPLETED_SEC = 24 * 3600;
/** Failed jobs are kept a week, for the platform to look at and decide. */
export const DEFAULT_KEEP_FAILED_SEC = 7 * 24 * 3600;

/** Where the worker notes a job it is running: a note found on pick-up means the last holder died mid-run. */
export function runningKey(prefix: string, queue: string, jobId: string): string {
  return `${prefix}:${queue}:zcrm-running:${jobId}`;
}
