/**
 * The Zoho connector loaded by the real runtime, with one connection to a sandbox started in-process: what
 * action, flow and CLI tests run against.
 */
import { join } from 'node:path';
import { buildConnection } from '../../connector/connection';
import { MemoryCredentialStore } from '../../runtime/credentials/memory-store';
import { loadHost } from '../../runtime/host';
import { createLogger } from '../../runtime/logger';
import type { Host } from '../../runtime/types';
import { startSandbox } from '../../sandbox';

export const ZOHO_MANIFEST = join(__dirname, '..', '..', 'manifest.json');

type SandboxOptions = NonNullable<Parameters<typeof startSandbox>[0]>;
export type RunningSandbox = Awaited<ReturnType<typeof startSandbox>>;

export interface SandboxHost {
  sandbox: RunningSandbox;
  host: Host;
  store: MemoryCredentialStore;
  nickname: string;
  close(): Promise<void>;
}

export async function startSandboxHost(options: { sandbox?: SandboxOptions; nickname?: string } = {}): Promise<SandboxHost> {
  const sandbox = await startSandbox(options.sandbox);
  const nickname = options.nickname ?? 'sandbox';
  const connection = buildConnection(
    'zoho-crm',
    nickname,
    {
      region: 'us',
      accountsUrl: sandbox.accountsUrl,
      apiDomain: sandbox.apiDomain,
      clientId: sandbox.clientId,
      scopes: ['ZohoCRM.modules.ALL', 'ZohoCRM.settings.ALL', 'ZohoCRM.coql.READ', 'ZohoCRM.users.READ', 'ZohoCRM.org.READ'],
      userId: sandbox.user.id,
      userEmail: sandbox.user.email,
      userName: sandbox.user.name,
      orgId: sandbox.user.orgId,
      method: 'sandbox',
    },
    { clientSecret: sandbox.clientSecret, refreshToken: sandbox.refreshToken },
    new Date(),
  );
  const store = new MemoryCredentialStore([connection]);
  const host = loadHost({ manifestPath: ZOHO_MANIFEST, store, log: createLogger({ level: process.env.LOG_LEVEL ?? 'silent' }) });
  return { sandbox, host, store, nickname, close: () => sandbox.close() };
}
