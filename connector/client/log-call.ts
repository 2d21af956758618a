/**
 * Middleware: one debug line per try with method, path, status, duration and attempt. Never the query, the
 * headers or a body: they may hold tokens or personal data.
 */
import type { Logger } from '../../runtime/types';
import { TransportError } from './transport-error';
import type { Middleware } from './types';

export function logCall(log: Logger, now: () => number = () => performance.now()): Middleware {
  const timed: Middleware = async (req, next) => {
    const started = now();
    const base = { method: req.method, path: req.pathname, attempt: req.attempt };
    try {
      const res = await next(req);
      log.debug({ ...base, status: res.status, durationMs: Math.round(now() - started) }, 'zoho call');
      return res;
    } catch (err) {
      const failure = err instanceof TransportError ? { error: err.code, sent: err.sent } : { error: 'failed' };
      log.debug({ ...base, ...failure, durationMs: Math.round(now() - started) }, 'zoho call failed');
      throw err;
    }
  };
  // Below debug there is no line to write: the call goes straight on, without timing it or waiting on it here.
  return (req, next) => (log.isLevelEnabled('debug') ? timed(req, next) : next(req));
}
