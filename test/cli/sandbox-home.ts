/**
 * A sandbox started in-process and a temp ZCRM_HOME whose encrypted store holds one connection to it, for
 * CLI tests that run `zcrm` in-process against the real file store.
 */
import { rmSync } from 'node:fs';
import { sandboxConnection } from '../../connector/sandbox-connect/demo-connection';
import { destroySharedAgents } from '../../connector/http-agents';
import { FileCredentialStore } from '../../runtime/credentials/file-store';
import { startSandbox } from '../../sandbox';
import { tempHome } from '../support/cli-io';

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

export interface SandboxHome {
  sandbox: Sandbox;
  home: string;
  /** ZCRM_HOME, ZCRM_SECRET and ZCRM_CONNECTION for `cli(argv, { env })`. */
  env: NodeJS.ProcessEnv;
  nickname: string;
  store: FileCredentialStore;
  close(): Promise<void>;
}

export async function startSandboxHome(options: { nickname?: string; secret?: string } = {}): Promise<SandboxHome> {
  const sandbox = await startSandbox();
  const home = tempHome();
  const nickname = options.nickname ?? 'demo';
  const secret = options.secret ?? 'cli-test-secret-for-the-store';
  const store = new FileCredentialStore({ dir: home, secret });
  await store.put(sandboxConnection(sandbox, nickname));
  return {
    sandbox,
    home,
    env: { ZCRM_HOME: home, ZCRM_SECRET: secret, ZCRM_CONNECTION: nickname },
    nickname,
    store,
    async close() {
      destroySharedAgents();
      await sandbox.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
