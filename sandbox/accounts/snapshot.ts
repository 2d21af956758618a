// The JSON form of the Accounts state for the sandbox's --state file, and its validation on load.
import { InputError } from '../../runtime/errors';
import type { OAuthClient } from './types';

export interface RefreshTokenEntry {
  token: string;
  clientId: string;
  userZuid: string;
  scopes: string[];
  createdAt: number;
  mintedAt: number[];
}

export interface AccessTokenEntry {
  token: string;
  clientId: string;
  userZuid: string;
  scopes: string[];
  refreshToken: string | null;
  expiresAt: number;
}

export interface BookSnapshot {
  clients: OAuthClient[];
  /** Oldest first: the order decides which token the per-user cap pushes out next. */
  refreshTokens: RefreshTokenEntry[];
  accessTokens: AccessTokenEntry[];
}

export interface AccountsSnapshot extends BookSnapshot {
  version: 1;
  demo: { clientId: string; refreshToken: string };
}

type Check = (value: unknown) => boolean;
const isString: Check = (v) => typeof v === 'string';
const isNonEmptyString: Check = (v) => typeof v === 'string' && v.length > 0;
const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const isBoolean: Check = (v) => typeof v === 'boolean';
const arrayOf = (item: Check): Check => (v) => Array.isArray(v) && v.every(item);
const nullOr = (inner: Check): Check => (v) => v === null || inner(v);
const objectWith = (shape: Record<string, Check>): Check => (v) =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.entries(shape).every(([k, check]) => check((v as Record<string, unknown>)[k]));

const isClient = objectWith({
  clientId: isNonEmptyString,
  clientSecret: isNonEmptyString,
  name: isString,
  redirectUris: arrayOf(isString),
  allowLoopback: isBoolean,
});
const isRefreshEntry = objectWith({
  token: isNonEmptyString,
  clientId: isNonEmptyString,
  userZuid: isNonEmptyString,
  scopes: arrayOf(isString),
  createdAt: isNumber,
  mintedAt: arrayOf(isNumber),
});
const isAccessEntry = objectWith({
  token: isNonEmptyString,
  clientId: isNonEmptyString,
  userZuid: isNonEmptyString,
  scopes: arrayOf(isString),
  refreshToken: nullOr(isNonEmptyString),
  expiresAt: isNumber,
});
const isAccountsSnapshot = objectWith({
  version: (v) => v === 1,
  demo: objectWith({ clientId: isNonEmptyString, refreshToken: isNonEmptyString }),
  clients: arrayOf(isClient),
  refreshTokens: arrayOf(isRefreshEntry),
  accessTokens: arrayOf(isAccessEntry),
});

/**
 * Checks that a loaded value is an AccountsSnapshot this version wrote. The error never quotes the value:
 * a state file is full of tokens.
 */
export function parseAccountsSnapshot(value: unknown): AccountsSnapshot {
  if (!isAccountsSnapshot(value)) {
    throw new InputError(
      'SANDBOX_STATE_INVALID',
      'The sandbox state file has no valid Zoho Accounts section (clients and tokens).',
      'Delete the state file, or start the sandbox without --state, to begin from a fresh seed.',
    );
  }
  return value as AccountsSnapshot;
}

/** Shape check for a client handed to registerClient() (it may come from the control API's JSON). */
export function isOAuthClient(value: unknown): value is OAuthClient {
  return isClient(value);
}
