/**
 * The producer side: adds jobs (an idempotency key becomes the job id, so a key enqueued twice is one job),
 * reads a job's state and result, and waits for it. Platforms use it as a library; `zcrm enqueue` wraps it.
 */
import { randomBytes } from 'node:crypto';
import { Job, Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { HostError, InputError } from '../errors';
import { jobIdFor } from './job-id';
import { checkPayload, type JobPayload } from './job-payload';
import { lastLoggedError, type JobData, type JobOutput, type JobResult, type JobState } from './job-result';
import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS, DEFAULT_KEEP_COMPLETED_SEC, DEFAULT_KEEP_FAILED_SEC, DEFAULT_QUEUE, DEFAULT_QUEUE_PREFIX } from './queue-defaults';
import { closeRedis, openRedis, redisUrlFrom } from './redis-connection';

export interface QueueTarget {
  /** A Redis URL (default REDIS_URL, then redis://127.0.0.1:6379) or an open connection (left open by close()). */
  redis?: string | Redis;
  /** Queue name (default `zcrm-jobs`). Workers and producers must agree on it and on the prefix. */
  queue?: string;
  /** BullMQ key prefix (default `bull`). */
  prefix?: string;
}

export interface EnqueueOptions {
  /** Overrides the payload's idempotencyKey. Without either, every enqueue is a new job. */
  idempotencyKey?: string;
  /** Tries for retryable errors (default 5). */
  attempts?: number;
  /** First retry delay, doubled per try with jitter (default 1000 ms). */
  backoffMs?: number;
  /** BullMQ priority: 1 is the highest; jobs without one run first. */
  priority?: number;
  delayMs?: number;
  /** How long a completed job (and so its idempotency key) is remembered (default a day). */
  keepCompletedSec?: number;
  keepFailedSec?: number;
}

export interface EnqueueResult {
  jobId: string;
  /** True when a job with this idempotency key already existed: nothing new was added or will run. */
  duplicate: boolean;
}

export interface QueueDepth {
  waiting: number;
  active: number;
  delayed: number;
  prioritized: number;
  completed: number;
  failed: number;
}

export class JobQueue {
  readonly name: string;
  readonly prefix: string;
  readonly queue: Queue<JobData, JobOutput>;
  readonly #redis: Redis;
  readonly #ownsRedis: boolean;
  #events: QueueEvents | undefined;

  constructor(target: QueueTarget = {}) {
    this.name = target.queue ?? DEFAULT_QUEUE;
    this.prefix = target.prefix ?? DEFAULT_QUEUE_PREFIX;
    this.#ownsRedis = typeof target.redis !== 'object';
    this.#redis = typeof target.redis === 'object' ? target.redis : openRedis(redisUrlFrom(target.redis), 'zcrm-producer');
    this.queue = new Queue<JobData, JobOutput>(this.name, { connection: this.#redis, prefix: this.prefix });
    // Connection trouble is reported by the calls that fail; the emitter must not crash the process.
    this.queue.on('error', () => undefined);
  }

  async enqueue(payload: JobPayload, options: EnqueueOptions = {}): Promise<EnqueueResult> {
    const key = options.idempotencyKey ?? payload.idempotencyKey;
    const checked = checkPayload(key !== undefined ? { ...payload, idempotencyKey: key } : payload);
    const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
    if (!Number.isInteger(attempts) || attempts < 1) throw new InputError('JOB_INVALID', `attempts must be a whole number of at least 1, not ${attempts}.`);
    const data: JobData = { payload: checked, nonce: randomBytes(8).toString('hex'), enqueuedAt: new Date().toISOString() };
    const job = await this.queue.add(checked.kind === 'action' ? checked.actionId : 'flow', data, {
      ...(key !== undefined ? { jobId: jobIdFor(key) } : {}),
      attempts,
      backoff: { type: 'exponential', delay: options.backoffMs ?? DEFAULT_BACKOFF_MS, jitter: 0.5 },
      removeOnComplete: { age: options.keepCompletedSec ?? DEFAULT_KEEP_COMPLETED_SEC },
      removeOnFail: { age: options.keepFailedSec ?? DEFAULT_KEEP_FAILED_SEC },
      ...(options.priority !== undefined ? { priority: options.priority } : {}),
      ...(options.delayMs !== undefined ? { delay: options.delayMs } : {}),
    });
    const jobId = job.id!;
    if (key === undefined) return { jobId, duplicate: false };
    // BullMQ hands back the job it already had for this id without saying so: the nonce tells.
    const stored = await Job.fromId<JobData, JobOutput>(this.queue, jobId);
    return { jobId, duplicate: stored !== undefined && stored.data.nonce !== data.nonce };
  }

  /** The job's state now, with its output or error once it ended. */
  async result(jobId: string): Promise<JobResult> {
    const job = await Job.fromId<JobData, JobOutput>(this.queue, jobId);
    if (!job) {
      throw new InputError('JOB_NOT_FOUND', `There is no job ${jobId} in queue "${this.name}".`, 'It never existed, or it ended longer ago than the queue keeps jobs (a day when completed, a week when failed).');
    }
    const state = (await job.getState()) as JobState;
    const base: JobResult = { jobId, state, attempts: job.attemptsMade };
    if (state === 'completed') return { ...base, ok: true, output: job.returnvalue?.output, attempts: Math.max(job.attemptsMade, job.returnvalue?.attempt ?? 1) };
    if (state === 'failed') {
      const { logs } = await this.queue.getJobLogs(jobId);
      const error = lastLoggedError(logs) ?? { code: 'JOB_FAILED', category: 'internal' as const, retryable: false, message: job.failedReason || 'The job failed without a recorded error.' };
      return { ...base, ok: false, error };
    }
    return base;
  }

  /** Waits until the job completes or fails (or `timeoutMs` pass: JOB_WAIT_TIMEOUT) and returns its result. */
  async waitForResult(jobId: string, timeoutMs = 5 * 60_000): Promise<JobResult> {
    const job = await Job.fromId<JobData, JobOutput>(this.queue, jobId);
    if (!job) return this.result(jobId);
    try {
      await job.waitUntilFinished(await this.#queueEvents(), timeoutMs);
    } catch (err) {
      if (err instanceof Error && /timed out before finishing/.test(err.message)) {
        throw new HostError({ code: 'JOB_WAIT_TIMEOUT', category: 'input', retryable: true, message: `Job ${jobId} did not finish within ${timeoutMs} ms.`, hint: 'It is still queued or running; read its result later (the job id is above).', details: { jobId } });
      }
      // A failed job rejects here; its typed error is read below.
    }
    return this.result(jobId);
  }

  async depth(): Promise<QueueDepth> {
    const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed');
    return { waiting: counts.waiting ?? 0, active: counts.active ?? 0, delayed: counts.delayed ?? 0, prioritized: counts.prioritized ?? 0, completed: counts.completed ?? 0, failed: counts.failed ?? 0 };
  }

  async close(): Promise<void> {
    await this.#events?.close();
    await this.queue.close();
    if (this.#ownsRedis) await closeRedis(this.#redis);
  }

  async #queueEvents(): Promise<QueueEvents> {
    if (!this.#events) {
      // QueueEvents blocks on a stream read: BullMQ gives it a copy of the connection of its own (and closes it).
      this.#events = new QueueEvents(this.name, { connection: this.#redis, prefix: this.prefix });
      this.#events.on('error', () => undefined);
    }
    await this.#events.waitUntilReady();
    return this.#events;
  }
}

/** One job in one call: open the queue, add the job, optionally wait for its result, close. */
export async function enqueue(payload: JobPayload, options: QueueTarget & EnqueueOptions & { wait?: boolean; waitTimeoutMs?: number } = {}): Promise<EnqueueResult & { result?: JobResult }> {
  const queue = new JobQueue(options);
  try {
    const added = await queue.enqueue(payload, options);
    if (!options.wait) return added;
    return { ...added, result: await queue.waitForResult(added.jobId, options.waitTimeoutMs) };
  } finally {
    await queue.close();
  }
}
