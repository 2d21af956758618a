/**
 * The Zoho authorize URL for the browser flow: client id, redirect URI, the manifest's scopes and extra
 * parameters (access_type=offline, prompt=consent), and a random `state` that the redirect must echo.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { OAuthSpec } from '../spec';

export function newState(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison, so the state cannot be guessed byte by byte. */
export function stateMatches(expected: string, received: string | null | undefined): boolean {
  if (typeof received !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(received);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function buildAuthorizeUrl(spec: OAuthSpec, authorizeUrl: string, params: { clientId: string; redirectUri: string; state: string; scopes?: readonly string[] }): string {
  const url = new URL(authorizeUrl);
  url.searchParams.set('scope', (params.scopes ?? spec.scopes).join(spec.scopeSeparator ?? ','));
  url.searchParams.set('client_id', params.clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('redirect_uri', params.redirectUri);
  for (const [key, value] of Object.entries(spec.authorizeParams ?? {})) url.searchParams.set(key, value);
  url.searchParams.set('state', params.state);
  return url.toString();
}
