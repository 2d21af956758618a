// The sandbox's Zoho Accounts (OAuth 2.0): createAccounts() wires the token book, the pages and the endpoints.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InputError } from '../../runtime/errors';
import { decideConsent, showConsentPage, type AuthorizeDeps } from './authorize';
import { DEFAULT_ACCOUNTS_CONFIG, mergeAccountsConfig } from './config';
import { renderErrorPage } from './consent-page';
import { readParams } from './request-params';
import { sendHtml, sendJson } from './respond';
import { hasScope, parseScope } from './scopes';
import { isOAuthClient, parseAccountsSnapshot, type AccountsSnapshot } from './snapshot';
import { TokenBook } from './token-book';
import { handleRevokeRequest, handleTokenRequest, type TokenEndpointDeps } from './token-endpoint';
import { TokenStats } from './token-stats';
import { newClientSecret } from './token-strings';
import type { Accounts, AccountsConfig, AccountsOptions, AuthResult, OAuthClient, SandboxUser } from './types';

export type { Accounts, AccountsConfig, AccountsOptions, AccountsStats, AuthResult, OAuthClient, SandboxUser } from './types';
export type { AccountsSnapshot } from './snapshot';

/** The sandbox's Accounts part: the Accounts contract plus Zoho's self-client "Generate Code". */
export interface SandboxAccounts extends Accounts {
  /**
   * What Zoho's API console does for a self client: a grant code for `scopes`, for the user with `userEmail`
   * (default: the first user), bound to `clientId` (default: the demo client). Exchange it at
   * POST /oauth/v2/token with grant_type=authorization_code, client_id, client_secret and code, without
   * redirect_uri; the exchange always returns a refresh token. Expires after grantCodeTtlSec, single use.
   */
  createSelfClientCode(scopes: string[], userEmail?: string, clientId?: string): string;
}

/** Deterministic and plainly not a secret; the demo client's secret is random per process (or from --state). */
export const DEMO_CLIENT_ID = '1000.SANDBOXDEMOCLIENT';
export const DEMO_REDIRECT_URI = 'http://127.0.0.1/callback';
export const DEMO_SCOPES: readonly string[] = Object.freeze([
  'ZohoCRM.modules.ALL',
  'ZohoCRM.settings.ALL',
  'ZohoCRM.coql.READ',
  'ZohoCRM.users.READ',
  'ZohoCRM.org.READ',
  'ZohoSearch.securesearch.READ',
]);

const AUTH_HEADER = /^Zoho-oauthtoken\s+(\S+)$/i;

function authenticationFailed(): AuthResult {
  return { ok: false, status: 401, code: 'AUTHENTICATION_FAILURE', message: 'Authentication failed' };
}

function invalidToken(): AuthResult {
  return { ok: false, status: 401, code: 'INVALID_TOKEN', message: 'invalid oauth token' };
}

type Route = {
  method: 'GET' | 'POST';
  /** Pages answer a wrong method with HTML, endpoints with JSON. */
  kind: 'page' | 'json';
  run: (params: Map<string, string>, res: ServerResponse) => void;
};

export function createAccounts(options: AccountsOptions): SandboxAccounts {
  const users: readonly SandboxUser[] = [...options.users];
  const demoUser = users[0];
  if (!demoUser) {
    throw new InputError('SANDBOX_NO_USERS', 'The sandbox accounts need at least one user.', 'Seed the org with a user first.');
  }
  const now = options.now ?? Date.now;
  let config = mergeAccountsConfig(DEFAULT_ACCOUNTS_CONFIG, options.config ?? {});
  const book = new TokenBook(users, now, () => config);
  const stats = new TokenStats();
  const ownUrl = (): string => options.publicUrl().replace(/\/+$/, '');

  let demoClient: OAuthClient = {
    clientId: DEMO_CLIENT_ID,
    clientSecret: newClientSecret(),
    name: 'Zoho CRM sandbox demo',
    redirectUris: [DEMO_REDIRECT_URI],
    allowLoopback: true,
  };
  let demoRefreshToken = '';
  /** Registers the demo client and (re)issues the demo refresh token, keeping its string when one is given. */
  const installDemo = (token?: string): void => {
    book.registerClient(demoClient);
    demoRefreshToken = book.issueRefreshToken(demoClient.clientId, demoUser.zuid, [...DEMO_SCOPES], token);
  };
  installDemo();

  const authorizeDeps: AuthorizeDeps = { book, users, accountsUrl: ownUrl };
  const tokenDeps: TokenEndpointDeps = { book, stats, apiDomain: ownUrl };
  const routes: Record<string, Route> = {
    '/oauth/v2/auth': { method: 'GET', kind: 'page', run: (p, res) => showConsentPage(authorizeDeps, p, res) },
    '/oauth/v2/auth/consent': { method: 'POST', kind: 'page', run: (p, res) => decideConsent(authorizeDeps, p, res) },
    '/oauth/v2/token': { method: 'POST', kind: 'json', run: (p, res) => handleTokenRequest(tokenDeps, p, res) },
    '/oauth/v2/token/revoke': { method: 'POST', kind: 'json', run: (p, res) => handleRevokeRequest(tokenDeps, p, res) },
  };

  return {
    get config(): AccountsConfig {
      return { ...config };
    },

    setConfig(partial: Partial<AccountsConfig>): void {
      config = mergeAccountsConfig(config, partial);
    },

    async handle(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<boolean> {
      if (!url.pathname.startsWith('/oauth/v2/')) return false;
      const route = routes[url.pathname];
      if (!route) {
        sendHtml(res, 404, renderErrorPage('Not Found', 'There is no Zoho Accounts page at this address.'));
        return true;
      }
      if (req.method !== route.method) {
        res.setHeader('allow', route.method);
        if (route.kind === 'json') sendJson(res, 405, { error: 'invalid_request' });
        else sendHtml(res, 405, renderErrorPage('Method Not Allowed', `Use ${route.method} for this address.`));
        return true;
      }
      route.run(readParams(req, url, body), res);
      return true;
    },

    registerClient(client: OAuthClient): void {
      if (!isOAuthClient(client)) {
        throw new InputError(
          'SANDBOX_CLIENT_INVALID',
          'A sandbox OAuth client needs a clientId, a clientSecret, a name, redirectUris and allowLoopback.',
        );
      }
      book.registerClient(client);
    },

    demo() {
      return { clientId: demoClient.clientId, clientSecret: demoClient.clientSecret, refreshToken: demoRefreshToken, user: demoUser };
    },

    authenticate(authorization: string | undefined): AuthResult {
      const match = AUTH_HEADER.exec((authorization ?? '').trim());
      if (!match) return authenticationFailed();
      const access = book.lookupAccessToken(match[1] as string);
      if (!access) return invalidToken();
      return { ok: true, user: access.user, scopes: access.scopes, accessToken: match[1] as string };
    },

    hasScope,

    issuedSecrets: () => book.issuedSecrets(),
    stats: () => stats.read(),
    resetStats: () => stats.reset(),

    snapshot(): AccountsSnapshot {
      return { version: 1, demo: { clientId: demoClient.clientId, refreshToken: demoRefreshToken }, ...book.snapshot() };
    },

    /** Loads a snapshot() (the --state file). The demo client and token come from it, so a saved connection keeps working. */
    restore(snapshot: unknown): void {
      const parsed = parseAccountsSnapshot(snapshot);
      book.restore(parsed);
      const savedDemo = parsed.clients.find((c) => c.clientId === parsed.demo.clientId);
      if (savedDemo) demoClient = { ...savedDemo, redirectUris: [...savedDemo.redirectUris] };
      else book.registerClient(demoClient);
      demoRefreshToken = parsed.demo.refreshToken;
    },

    /**
     * Forgets every client, code and token except the demo client, whose refresh token is made live again with
     * the same string (fresh: no access tokens, an empty rate window). Stats are kept (resetStats clears them).
     */
    reset(): void {
      book.clear();
      installDemo(demoRefreshToken);
    },

    createSelfClientCode(scopes: string[], userEmail?: string, clientId: string = demoClient.clientId): string {
      const bad = scopes.find((s) => parseScope(s) === null);
      if (scopes.length === 0 || bad !== undefined) {
        throw new InputError(
          'SANDBOX_SCOPE_INVALID',
          bad === undefined ? 'A self-client code needs at least one scope.' : `The scope "${bad}" does not exist.`,
          `Use Zoho scopes such as ${DEMO_SCOPES.join(', ')}.`,
        );
      }
      const user = userEmail === undefined ? demoUser : users.find((u) => u.email.toLowerCase() === userEmail.toLowerCase());
      if (!user) throw new InputError('SANDBOX_USER_UNKNOWN', `No sandbox user has the email "${userEmail}".`);
      if (!book.client(clientId)) throw new InputError('SANDBOX_CLIENT_UNKNOWN', `No sandbox OAuth client has the id "${clientId}".`);
      return book.issueGrantCode({ clientId, userZuid: user.zuid, scopes: [...scopes], redirectUri: null, offline: true, forceConsent: true });
    },
  };
}
