/**
 * What one process keeps per connection across the clients built for it: the token manager (so refresh is
 * single-flight however many action runs are in flight) and the metadata cache. Keyed by credential store
 * and nickname, so separate stores (tests, tenants) never share state.
 */
import type { Connection, CredentialStore } from '../runtime/types';
import type { MetadataStore } from './metadata';
import { TokenManager, type TokenManagerOptions } from './token-manager';

export interface Session {
  tokens: TokenManager;
  metadata: MetadataStore;
}

const sessions = new WeakMap<CredentialStore, Map<string, Session>>();

export function sessionFor(store: CredentialStore, connection: Connection, create: () => TokenManagerOptions): Session {
  let byName = sessions.get(store);
  if (!byName) {
    byName = new Map();
    sessions.set(store, byName);
  }
  const existing = byName.get(connection.nickname);
  if (existing) {
    const orgBefore = existing.tokens.settings.orgId;
    existing.tokens.adopt(connection);
    // A reconnect may point at another org or user: metadata from before does not apply.
    if (orgBefore !== existing.tokens.settings.orgId) existing.metadata.clear();
    return existing;
  }
  const session: Session = { tokens: new TokenManager(create()), metadata: new Map() };
  byName.set(connection.nickname, session);
  return session;
}

/** Drops the session of a deleted or replaced connection. */
export function forgetSession(store: CredentialStore, nickname: string): void {
  sessions.get(store)?.delete(nickname);
}
