/**
 * One reliability scenario's world: a sandbox in this process, a ZCRM_HOME holding an encrypted file store with
 * a connection to it, an in-process host on that store logging at trace level, and the CLI run in-process on
 * the same home. Everything printed or logged is kept in `capture` for the secrets check.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildConnection } from '../../connector/connection';
import { FileCredentialStore } from '../../runtime/credentials/file-store';
import { defaultJournalDir } from '../../runtime/flow/journal';
import { loadHost } from '../../runtime/host';
import { createLogger } from '../../runtime/logger';
import type { Connection, Host } from '../../runtime/types';
import { startSandbox } from '../../sandbox';
import { cli, type CliRun } from './cli-io';
import { Capture } from './reliability-capture';
import { ZOHO_MANIFEST, type RunningSandbox } from './sandbox-host';

type SandboxOptions = NonNullable<Parameters<typeof startSandbox>[0]>;

export interface World {
  sandbox: RunningSandbox;
  /** ZCRM_HOME of the CLI runs (credential store, key file, run journals). */
  home: string;
  /** Environment of CLI runs: ZCRM_HOME, LOG_LEVEL=trace, ZCRM_CONNECTION. */
  env: NodeJS.ProcessEnv;
  store: FileCredentialStore;
  host: Host;
  nickname: string;
  journalDir: string;
  capture: Capture;
  /** Failures inside the sandbox (bugs); scenarios assert there are none. */
  internalErrors: unknown[];
  /** The zcrm CLI in this process on `home`; its output is added to `capture`. */
  cli(argv: string[], options?: { stdin?: string; env?: NodeJS.ProcessEnv }): Promise<CliRun>;
  close(): Promise<void>;
}

export const CONNECTION_SCOPES = ['ZohoCRM.modules.ALL', 'ZohoCRM.settings.ALL', 'ZohoCRM.coql.READ', 'ZohoCRM.users.READ', 'ZohoCRM.org.READ'];

/** A stored connection to `sandbox` with its demo refresh token (or the one given). */
export function sandboxConnection(sandbox: RunningSandbox, nickname: string, refreshToken = sandbox.refreshToken): Connection {
  return buildConnection(
    'zoho-crm',
    nickname,
    {
      region: 'us',
      accountsUrl: sandbox.accountsUrl,
      apiDomain: sandbox.apiDomain,
      clientId: sandbox.clientId,
      scopes: CONNECTION_SCOPES,
      userId: sandbox.user.id,
      userEmail: sandbox.user.email,
      userName: sandbox.user.name,
      orgId: sandbox.user.orgId,
      method: 'sandbox',
    },
    { clientSecret: sandbox.clientSecret, refreshToken },
    new Date(),
  );
}

export async function startWorld(options: { sandbox?: SandboxOptions; nickname?: string; label?: string } = {}): Promise<World> {
  const internalErrors: unknown[] = [];
  const sandbox = await startSandbox({ onInternalError: (e) => internalErrors.push(e), ...options.sandbox });
  const home = mkdtempSync(join(tmpdir(), `zcrm-rel-${options.label ?? 'world'}-`));
  const nickname = options.nickname ?? 'rel';
  const store = new FileCredentialStore({ dir: home });
  await store.put(sandboxConnection(sandbox, nickname));
  const capture = new Capture();
  const env: NodeJS.ProcessEnv = { ZCRM_HOME: home, LOG_LEVEL: 'trace', ZCRM_CONNECTION: nickname };
  const host = loadHost({ manifestPath: ZOHO_MANIFEST, store, log: createLogger({ level: 'trace', destination: capture.sink('host log') }) });
  let runs = 0;
  return {
    sandbox,
    home,
    env,
    store,
    host,
    nickname,
    journalDir: defaultJournalDir(env),
    capture,
    internalErrors,
    async cli(argv, o = {}) {
      const run = await cli(argv, { env: { ...env, ...o.env }, ...(o.stdin !== undefined ? { stdin: o.stdin } : {}) });
      const label = `cli #${++runs} ${argv.slice(0, 2).join(' ')}`;
      capture.add(`${label} stdout`, run.stdout);
      capture.add(`${label} stderr`, run.stderr);
      return run;
    },
    async close() {
      await sandbox.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
