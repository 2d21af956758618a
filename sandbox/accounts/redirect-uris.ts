// Which redirect URIs a client may use: its registered ones exactly, plus any loopback URI when it allows loopback.
import type { OAuthClient } from './types';

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Registered URIs match as exact strings (Zoho compares them literally). A loopback client (a CLI catching the
 * redirect on a port it picked) may use `http://127.0.0.1|localhost|[::1]:<any port>/<any path>`; the host is
 * compared after URL parsing, so `http://127.0.0.1.example.com/` is not loopback.
 */
export function isRedirectUriAllowed(client: OAuthClient, redirectUri: string): boolean {
  let url: URL;
  try {
    url = new URL(redirectUri); // a URI we cannot append the code to is never usable
  } catch {
    return false;
  }
  if (client.redirectUris.includes(redirectUri)) return true;
  return client.allowLoopback && url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname) && url.username === '' && url.password === '';
}

/** Appends query parameters to a redirect URI, keeping any query it already has. */
export function withQuery(redirectUri: string, params: [string, string][]): string {
  const url = new URL(redirectUri);
  for (const [k, v] of params) url.searchParams.append(k, v);
  return url.toString();
}
