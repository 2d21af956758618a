/**
 * Errors of Zoho Accounts (the OAuth side): refused grant codes, bad client credentials, the 10-tokens-per-10-
 * minutes refusal, and a refresh token that was revoked or pushed out, explained in plain words with the fix.
 */
import { ConnectionError, HostError } from '../runtime/errors';

/** An OAuth error answered by Zoho Accounts, or a failed consent. `oauthError` is Zoho's `error` value. */
export class ZohoAuthError extends HostError {
  readonly oauthError: string;
  constructor(code: string, oauthError: string, message: string, hint: string, options: { retryable?: boolean; category?: 'auth' | 'remote' | 'input'; httpStatus?: number } = {}) {
    super({ code, category: options.category ?? 'auth', message, hint, retryable: options.retryable ?? false, details: { oauthError }, ...(options.httpStatus ? { httpStatus: options.httpStatus } : {}) });
    this.oauthError = oauthError;
  }
}

export interface RevokedContext {
  nickname: string;
  /** Nicknames of other connections of the same Zoho user. */
  sameUser: string[];
  userEmail?: string;
  /** What showed it: the refresh was refused, or a fresh token was refused at once. */
  evidence: 'refresh_refused' | 'fresh_token_refused';
}

/** The seed's warning made real: the refresh token stopped working; say why that happens and how to fix it. */
export function tokenRevokedError(ctx: RevokedContext): ConnectionError {
  const what = ctx.evidence === 'refresh_refused'
    ? `Zoho no longer accepts the refresh token of connection "${ctx.nickname}"`
    : `Zoho refused the access token of connection "${ctx.nickname}" right after issuing it`;
  const others = ctx.sameUser.length > 0
    ? ` Connection${ctx.sameUser.length > 1 ? 's' : ''} ${ctx.sameUser.map((n) => `"${n}"`).join(', ')} belong${ctx.sameUser.length > 1 ? '' : 's'} to the same Zoho user${ctx.userEmail ? ` (${ctx.userEmail})` : ''} and may have pushed it out.`
    : '';
  const message =
    `${what}: the token was revoked or pushed out — for example by another connection of the same Zoho user ` +
    `(Zoho keeps a limited number of refresh tokens per user and drops the oldest when a new one is made), ` +
    `or by a revoke in Zoho's API console or Connected Apps.${others}`;
  const reuse = ctx.sameUser.length > 0 ? ` Or keep one connection per Zoho user and use "${ctx.sameUser[0]}" instead.` : '';
  return new ConnectionError('TOKEN_REVOKED', message, `Run \`zcrm connect ${ctx.nickname}\` again to sign in and get a new token.${reuse}`, {
    nickname: ctx.nickname,
    evidence: ctx.evidence,
    sameUser: ctx.sameUser,
  });
}

export function tokenRateLimitedError(nickname: string, waitedMs: number, nextFreeInMs: number | undefined): ZohoAuthError {
  const waited = waitedMs > 0 ? ` Waited ${Math.round(waitedMs / 1000)} s already.` : '';
  const when = nextFreeInMs !== undefined ? ` A new token should be possible in about ${Math.ceil(nextFreeInMs / 1000)} s.` : '';
  return new ZohoAuthError(
    'TOKEN_RATE_LIMITED',
    'Access Denied',
    `Zoho refused a new access token for connection "${nickname}": it allows 10 access tokens per refresh token per 10 minutes, and they are used up.${waited}${when}`,
    'Wait a few minutes and retry. Many separate processes sharing one connection each refresh on their own; let them share the credential store so valid tokens are reused.',
    // A connection problem (exit code 3): no call can be made with this connection until the window moves on.
    { retryable: true, category: 'auth' },
  );
}

/** Maps the `error` value of a token-endpoint answer to a typed error. */
export function tokenEndpointError(oauthError: string, description: string | undefined, grantType: string, nickname: string, httpStatus?: number): ZohoAuthError {
  const status = httpStatus ? { httpStatus } : {};
  switch (oauthError) {
    case 'invalid_code':
      return grantType === 'authorization_code'
        ? new ZohoAuthError('GRANT_CODE_INVALID', oauthError, 'Zoho refused the grant code: it is wrong, expired (codes last a few minutes) or was already used.', 'Generate a new code (for a self client: API Console → Self Client → Generate Code) and connect again at once.', status)
        : new ZohoAuthError('TOKEN_REVOKED', oauthError, `Zoho refused the refresh token of connection "${nickname}".`, `Run \`zcrm connect ${nickname}\` again.`, status);
    case 'invalid_client':
    case 'invalid_client_secret':
      return new ZohoAuthError('INVALID_CLIENT', oauthError, 'Zoho does not accept the client id and secret: the client id is unknown in this data centre, or the secret is wrong.', 'Check --client-id / --client-secret (or ZOHO_CLIENT_ID / ZOHO_CLIENT_SECRET) against Zoho\'s API Console, and that --dc is the data centre where the client was registered.', status);
    case 'invalid_redirect_uri':
      return new ZohoAuthError('REDIRECT_URI_MISMATCH', oauthError, 'Zoho refused the redirect URI: it is not registered for this client.', 'Register the redirect URI printed by `zcrm connect` in Zoho\'s API Console (or use --redirect-port with the port you registered).', status);
    case 'access_denied':
      return new ZohoAuthError('CONSENT_DENIED', oauthError, 'The Zoho sign-in was cancelled or access was denied.', 'Run the command again and choose Accept on Zoho\'s consent page.', status);
    case 'Access Denied':
      return tokenRateLimitedError(nickname, 0, undefined);
    default:
      return new ZohoAuthError('OAUTH_ERROR', oauthError, `Zoho Accounts answered "${oauthError}"${description ? `: ${description}` : ''}.`, `Check the connection's client and data centre, then run \`zcrm connect ${nickname}\` again.`, status);
  }
}

/** True when Zoho's answer means "too many token requests" (its wording varies). */
export function isTokenRateLimit(oauthError: string, description: string | undefined): boolean {
  return oauthError === 'Access Denied' || /too many requests/i.test(description ?? '');
}
