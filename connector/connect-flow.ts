/**
 * Making a connection: the browser flow (authorize URL, loopback redirect with a checked state, code
 * exchange) and the self-client flow (a pasted grant code), then one cheap call to record the Zoho user and
 * org, the warning when another connection belongs to the same Zoho user, and saving to the store.
 */
import { MemoryCredentialStore } from '../runtime/credentials/memory-store';
import { InputError, isHostError } from '../runtime/errors';
import type { Connection, CredentialStore, Logger } from '../runtime/types';
import { createZohoClient } from './client-factory';
import { buildConnection, connectionInfo, readZohoConnection, sameUserConnections, type ConnectionInfo, type ZohoSettings } from './connection';
import { identify } from './identify';
import { buildAuthorizeUrl, newState } from './oauth/authorize-url';
import { startLoopbackReceiver } from './oauth/loopback-receiver';
import { TokenClient, type TokenSet } from './oauth/token-client';
import { endpointsForAccountsServer, endpointsOfConnection, normalizeBaseUrl, type RegionEndpoints } from './regions';
import { forgetSession } from './session';
import type { ConnectionSpec } from './spec';

export interface ConnectBase {
  nickname: string;
  spec: ConnectionSpec;
  store: CredentialStore;
  log: Logger;
  /** For ZOHO_ACCOUNTS_URL / ZOHO_API_DOMAIN. */
  env: NodeJS.ProcessEnv;
  /** The data centre's endpoints (overrides applied). */
  endpoints: RegionEndpoints;
  clientId: string;
  clientSecret: string;
  method: NonNullable<ZohoSettings['method']>;
  now?: () => number;
  tokenClient?: TokenClient;
}

export interface ConnectResult {
  info: ConnectionInfo;
  /** Plain-words warnings to show the user (same Zoho user, identity unknown ...). */
  warnings: string[];
  /** Other connections of the same Zoho user. */
  sameUser: string[];
  /** True when a connection of this nickname existed and was replaced. */
  replaced: boolean;
}

export interface BrowserConnect extends ConnectBase {
  /** Shows the authorize URL to the user (opens a browser, prints it, or completes the sandbox's page). */
  present: (authorizeUrl: string, redirectUri: string) => Promise<void>;
  redirectPort?: number;
  timeoutMs?: number;
}

export function checkNickname(spec: ConnectionSpec, nickname: string): void {
  if (!spec.nicknamePattern.test(nickname)) {
    throw new InputError('INVALID_NICKNAME', `"${nickname}" is not a valid connection nickname.`, `Use letters, digits, ".", "_" or "-", starting with a letter or digit, at most 64 characters (pattern ${spec.nicknamePattern.source}).`);
  }
}

/** Checks the nickname before anyone signs in: its form, and that no other connector's connection has it. */
async function prepare(p: ConnectBase): Promise<void> {
  checkNickname(p.spec, p.nickname);
  const existing = await p.store.get(p.nickname);
  if (existing && existing.connector !== p.spec.connectorId) {
    throw new InputError('NICKNAME_TAKEN', `The nickname "${p.nickname}" is already used by a connection of connector "${existing.connector}".`, 'Pick another nickname.');
  }
}

function tokenClientFor(p: ConnectBase): TokenClient {
  const auth = p.spec.auth;
  return p.tokenClient ?? new TokenClient({ ...(auth.apiDomainField ? { apiDomainField: auth.apiDomainField } : {}), ...(auth.scopeSeparator ? { scopeSeparator: auth.scopeSeparator } : {}) });
}

export async function connectWithBrowser(p: BrowserConnect): Promise<ConnectResult> {
  await prepare(p);
  const state = newState();
  const receiver = await startLoopbackReceiver({ state, ...(p.redirectPort !== undefined ? { port: p.redirectPort } : {}), ...(p.timeoutMs ? { timeoutMs: p.timeoutMs } : {}) });
  try {
    const url = buildAuthorizeUrl(p.spec.auth, p.endpoints.authorizeUrl, { clientId: p.clientId, redirectUri: receiver.redirectUri, state });
    await p.present(url, receiver.redirectUri);
    const redirect = await receiver.result;
    // A user whose account lives in another data centre is sent back by that DC's accounts server: the code
    // must be exchanged there (only a known server is accepted, since the client secret goes with it).
    const endpoints = redirect.accountsServer ? endpointsForAccountsServer(p.spec.auth, p.endpoints, redirect.accountsServer, p.env) : p.endpoints;
    const tokens = await tokenClientFor(p).exchangeCode({ tokenUrl: endpoints.tokenUrl, clientId: p.clientId, clientSecret: p.clientSecret, code: redirect.code, redirectUri: receiver.redirectUri });
    return await finishConnection({ ...p, endpoints }, tokens);
  } finally {
    await receiver.close();
  }
}

export async function connectWithSelfClient(p: ConnectBase & { code: string }): Promise<ConnectResult> {
  await prepare(p);
  if (!p.code.trim()) throw new InputError('MISSING_GRANT_CODE', 'The self-client flow needs the grant code (--code).', 'In Zoho\'s API Console open Self Client → Generate Code, choose the scopes, and pass the code with --code.');
  const tokens = await tokenClientFor(p).exchangeCode({ tokenUrl: p.endpoints.tokenUrl, clientId: p.clientId, clientSecret: p.clientSecret, code: p.code.trim() });
  return finishConnection(p, tokens);
}

function sameUserWarning(nickname: string, others: string[], email: string | undefined): string {
  const list = others.map((n) => `"${n}"`).join(', ');
  return (
    `Connection "${nickname}" belongs to the same Zoho user${email ? ` (${email})` : ''} as ${list}. ` +
    'Zoho limits the refresh tokens a user may hold and drops the oldest when a new one is made, so one of these connections may stop working. ' +
    `Consider reusing ${list} instead (remove this one with \`zcrm disconnect ${nickname}\`).`
  );
}

/** Stores the connection made from `tokens`, after learning who it signs in as. */
export async function finishConnection(p: ConnectBase, tokens: TokenSet): Promise<ConnectResult> {
  const now = p.now ?? Date.now;
  const endpoints = p.endpoints;
  // An explicit ZOHO_API_DOMAIN (a proxy, the sandbox) wins; otherwise the domain Zoho returned with the token.
  const apiDomain = p.env.ZOHO_API_DOMAIN ? endpoints.apiDomain : normalizeBaseUrl(tokens.apiDomain ?? endpoints.apiDomain, 'The api_domain returned with the token');
  if (endpoints.accountsUrl.startsWith('https:') && !apiDomain.startsWith('https:')) {
    throw new InputError('INSECURE_API_DOMAIN', `Zoho returned the API domain ${apiDomain}, which is not https.`, 'Set ZOHO_API_DOMAIN if you use a proxy on purpose.');
  }
  const settings: ZohoSettings = {
    region: endpoints.region,
    accountsUrl: endpoints.accountsUrl,
    apiDomain,
    clientId: p.clientId,
    scopes: tokens.scopes ?? [...p.spec.auth.scopes],
    accessTokenExpiresAt: new Date(now() + tokens.expiresInSec * 1000).toISOString(),
    tokenMints: [],
    method: p.method,
  };
  const draft = buildConnection(p.spec.connectorId, p.nickname, settings, { clientSecret: p.clientSecret, refreshToken: tokens.refreshToken!, accessToken: tokens.accessToken }, new Date(now()));

  const warnings: string[] = [];
  let connection = draft;
  try {
    // The new connection is not saved yet: identify it through a private in-memory store.
    const scratch = new MemoryCredentialStore([draft]);
    const client = createZohoClient({ connection: draft, store: scratch, log: p.log, spec: p.spec.auth, retry: { maxAttempts: 2 } });
    const who = await identify(client);
    connection = { ...draft, settings: { ...draft.settings, ...who } };
  } catch (err) {
    if (isHostError(err) && err.category === 'auth' && err.code !== 'OAUTH_SCOPE_MISMATCH') throw err;
    const why = isHostError(err) ? err.code : 'an unexpected error';
    warnings.push(`Could not read the Zoho user and org of "${p.nickname}" (${why}); the check for other connections of the same user was skipped.`);
  }

  const all = await p.store.list();
  const previous = all.find((c) => c.nickname === p.nickname);

  const others = sameUserConnections(all, p.nickname, readZohoConnection(connection).settings).map((c) => c.nickname);
  if (others.length > 0) warnings.push(sameUserWarning(p.nickname, others, connection.settings.userEmail as string | undefined));

  if (previous) connection = { ...connection, createdAt: previous.createdAt };
  await p.store.put(connection);
  forgetSession(p.store, p.nickname);
  if (previous) await revokeReplaced(p, previous, tokens.refreshToken!);
  return { info: connectionInfo(readZohoConnection(connection)), warnings, sameUser: others, replaced: previous !== undefined };
}

/** A reconnect leaves the old refresh token behind in Zoho, counting against the user's cap: revoke it (best effort). */
async function revokeReplaced(p: ConnectBase, previous: Connection, newRefreshToken: string): Promise<void> {
  const old = previous.secrets.refreshToken;
  if (!old || old === newRefreshToken) return;
  try {
    const view = readZohoConnection(previous);
    await tokenClientFor(p).revoke({ revokeUrl: endpointsOfConnection(p.spec.auth, view.settings).revokeUrl, token: old, nickname: p.nickname });
  } catch (err) {
    p.log.warn({ connection: p.nickname, code: isHostError(err) ? err.code : undefined }, 'could not revoke the replaced refresh token; revoke it in Zoho\'s Connected Apps if it is still listed');
  }
}
