/** Middleware: each try waits for a slot of the org's limiter (its lane: default, or heavy for COQL, convert, bulk). */
import type { OrgLimiter } from '../limiter';
import type { Middleware } from './types';

export function limitConcurrency(limiter: OrgLimiter): Middleware {
  return (req, next) => limiter.run(req.lane, () => next(req), req.signal);
}
