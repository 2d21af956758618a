/** Job ids: derived from the caller's idempotency key, so the same key always names the same job (and BullMQ adds it once). */
import { createHash } from 'node:crypto';

/** A hash, since BullMQ ids may not contain `:` or be integers, and keys may be long. */
export function jobIdFor(idempotencyKey: string): string {
  return `k-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}`;
}
