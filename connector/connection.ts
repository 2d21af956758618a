/**
 * What a Zoho connection stores, in one place: the non-secret settings and the secrets, their keys, and the
 * conversions between the runtime's generic Connection and these typed views.
 */
import { ConnectionError } from '../runtime/errors';
import type { Connection } from '../runtime/types';

/** Non-secret facts about a connection (shown by `zcrm connections`). */
export interface ZohoSettings {
  /** Data centre key from the manifest's region table (us, eu, in, au, jp, cn, ca, sa). */
  region: string;
  /** Zoho Accounts server: OAuth token, refresh and revoke go here. */
  accountsUrl: string;
  /** API domain returned with the token (it wins over the region table); the only origin the token is sent to. */
  apiDomain: string;
  clientId: string;
  /** Scopes granted with the token. */
  scopes: string[];
  /** Zoho CRM user id, email and name, and the user's Zoho Accounts id (ZUID) when Zoho gives it. */
  userId?: string;
  userZuid?: string;
  userEmail?: string;
  userName?: string;
  orgId?: string;
  orgName?: string;
  /** Zoho CRM edition when known (it sizes the concurrency limiter). */
  edition?: string;
  /** When the stored access token stops working, ISO time. */
  accessTokenExpiresAt?: string;
  /** When access tokens were minted from this refresh token (epoch ms, last 10 minutes): Zoho allows 10. */
  tokenMints?: number[];
  /** How the connection was made. */
  method?: 'browser' | 'self-client' | 'sandbox';
  /** The last authentication failure, cleared by the next good refresh. */
  lastAuthError?: { code: string; message: string; at: string };
}

/** Secret values: never logged, never printed, scrubbed from every error. */
export interface ZohoSecrets {
  clientSecret: string;
  refreshToken: string;
  accessToken?: string;
}

/** The keys of `Connection.settings` and `Connection.secrets`, for code that reads them generically. */
export const SETTING_KEYS: readonly (keyof ZohoSettings)[] = [
  'region', 'accountsUrl', 'apiDomain', 'clientId', 'scopes', 'userId', 'userZuid', 'userEmail', 'userName', 'orgId', 'orgName',
  'edition', 'accessTokenExpiresAt', 'tokenMints', 'method', 'lastAuthError',
];
export const SECRET_KEYS: readonly (keyof ZohoSecrets)[] = ['clientSecret', 'refreshToken', 'accessToken'];

export interface ZohoConnectionView {
  nickname: string;
  settings: ZohoSettings;
  secrets: ZohoSecrets;
}

/** Reads and checks a stored connection; a connection that cannot work says what is missing and how to fix it. */
export function readZohoConnection(connection: Connection): ZohoConnectionView {
  const s = connection.settings as Partial<ZohoSettings>;
  const missing: string[] = [];
  for (const key of ['region', 'accountsUrl', 'apiDomain', 'clientId'] as const) if (typeof s[key] !== 'string' || !s[key]) missing.push(key);
  for (const key of ['clientSecret', 'refreshToken'] as const) if (!connection.secrets[key]) missing.push(key);
  if (missing.length > 0) {
    throw new ConnectionError(
      'CONNECTION_INCOMPLETE',
      `Connection "${connection.nickname}" is missing ${missing.join(', ')}.`,
      `Run \`zcrm connect ${connection.nickname}\` again to make it whole.`,
      { missing },
    );
  }
  const secrets: ZohoSecrets = { clientSecret: connection.secrets.clientSecret!, refreshToken: connection.secrets.refreshToken! };
  if (connection.secrets.accessToken) secrets.accessToken = connection.secrets.accessToken;
  return { nickname: connection.nickname, settings: { ...(s as ZohoSettings), scopes: Array.isArray(s.scopes) ? s.scopes : [] }, secrets };
}

/** A new Connection for the store. */
export function buildConnection(connectorId: string, nickname: string, settings: ZohoSettings, secrets: ZohoSecrets, now: Date): Connection {
  const iso = now.toISOString();
  return {
    nickname,
    connector: connectorId,
    createdAt: iso,
    updatedAt: iso,
    settings: withoutUndefined(settings as unknown as Record<string, unknown>),
    secrets: withoutUndefined(secrets as unknown as Record<string, unknown>) as Record<string, string>,
  };
}

/** What handlers and listings may see of a connection: settings, never secrets. */
export interface ConnectionInfo {
  nickname: string;
  region: string;
  accountsUrl: string;
  apiDomain: string;
  scopes: string[];
  userId?: string;
  userEmail?: string;
  userName?: string;
  orgId?: string;
  orgName?: string;
  edition?: string;
}

export function connectionInfo(view: ZohoConnectionView): ConnectionInfo {
  const s = view.settings;
  return withoutUndefined({
    nickname: view.nickname,
    region: s.region,
    accountsUrl: s.accountsUrl,
    apiDomain: s.apiDomain,
    scopes: [...s.scopes],
    userId: s.userId,
    userEmail: s.userEmail,
    userName: s.userName,
    orgId: s.orgId,
    orgName: s.orgName,
    edition: s.edition,
  }) as unknown as ConnectionInfo;
}

/** Other stored connections that belong to the same Zoho user (same accounts server and user). */
export function sameUserConnections(all: Connection[], nickname: string, settings: Pick<ZohoSettings, 'accountsUrl' | 'userId' | 'userZuid' | 'userEmail' | 'orgId'>): Connection[] {
  return all.filter((c) => {
    if (c.nickname === nickname) return false;
    const o = c.settings as Partial<ZohoSettings>;
    if (o.accountsUrl !== settings.accountsUrl) return false;
    if (settings.userZuid && o.userZuid) return o.userZuid === settings.userZuid;
    if (settings.userId && o.userId) return o.userId === settings.userId && o.orgId === settings.orgId;
    return Boolean(settings.userEmail && o.userEmail && o.userEmail.toLowerCase() === settings.userEmail.toLowerCase());
  });
}

function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
