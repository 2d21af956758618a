/**
 * Middleware: when Zoho answers 401 INVALID_TOKEN, gets a new token (one refresh per connection however many
 * calls were refused together) and replays the call once. A second refusal right after a good refresh means
 * the token was revoked or pushed out: that becomes the plain-words TOKEN_REVOKED error.
 */
import type { TokenManager } from '../token-manager';
import type { Middleware, ZohoResponse } from './types';

function isInvalidToken(res: ZohoResponse): boolean {
  if (res.status !== 401) return false;
  const code = res.data && typeof res.data === 'object' ? (res.data as { code?: unknown }).code : undefined;
  return code === 'INVALID_TOKEN' || code === 'INVALID_OAUTHTOKEN';
}

export function refreshOn401(tokens: TokenManager): Middleware {
  return async (req, next) => {
    const first = await next(req);
    if (!isInvalidToken(first)) return first;
    const rejected = req.state.token;
    if (rejected) await tokens.tokenAfterRejection(rejected, req.signal);
    req.state.replayed = true;
    const second = await next(req);
    if (isInvalidToken(second)) throw await tokens.revokedError('fresh_token_refused');
    return second;
  };
}
