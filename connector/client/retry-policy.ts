/**
 * When a call is tried again, as data: which statuses and failures, how many times, how long in all, with
 * exponential backoff, jitter and Retry-After. And the one rule that beats them all: a write that is not
 * idempotent is never sent twice when Zoho may already have acted on it.
 */

export interface RetryPolicy {
  /** Tries in all, the first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry starts after this much time since the first try. */
  maxTotalMs: number;
  /** 0 = no jitter, 1 = a delay anywhere between 0 and the backoff. */
  jitter: number;
  /** Statuses retried for every request: Zoho did not act on them (429) or they are transient. */
  retryStatuses: readonly number[];
  /** Statuses retried for reads only. */
  retryStatusesForReads: readonly number[];
  /** Statuses after which a non-idempotent write may have happened (a gateway gave up waiting). */
  ambiguousStatusesForWrites: readonly number[];
  /** Honour Retry-After (seconds or an HTTP date), up to maxDelayMs... or the time left. */
  honourRetryAfter: boolean;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxTotalMs: 60_000,
  jitter: 0.5,
  retryStatuses: [429, 502, 503, 504],
  retryStatusesForReads: [500],
  ambiguousStatusesForWrites: [502, 504],
  honourRetryAfter: true,
});

export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, ...overrides };
}

/** Exponential backoff for the retry after try `attempt` (1-based), with jitter taken off the top. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp * (1 - policy.jitter * random()));
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

export type Outcome =
  | { kind: 'status'; status: number; retryAfterMs?: number }
  | { kind: 'transport'; sent: boolean };

export type Decision = { action: 'retry'; delayMs: number } | { action: 'stop' } | { action: 'outcome_unknown' };

export interface CallFacts {
  attempt: number;
  elapsedMs: number;
  idempotent: boolean;
  read: boolean;
}

/** What to do after one try's outcome. */
export function decide(policy: RetryPolicy, outcome: Outcome, call: CallFacts, random: () => number = Math.random): Decision {
  let retryable: boolean;
  if (outcome.kind === 'transport') {
    if (outcome.sent && !call.idempotent) return { action: 'outcome_unknown' };
    retryable = true;
  } else {
    const s = outcome.status;
    if (!call.idempotent && policy.ambiguousStatusesForWrites.includes(s)) return { action: 'outcome_unknown' };
    retryable = policy.retryStatuses.includes(s) || (call.read && policy.retryStatusesForReads.includes(s));
  }
  if (!retryable || call.attempt >= policy.maxAttempts) return { action: 'stop' };
  let delayMs = backoffDelay(policy, call.attempt, random);
  if (outcome.kind === 'status' && policy.honourRetryAfter && outcome.retryAfterMs !== undefined) delayMs = Math.max(delayMs, outcome.retryAfterMs);
  if (call.elapsedMs + delayMs > policy.maxTotalMs) return { action: 'stop' };
  return { action: 'retry', delayMs };
}
