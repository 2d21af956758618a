/**
 * runtime/worker: scale-out on BullMQ and Redis, for any connector. Producers enqueue action or flow jobs
 * (an idempotency key makes a job id, so a job is added once); workers run them through a host built on the
 * Redis credential store and Redis coordination (locks and semaphores across processes).
 */
export { RedisCredentialStore, DEFAULT_STORE_PREFIX, type RedisCredentialStoreOptions } from '../credentials/redis-store';
export { jobIdFor } from './job-id';
export { checkPayload, type ActionJobPayload, type FlowJobPayload, type JobPayload } from './job-payload';
export { enqueue, JobQueue, type EnqueueOptions, type EnqueueResult, type QueueDepth, type QueueTarget } from './job-queue';
export type { JobOutput, JobResult, JobState } from './job-result';
export { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS, DEFAULT_KEEP_COMPLETED_SEC, DEFAULT_KEEP_FAILED_SEC, DEFAULT_QUEUE, DEFAULT_QUEUE_PREFIX } from './queue-defaults';
export { RedisCoordination, DEFAULT_SLOT_LEASE_MS, type RedisCoordinationOptions } from './redis-coordination';
export { DEFAULT_COORDINATION_PREFIX } from './coordination-keys';
export { closeRedis, connectRedisOnce, DEFAULT_REDIS_URL, describeRedis, openRedis, redisUrlFrom } from './redis-connection';
export { runUntilSignal, type RunUntilSignalOptions } from './run-until-signal';
export { DEFAULT_CONCURRENCY, DEFAULT_GRACE_MS, startWorker, type CloseOptions, type RunningWorker, type StartWorkerOptions } from './worker';
export { createWorkerHost, type WorkerHost, type WorkerHostOptions } from './worker-host';
export { WorkerMetrics, type WorkerStats } from './worker-metrics';
export type { TryOutcome } from './run-job';
