/** Zoho connections to an in-process sandbox, each with its own refresh token (a self-client code exchanged once), and no access token yet. */
import { sandboxConnection as demoConnection } from '../../../connector/sandbox-connect/demo-connection';
import type { Connection } from '../../../runtime/types';
import type { RunningSandbox } from '../../../sandbox';

export const SCOPES = ['ZohoCRM.modules.ALL', 'ZohoCRM.settings.ALL', 'ZohoCRM.coql.READ', 'ZohoCRM.users.READ', 'ZohoCRM.org.READ'];

export async function sandboxConnection(sandbox: RunningSandbox, nickname: string): Promise<Connection> {
  const code = sandbox.selfClientCode(SCOPES);
  const res = await fetch(`${sandbox.accountsUrl}/oauth/v2/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: sandbox.clientId, client_secret: sandbox.clientSecret, code }),
  });
  const tokens = (await res.json()) as { refresh_token?: string };
  if (!tokens.refresh_token) throw new Error(`the sandbox gave no refresh token: ${JSON.stringify(Object.keys(tokens))}`);
  return demoConnection(sandbox, nickname, { refreshToken: tokens.refresh_token, scopes: SCOPES });
}
