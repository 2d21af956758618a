/**
 * Middleware: a non-2xx answer becomes a typed ZohoError (with its hint), unless the caller asked for raw
 * answers. 204 and 304 are empty results, never errors; 207 is a normal answer with per-item results.
 */
import type { HintContext } from '../error-hints';
import { zohoErrorFromResponse } from '../errors';
import { requiredScope } from '../scopes';
import type { Middleware } from './types';

export function throwForStatus(context: () => HintContext): Middleware {
  return async (req, next) => {
    const res = await next(req);
    if (res.status < 400 || !req.throwOnError) return res;
    const scope = requiredScope(req.method, req.pathname);
    throw zohoErrorFromResponse(res.status, res.data, { method: req.method, path: req.pathname }, { ...context(), ...(scope ? { requiredScope: scope } : {}) });
  };
}
