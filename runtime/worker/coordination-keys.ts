/** Names of the Redis keys and channels behind locks and semaphores, under one prefix so tenants and test runs never meet. */

export const DEFAULT_COORDINATION_PREFIX = 'zcrm:coord:';

export interface CoordinationKeys {
  lock(key: string): string;
  /** One counter for every lock of the prefix, so fencing tokens of different locks (and of a lock renamed by a reconnect) compare. */
  fence(): string;
  semaphore(key: string): string;
  channel(kind: 'lock' | 'semaphore', key: string): string;
}

export function coordinationKeys(prefix: string = DEFAULT_COORDINATION_PREFIX): CoordinationKeys {
  return {
    lock: (key) => `${prefix}lock:${key}`,
    fence: () => `${prefix}fence`,
    semaphore: (key) => `${prefix}sem:${key}`,
    channel: (kind, key) => `${prefix}wake:${kind}:${key}`,
  };
}
