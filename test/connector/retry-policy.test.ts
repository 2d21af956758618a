// The retry policy as data: what is retried, what is never resent, backoff bounds and Retry-After.
import { fc, test as propTest } from '@fast-check/jest';
import { backoffDelay, decide, DEFAULT_RETRY_POLICY, parseRetryAfter, retryPolicy, type Outcome } from '../../connector/client/retry-policy';

const p = retryPolicy({ jitter: 0 });
const read = { attempt: 1, elapsedMs: 0, idempotent: true, read: true };
const update = { attempt: 1, elapsedMs: 0, idempotent: true, read: false };
const create = { attempt: 1, elapsedMs: 0, idempotent: false, read: false };

test.each<[string, Outcome, typeof read, string]>([
  ['429 on a create (Zoho did not act)', { kind: 'status', status: 429 }, create, 'retry'],
  ['503 on a create', { kind: 'status', status: 503 }, create, 'retry'],
  ['502 on a create (a gateway may have passed it on)', { kind: 'status', status: 502 }, create, 'outcome_unknown'],
  ['504 on a create', { kind: 'status', status: 504 }, create, 'outcome_unknown'],
  ['500 on a read', { kind: 'status', status: 500 }, read, 'retry'],
  ['500 on an update', { kind: 'status', status: 500 }, update, 'stop'],
  ['500 on a create', { kind: 'status', status: 500 }, create, 'stop'],
  ['400 on a read', { kind: 'status', status: 400 }, read, 'stop'],
  ['network error before sending a create', { kind: 'transport', sent: false }, create, 'retry'],
  ['network error after sending a create', { kind: 'transport', sent: true }, create, 'outcome_unknown'],
  ['network error after sending an update', { kind: 'transport', sent: true }, update, 'retry'],
])('%s → %s', (_name, outcome, call, action) => {
  expect(decide(p, outcome, call).action).toBe(action);
});

test('retries are bounded in count and total time', () => {
  expect(decide(p, { kind: 'status', status: 503 }, { ...read, attempt: DEFAULT_RETRY_POLICY.maxAttempts }).action).toBe('stop');
  expect(decide(p, { kind: 'status', status: 503 }, { ...read, elapsedMs: p.maxTotalMs - 10 }).action).toBe('stop');
  expect(decide(p, { kind: 'status', status: 429, retryAfterMs: p.maxTotalMs + 1 }, read).action).toBe('stop');
});

test('Retry-After wins over a shorter backoff', () => {
  expect(decide(p, { kind: 'status', status: 429, retryAfterMs: 7000 }, read)).toEqual({ action: 'retry', delayMs: 7000 });
});

test('backoff doubles from the base and is capped', () => {
  expect([1, 2, 3, 4, 10].map((a) => backoffDelay(p, a))).toEqual([500, 1000, 2000, 4000, 20_000]);
});

propTest.prop([fc.integer({ min: 1, max: 30 }), fc.double({ min: 0, max: 0.999, noNaN: true })])('with jitter the delay stays within [backoff × (1 − jitter), backoff]', (attempt, r) => {
  const policy = retryPolicy({ jitter: 0.5 });
  const full = backoffDelay(retryPolicy({ jitter: 0 }), attempt);
  const d = backoffDelay(policy, attempt, () => r);
  expect(d).toBeLessThanOrEqual(full);
  expect(d).toBeGreaterThanOrEqual(Math.floor(full * 0.5));
});

test('Retry-After as seconds or as an HTTP date', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  expect(parseRetryAfter('2', now)).toBe(2000);
  expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5000);
  expect(parseRetryAfter('soon', now)).toBeUndefined();
  expect(parseRetryAfter(undefined, now)).toBeUndefined();
});
