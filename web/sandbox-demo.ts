/**
 * The playground's demo setup: a sandbox started in this process and one connection to it, kept in memory only
 * (its tokens are the sandbox's own and die with it), so `npm start` works with no Zoho account and no setup.
 */
import { sandboxConnection } from '../connector/sandbox-connect/demo-connection';
import { MemoryCredentialStore } from '../runtime/credentials/memory-store';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../sandbox';

export const DEMO_NICKNAME = 'sandbox-demo';

export interface SandboxDemo {
  sandbox: RunningSandbox;
  store: MemoryCredentialStore;
  nickname: string;
  close(): Promise<void>;
}

export async function startSandboxDemo(options: { sandbox?: SandboxOptions; connectorId?: string; nickname?: string } = {}): Promise<SandboxDemo> {
  const sandbox = await startSandbox({ port: 0, ...options.sandbox });
  const nickname = options.nickname ?? DEMO_NICKNAME;
  const connection = sandboxConnection(sandbox, nickname, options.connectorId ? { connectorId: options.connectorId } : {});
  return { sandbox, store: new MemoryCredentialStore([connection]), nickname, close: () => sandbox.close() };
}
