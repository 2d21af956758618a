/**
 * `startWorker`: a BullMQ worker that takes jobs from the queue and runs them through a host (run-job.ts),
 * with a periodic progress line (throughput, failures, queue depth), optional `/metrics`, and a graceful
 * close: stop taking jobs, let the jobs in hand finish, and after a grace period cancel them (an idempotent
 * action or a flow is handed back for another try; a write in flight ends as OUTCOME_UNKNOWN).
 */
import { hostname } from 'node:os';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { createLogger } from '../logger';
import type { Host, Logger } from '../types';
import { JobQueue } from './job-queue';
import type { JobData, JobOutput } from './job-result';
import { startMetricsServer, type MetricsServer } from './metrics-server';
import { DEFAULT_QUEUE, DEFAULT_QUEUE_PREFIX, runningKey } from './queue-defaults';
import { closeRedis, describeRedis, openRedis, redisUrlFrom } from './redis-connection';
import { runJob } from './run-job';
import { WorkerMetrics, type WorkerStats } from './worker-metrics';

export interface StartWorkerOptions {
  /** The loaded connector; in worker mode built on the Redis store and coordination (createWorkerHost). */
  host: Host;
  /** A Redis URL (default REDIS_URL, then redis://127.0.0.1:6379) or an open connection (left open). */
  redis?: string | Redis;
  queue?: string;
  /** BullMQ key prefix (default `bull`). */
  prefix?: string;
  /** Jobs run at once by this worker (default 4). Zoho's per-org limit applies across all workers anyway. */
  concurrency?: number;
  /** Names this worker in logs, metrics and job records (default host:pid). */
  name?: string;
  log?: Logger;
  /** Flow journals; share it between workers so one can resume another's flow. */
  journalDir?: string;
  /** A job whose worker stops renewing its lock this long is taken back (default 30 s). */
  lockDurationMs?: number;
  /** How often this worker looks for such jobs (default 30 s). */
  stalledIntervalMs?: number;
  /** Serve Prometheus metrics on this port (0 picks one); none when undefined. */
  metricsPort?: number;
  metricsHost?: string;
  /** Progress line every this many ms (default 30 s; 0 for none). */
  progressEveryMs?: number;
  /** Node process metrics (CPU, memory, event loop) in /metrics (default true). */
  processMetrics?: boolean;
}

export interface CloseOptions {
  /** How long the jobs in hand may take to finish before they are cancelled (default 30 s). */
  graceMs?: number;
}

export interface RunningWorker {
  readonly name: string;
  readonly queue: string;
  /** Where /metrics is served, when it is. */
  readonly metricsUrl: string | undefined;
  readonly metrics: WorkerMetrics;
  stats(): WorkerStats;
  /** Cancels the jobs in hand now (a second Ctrl-C); close() then returns as soon as they have ended. */
  cancelAll(): void;
  close(options?: CloseOptions): Promise<void>;
}

export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_GRACE_MS = 30_000;

export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const name = options.name ?? `${hostname()}:${process.pid}`;
  const queueName = options.queue ?? DEFAULT_QUEUE;
  const prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a whole number of at least 1, not ${concurrency}`);
  const log = (options.log ?? createLogger()).child({ worker: name, queue: queueName });
  const ownsRedis = typeof options.redis !== 'object';
  const redis = typeof options.redis === 'object' ? options.redis : openRedis(redisUrlFrom(options.redis), `zcrm-worker:${name}`);
  if (ownsRedis) redis.on('error', (err: Error) => log.warn({ code: (err as NodeJS.ErrnoException).code }, 'Redis connection problem; retrying'));

  const depthQueue = new JobQueue({ redis, queue: queueName, prefix });
  const metrics = new WorkerMetrics({ queue: queueName, worker: name }, () => depthQueue.depth(), { processMetrics: options.processMetrics ?? true });
  const context = {
    host: options.host,
    redis,
    runningKey: (jobId: string) => runningKey(prefix, queueName, jobId),
    ...(options.journalDir ? { journalDir: options.journalDir } : {}),
    log,
    worker: name,
  };

  const worker = new Worker<JobData, JobOutput>(
    queueName,
    async (job, _token, signal) => {
      metrics.started();
      let reported = false;
      try {
        return await runJob(context, job, signal, (outcome) => {
          reported = true;
          metrics.ended(outcome);
        });
      } catch (err) {
        // A try that failed before it could report (Redis gone) is retried by BullMQ; it still leaves the active count.
        if (!reported) metrics.ended({ label: job.name, kind: job.data?.payload?.kind ?? 'action', result: 'retry', durationMs: 0 });
        throw err;
      }
    },
    {
      connection: redis,
      prefix,
      concurrency,
      name,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      autorun: false,
    },
  );
  worker.on('error', (err) => log.warn({ err }, 'worker error'));
  void worker.run().catch((err: unknown) => log.error({ err }, 'worker stopped with an error'));
  await worker.waitUntilReady();

  let metricsServer: MetricsServer | undefined;
  if (options.metricsPort !== undefined) metricsServer = await startMetricsServer(metrics, options.metricsPort, options.metricsHost);

  const every = options.progressEveryMs ?? 30_000;
  let last = { at: Date.now(), completed: 0 };
  const progress =
    every > 0
      ? setInterval(() => {
          void depthQueue.depth().then(
            (depth) => {
              const s = metrics.stats();
              const now = Date.now();
              const perSec = ((s.completed - last.completed) * 1000) / Math.max(1, now - last.at);
              last = { at: now, completed: s.completed };
              log.info({ ...s, perSec: Math.round(perSec * 10) / 10, depth }, `worker progress: ${s.completed} done (${perSec.toFixed(1)}/s), ${s.failed + s.outcomeUnknown} failed, ${depth.waiting + depth.prioritized + depth.delayed} queued`);
            },
            () => undefined,
          );
        }, every)
      : undefined;
  progress?.unref();

  log.info({ concurrency, redis: typeof options.redis === 'string' || options.redis === undefined ? describeRedis(redisUrlFrom(options.redis)) : 'given connection', ...(metricsServer ? { metrics: metricsServer.url } : {}) }, 'worker started');

  let closing: Promise<void> | undefined;
  return {
    name,
    queue: queueName,
    metricsUrl: metricsServer?.url,
    metrics,
    stats: () => metrics.stats(),
    cancelAll: () => worker.cancelAllJobs('the worker is shutting down'),
    close(closeOptions: CloseOptions = {}) {
      closing ??= (async () => {
        if (progress) clearInterval(progress);
        const graceMs = closeOptions.graceMs ?? DEFAULT_GRACE_MS;
        const inHand = metrics.stats().active;
        if (inHand > 0) log.info({ inHand, graceMs }, 'worker closing: finishing the jobs in hand');
        const cancel = setTimeout(() => {
          log.warn({ inHand: metrics.stats().active }, 'grace period over: cancelling the jobs in hand');
          worker.cancelAllJobs('the worker is shutting down');
        }, graceMs);
        try {
          await worker.close();
        } finally {
          clearTimeout(cancel);
          await metricsServer?.close();
          await depthQueue.close();
          if (ownsRedis) await closeRedis(redis);
        }
        log.info(metrics.stats(), 'worker closed');
      })();
      return closing;
    },
  };
}
