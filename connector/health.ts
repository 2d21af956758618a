/**
 * A stored connection's health as far as the store can tell without calling Zoho: complete or not, the last
 * authentication failure, the access token's remaining life, and other connections of the same Zoho user.
 */
import { isHostError } from '../runtime/errors';
import type { Connection } from '../runtime/types';
import { readZohoConnection, sameUserConnections, type ZohoSettings } from './connection';

export type HealthStatus = 'ok' | 'warning' | 'reconnect';

export interface ConnectionHealth {
  status: HealthStatus;
  /** Plain words, e.g. "token valid for 42 min" or "revoked: run `zcrm connect acme`". */
  detail: string;
  sameUser: string[];
}

export function connectionHealth(connection: Connection, all: Connection[], now: number = Date.now()): ConnectionHealth {
  let view;
  try {
    view = readZohoConnection(connection);
  } catch (err) {
    return { status: 'reconnect', detail: isHostError(err) ? `${err.message} ${err.hint ?? ''}`.trim() : 'unreadable', sameUser: [] };
  }
  const s: ZohoSettings = view.settings;
  const sameUser = sameUserConnections(all, connection.nickname, s).map((c) => c.nickname);
  if (s.lastAuthError) {
    return { status: 'reconnect', detail: `${s.lastAuthError.code} at ${s.lastAuthError.at}: run \`zcrm connect ${connection.nickname}\` again`, sameUser };
  }
  const expires = s.accessTokenExpiresAt ? Date.parse(s.accessTokenExpiresAt) : Number.NaN;
  const token = view.secrets.accessToken && Number.isFinite(expires) && expires > now
    ? `token valid for ${Math.max(1, Math.round((expires - now) / 60_000))} min`
    : 'token refreshes on next use';
  if (sameUser.length > 0) {
    return { status: 'warning', detail: `${token}; same Zoho user as ${sameUser.map((n) => `"${n}"`).join(', ')} (one may invalidate the other)`, sameUser };
  }
  return { status: 'ok', detail: token, sameUser };
}
