/**
 * The Zoho connector loaded by the real runtime, with one connection to a sandbox started in-process: what
 * action, flow and CLI tests run against, with the helpers those tests share.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ZohoClient } from '../../connector/client-factory';
import { sandboxConnection as demoConnection } from '../../connector/sandbox-connect/demo-connection';
import { DEMO_SCOPES } from '../../sandbox/accounts';
import { FileCredentialStore } from '../../runtime/credentials/file-store';
import { MemoryCredentialStore } from '../../runtime/credentials/memory-store';
import type { ErrorInfo } from '../../runtime/errors';
import { loadHost } from '../../runtime/host';
import { createLogger } from '../../runtime/logger';
import type { Connection, ExecuteOptions, ExecuteResult, Host } from '../../runtime/types';
import { startSandbox, type RequestLogEntry } from '../../sandbox';
import { cli, tempHome, type CliRun } from './cli-io';

export const ZOHO_MANIFEST = join(__dirname, '..', '..', 'manifest.json');

type SandboxOptions = NonNullable<Parameters<typeof startSandbox>[0]>;
export type RunningSandbox = Awaited<ReturnType<typeof startSandbox>>;

/** The scopes of the sandbox connection: everything the connector's actions use. */
export const SANDBOX_SCOPES: readonly string[] = DEMO_SCOPES;

/** A stored connection of the demo user to `sandbox`, with the demo refresh token (or the one given). */
export function sandboxConnection(sandbox: RunningSandbox, nickname: string, refreshToken = sandbox.refreshToken): Connection {
  return demoConnection(sandbox, nickname, { refreshToken });
}

/** Encrypts the CLI's copy of the connection; a test value, not a secret. */
const CLI_SECRET = 'sandbox-host-cli-secret';

export class SandboxHost {
  /** The temp ZCRM_HOME the CLI runs with, made on the first `cli()` call. */
  private cliHome: { dir: string; ready: Promise<void> } | undefined;

  constructor(
    readonly sandbox: RunningSandbox,
    readonly host: Host,
    readonly store: MemoryCredentialStore,
    readonly nickname: string,
  ) {}

  /** Runs an action on the sandbox connection (or the one `options.connection` names). */
  run(actionId: string, input: unknown, options: ExecuteOptions = {}): Promise<ExecuteResult> {
    return this.host.execute(actionId, input, { connection: this.nickname, ...options });
  }

  /** Runs an action that must succeed: its output; a failure throws with the error. */
  async ok<T = Record<string, any>>(actionId: string, input: unknown, options: ExecuteOptions = {}): Promise<T> {
    const result = await this.run(actionId, input, options);
    if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
    return result.output as T;
  }

  /** Runs an action that must fail: its error; a success throws with the output. */
  async failure(actionId: string, input: unknown, options: ExecuteOptions = {}): Promise<ErrorInfo> {
    const result = await this.run(actionId, input, options);
    if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.output)}`);
    return result.error;
  }

  /** The connector's client for the sandbox connection, as handlers get it (the host keeps one per connection). */
  async client(): Promise<ZohoClient> {
    return (await this.host.clientFor(this.nickname)) as ZohoClient;
  }

  /** Creates records (or notes, under a record's /Notes) in one POST through the client: their ids, in order. */
  async createRecords(path: string, records: Record<string, unknown>[]): Promise<string[]> {
    const body = await (await this.client()).post<{ data: { details: { id: string } }[] }>(path, { data: records });
    return body!.data.map((d) => d.details.id);
  }

  /** Creates one record (or note) through the client: its id. */
  async createRecord(path: string, record: Record<string, unknown>): Promise<string> {
    return (await this.createRecords(path, [record]))[0]!;
  }

  /**
   * The logged requests with `method` ('*' for any) whose URL (path with its query) equals `url`, or matches
   * it when it is a pattern; without `url`, every request with that method.
   */
  requestsTo(method: string, url?: string | RegExp): RequestLogEntry[] {
    const urlMatches = (u: string) => url === undefined || (typeof url === 'string' ? u === url : url.test(u));
    return this.sandbox.requests().filter((e) => (method === '*' || e.method === method) && urlMatches(e.url));
  }

  /** Empties the sandbox's request log, so `requestsTo` sees only what follows. */
  async clearRequests(): Promise<void> {
    await fetch(`${this.sandbox.url}/__sandbox/requests`, { method: 'DELETE' });
  }

  /** Adds a second connection of the demo user whose token carries only `scopes` (a self-client code, exchanged once). */
  async narrowConnection(nickname: string, scopes: string[]): Promise<void> {
    const code = this.sandbox.selfClientCode(scopes);
    const res = await fetch(`${this.sandbox.accountsUrl}/oauth/v2/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: this.sandbox.clientId, client_secret: this.sandbox.clientSecret, code }),
    });
    const tokens = (await res.json()) as { refresh_token: string };
    const base = (await this.store.get(this.nickname))!;
    await this.store.put({ ...base, nickname, settings: { ...base.settings, scopes }, secrets: { clientSecret: this.sandbox.clientSecret, refreshToken: tokens.refresh_token } });
  }

  /** Runs the CLI in-process with a file store (in a temp ZCRM_HOME) holding a copy of the sandbox connection. */
  async cli(args: string[]): Promise<CliRun> {
    if (!this.cliHome) {
      const dir = tempHome();
      this.cliHome = { dir, ready: this.copyConnectionTo(dir) };
    }
    await this.cliHome.ready;
    return cli(args, { env: { ZCRM_HOME: this.cliHome.dir, ZCRM_SECRET: CLI_SECRET } });
  }

  /** Stops the sandbox and removes the CLI's temp home. */
  async close(): Promise<void> {
    await this.sandbox.close();
    if (this.cliHome) rmSync(this.cliHome.dir, { recursive: true, force: true });
  }

  private async copyConnectionTo(dir: string): Promise<void> {
    await new FileCredentialStore({ dir, secret: CLI_SECRET }).put((await this.store.get(this.nickname))!);
  }
}

export async function startSandboxHost(options: { sandbox?: SandboxOptions; nickname?: string } = {}): Promise<SandboxHost> {
  const sandbox = await startSandbox(options.sandbox);
  const nickname = options.nickname ?? 'sandbox';
  const store = new MemoryCredentialStore([sandboxConnection(sandbox, nickname)]);
  const host = loadHost({ manifestPath: ZOHO_MANIFEST, store, log: createLogger({ level: process.env.LOG_LEVEL ?? 'silent' }) });
  return new SandboxHost(sandbox, host, store, nickname);
}
