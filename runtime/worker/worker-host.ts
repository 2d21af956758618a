/**
 * The host as workers build it: the connector loaded on the Redis credential store (so every worker sees the
 * same tokens) with Redis coordination handed to its client factory (shared refresh lock and limits).
 */
import type { Redis } from 'ioredis';
import { RedisCredentialStore } from '../credentials/redis-store';
import { loadHost } from '../host';
import type { Host, Logger } from '../types';
import { RedisCoordination } from './redis-coordination';
import { closeRedis, describeRedis, openRedis, redisUrlFrom } from './redis-connection';

export interface WorkerHostOptions {
  manifestPath: string;
  log: Logger;
  /** A Redis URL (default REDIS_URL, then redis://127.0.0.1:6379) or an open connection (left open). */
  redis?: string | Redis;
  /** ZCRM_SECRET, which encrypts the connections in Redis (default: the environment's). */
  secret?: string;
  /** Prefix of the credential store's keys (default `zcrm:store:`). */
  storePrefix?: string;
  /** Prefix of the locks' and semaphores' keys (default `zcrm:coord:`). */
  coordinationPrefix?: string;
  /** Lease of a shared slot: how long a dead worker's Zoho slots stay taken (default 15 s). */
  slotLeaseMs?: number;
  defaultTimeoutMs?: number;
}

export interface WorkerHost {
  host: Host;
  store: RedisCredentialStore;
  coordination: RedisCoordination;
  redis: Redis;
  close(): Promise<void>;
}

export function createWorkerHost(options: WorkerHostOptions): WorkerHost {
  const ownsRedis = typeof options.redis !== 'object';
  const url = typeof options.redis === 'object' ? undefined : redisUrlFrom(options.redis);
  const redis = typeof options.redis === 'object' ? options.redis : openRedis(url!, 'zcrm-worker-host');
  try {
    const store = new RedisCredentialStore({
      redis,
      secret: options.secret ?? process.env.ZCRM_SECRET,
      ...(options.storePrefix ? { prefix: options.storePrefix } : {}),
      ...(url ? { label: `the Redis store at ${describeRedis(url)} (${options.storePrefix ?? 'zcrm:store:'})` } : {}),
    });
    const coordination = new RedisCoordination({
      redis,
      log: options.log,
      ...(options.coordinationPrefix ? { prefix: options.coordinationPrefix } : {}),
      ...(options.slotLeaseMs ? { slotLeaseMs: options.slotLeaseMs } : {}),
    });
    const host = loadHost({ manifestPath: options.manifestPath, store, log: options.log, coordination, ...(options.defaultTimeoutMs ? { defaultTimeoutMs: options.defaultTimeoutMs } : {}) });
    return {
      host,
      store,
      coordination,
      redis,
      async close() {
        await coordination.close();
        if (ownsRedis) await closeRedis(redis);
      },
    };
  } catch (err) {
    if (ownsRedis) redis.disconnect();
    throw err;
  }
}
