/** Redis connections for worker mode: the URL from options or REDIS_URL, a name per use, the password kept out of every log line. */
import { Redis, type RedisOptions } from 'ioredis';
import { ConnectionError, InputError } from '../errors';
import { safeUrl } from '../logger';
import { secrets } from '../secrets';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** The Redis URL: the one given, else REDIS_URL, else the local default. */
export function redisUrlFrom(given: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return given || env.REDIS_URL || DEFAULT_REDIS_URL;
}

/** The URL without user or password, for messages. */
export function describeRedis(url: string): string {
  return safeUrl(url) ?? url;
}

/** Checks the URL's shape and registers its password as a secret, so no error or log line can show it. */
export function checkRedisUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError('REDIS_URL_INVALID', `"${describeRedis(url)}" is not a Redis URL.`, 'Use redis://[user:password@]host[:port][/db] or rediss:// for TLS.');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new InputError('REDIS_URL_INVALID', `"${describeRedis(url)}" is not a Redis URL (scheme ${parsed.protocol}).`, 'Use redis://[user:password@]host[:port][/db] or rediss:// for TLS.');
  }
  if (parsed.password) secrets.add(decodeURIComponent(parsed.password));
  return parsed;
}

/**
 * A new connection. `maxRetriesPerRequest: null` because BullMQ's blocking reads need it and a worker should
 * wait out a Redis restart rather than fail the jobs in hand.
 */
export function openRedis(url: string, name: string, extra: RedisOptions = {}): Redis {
  checkRedisUrl(url);
  return new Redis(url, { connectionName: name, maxRetriesPerRequest: null, ...extra });
}

/**
 * A connection for a one-shot command (`zcrm enqueue`, `zcrm worker push`): it fails within a few seconds with
 * a clear error when Redis cannot be reached, instead of retrying forever as a worker's connection does.
 */
export async function connectRedisOnce(url: string, name: string, timeoutMs = 5000): Promise<Redis> {
  checkRedisUrl(url);
  const redis = new Redis(url, { connectionName: name, lazyConnect: true, connectTimeout: timeoutMs, retryStrategy: () => null, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined); // the failure is reported once, below, not as ioredis' unhandled-error trace
  try {
    await redis.connect();
    return redis;
  } catch (err) {
    redis.disconnect();
    throw new ConnectionError(
      'REDIS_UNREACHABLE',
      `Cannot reach Redis at ${describeRedis(url)} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`,
      'Start Redis (for example `redis-server --daemonize yes`), or point --redis or REDIS_URL at the one the workers use.',
    );
  }
}

/** Closes a connection politely, or at once when Redis does not answer. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  try {
    await Promise.race([redis.quit(), new Promise((_, reject) => setTimeout(() => reject(new Error('quit timed out')), 2000).unref())]);
  } catch {
    redis.disconnect();
  }
}
