/**
 * Token refresh single-flight across processes (worker mode): the refresh runs under a shared lock per refresh
 * token, so the holder re-reads the store first and uses a token another process already saved; only a holder
 * that finds none asks Zoho. The lease's fencing token goes with the saved token, so a holder that was paused
 * past its lease cannot overwrite a newer holder's token.
 */
import { createHash } from 'node:crypto';
import type { Coordination, Lease } from '../runtime/types';

/** Long enough for a slow token call; a holder that dies blocks the others this long at most. */
export const REFRESH_LEASE_MS = 15_000;

/** Zoho counts tokens per refresh token, so that is what the lock is named after: a hash, never the secret itself. */
export function refreshLockKey(clientId: string, refreshToken: string): string {
  return `zoho-refresh:${createHash('sha256').update(`${clientId}\n${refreshToken}`).digest('hex').slice(0, 32)}`;
}

export async function underRefreshLease<T>(coordination: Coordination, key: string, work: (lease: Lease) => Promise<T>): Promise<T> {
  const lease = await coordination.lock(key, REFRESH_LEASE_MS);
  try {
    return await work(lease);
  } finally {
    // A release that fails leaves the lease to run out; the refreshed token is what matters.
    await lease.release().catch(() => undefined);
  }
}

/** Whether a token stamped with `fence` would overwrite one saved by a later holder of the lock. */
export function isStaleFence(fence: number | undefined, saved: unknown): boolean {
  return fence !== undefined && typeof saved === 'number' && saved > fence;
}
