/**
 * Middleware: tries a call again by the retry policy (429, transient 5xx, network failures before sending),
 * waiting with backoff and Retry-After; turns a write whose outcome is unknown into OUTCOME_UNKNOWN instead
 * of sending it again, and a network failure that outlasts the retries into a typed error.
 */
import { HostError } from '../../runtime/errors';
import { cancelledError, type Clock, type Sleep } from '../sleep';
import { outcomeUnknownError } from './outcome-hint';
import { decide, parseRetryAfter, type Outcome, type RetryPolicy } from './retry-policy';
import { TransportError } from './transport-error';
import type { Middleware, ZohoResponse } from './types';

export interface RetryDeps {
  policy: RetryPolicy;
  sleep: Sleep;
  now: Clock;
  random?: () => number;
  onRetry?: (info: { method: string; path: string; attempt: number; delayMs: number; reason: string }) => void;
}

export function retry(deps: RetryDeps): Middleware {
  // An answer with a status in none of the policy's lists is final, whatever the call: no decision to make.
  const consideredStatuses = new Set([...deps.policy.retryStatuses, ...deps.policy.retryStatusesForReads, ...deps.policy.ambiguousStatusesForWrites]);
  return async (req, next) => {
    const started = deps.now();
    for (let attempt = 1; ; attempt++) {
      let outcome: Outcome;
      let response: ZohoResponse | undefined;
      let failure: TransportError | undefined;
      try {
        response = await next({ ...req, attempt });
        if (!consideredStatuses.has(response.status)) return response;
        outcome = { kind: 'status', status: response.status };
        const after = parseRetryAfter(response.headers['retry-after'], Date.now());
        if (after !== undefined) outcome.retryAfterMs = after;
      } catch (err) {
        if (!(err instanceof TransportError)) throw err;
        failure = err;
        if (err.kind === 'cancelled' || req.signal?.aborted) throw cancelledError(err.sent && !req.idempotent);
        outcome = { kind: 'transport', sent: err.sent };
      }
      const decision = decide(deps.policy, outcome, { attempt, elapsedMs: deps.now() - started, idempotent: req.idempotent, read: req.read }, deps.random);
      if (decision.action === 'outcome_unknown') {
        const why = failure
          ? failure.kind === 'timeout' ? 'no answer came in time' : `the connection failed before the answer (${failure.code})`
          : `Zoho answered HTTP ${response!.status}, which does not say whether it was applied`;
        throw outcomeUnknownError(req.method, req.pathname, why);
      }
      if (decision.action === 'stop') {
        if (response) return response;
        throw networkError(req.method, req.pathname, failure!, attempt);
      }
      deps.onRetry?.({ method: req.method, path: req.pathname, attempt, delayMs: decision.delayMs, reason: failure ? failure.code : `HTTP ${response!.status}` });
      await deps.sleep(decision.delayMs, req.signal);
    }
  };
}

function networkError(method: string, path: string, failure: TransportError, attempts: number): HostError {
  return new HostError({
    code: failure.kind === 'timeout' ? 'TIMEOUT' : 'NETWORK_ERROR',
    category: 'remote',
    retryable: true,
    message: `${method} ${path} failed: ${failure.message}${attempts > 1 ? ` after ${attempts} tries` : ''}.`,
    hint: 'Check the network connection to Zoho (and ZOHO_API_DOMAIN if set), then retry.',
    details: { code: failure.code, sent: failure.sent, attempts },
  });
}
