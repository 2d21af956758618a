/**
 * Middleware: attaches the connection's access token (header and prefix from the manifest, by default
 * `Authorization: Zoho-oauthtoken <token>`), taking a fresh one from the token manager when needed.
 */
import type { TokenManager } from '../token-manager';
import type { Middleware } from './types';

export function authHeader(tokens: TokenManager, placement: { header: string; prefix: string }): Middleware {
  const headerKey = placement.header.toLowerCase();
  return async (req, next) => {
    const token = await tokens.accessToken(req.signal);
    req.state.token = token;
    const headers: Record<string, string> = {};
    // Callers may not set the auth or host headers themselves.
    for (const k of Object.keys(req.headers)) {
      const lower = k.toLowerCase();
      if (lower !== headerKey && lower !== 'host') headers[k] = req.headers[k]!;
    }
    headers[placement.header] = `${placement.prefix}${token}`;
    return await next({ ...req, headers });
  };
}
