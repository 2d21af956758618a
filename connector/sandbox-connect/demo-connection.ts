/**
 * A stored connection of the sandbox's demo user, built from what the sandbox hands out (its URL, demo client
 * and ready refresh token): how the playground, the library example and the tests reach a sandbox without the
 * OAuth dance.
 */
import { DEMO_SCOPES } from '../../sandbox/accounts';
import type { Connection } from '../../runtime/types';
import { buildConnection } from '../connection';

/** What `startSandbox()` returns, or `zcrm sandbox` prints, that a connection needs. */
export interface SandboxCredentials {
  accountsUrl: string;
  apiDomain: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  user: { id: string; email: string; name: string; orgId: string };
}

export function sandboxConnection(
  sandbox: SandboxCredentials,
  nickname: string,
  options: { connectorId?: string; refreshToken?: string; scopes?: readonly string[] } = {},
): Connection {
  return buildConnection(
    options.connectorId ?? 'zoho-crm',
    nickname,
    {
      region: 'us',
      accountsUrl: sandbox.accountsUrl,
      apiDomain: sandbox.apiDomain,
      clientId: sandbox.clientId,
      scopes: [...(options.scopes ?? DEMO_SCOPES)],
      userId: sandbox.user.id,
      userEmail: sandbox.user.email,
      userName: sandbox.user.name,
      orgId: sandbox.user.orgId,
      method: 'sandbox',
    },
    { clientSecret: sandbox.clientSecret, refreshToken: options.refreshToken ?? sandbox.refreshToken },
    new Date(),
  );
}
