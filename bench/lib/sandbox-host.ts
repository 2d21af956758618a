/**
 * A sandbox on loopback with the Zoho connector loaded by the real runtime and one connection to it: what
 * every in-process benchmark runs against. Also counts the sandbox's CRM calls, which is how the benchmarks
 * measure call economy (at the server, not by trusting the client).
 */
import { join } from 'node:path';
import { sandboxConnection as demoConnection } from '../../connector/sandbox-connect/demo-connection';
import { destroySharedAgents } from '../../connector/http-agents';
import { MemoryCredentialStore } from '../../runtime/credentials/memory-store';
import { loadHost } from '../../runtime/host';
import { createLogger } from '../../runtime/logger';
import type { Connection, Host } from '../../runtime/types';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../sandbox';
import { crmCallsIn } from './sandbox-process';

export const ZOHO_MANIFEST = join(__dirname, '..', '..', 'manifest.json');
export const NICKNAME = 'bench';

export interface BenchSandbox {
  sandbox: RunningSandbox;
  host: Host;
  connection: Connection;
  close(): Promise<void>;
}

/** The connection the connector would store after `zcrm connect --sandbox`: refresh token, no access token yet. */
export function sandboxConnection(sandbox: Pick<RunningSandbox, 'accountsUrl' | 'apiDomain' | 'clientId' | 'clientSecret' | 'refreshToken' | 'user'>): Connection {
  return demoConnection(sandbox, NICKNAME);
}

/** A runtime host over a memory store holding `connection` (a fresh host has no token and no cached client). */
export function benchHost(connection: Connection): Host {
  return loadHost({ manifestPath: ZOHO_MANIFEST, store: new MemoryCredentialStore([connection]), log: createLogger({ level: 'silent' }) });
}

export async function startBenchSandbox(options: SandboxOptions = {}): Promise<BenchSandbox> {
  // Every benchmark makes fresh clients, each minting an access token: Zoho's 10 per 10 minutes would refuse them.
  const sandbox = await startSandbox({ ...options, config: { accessTokensPer10Min: 100_000, ...options.config } });
  const connection = sandboxConnection(sandbox);
  const host = benchHost(connection);
  return {
    sandbox,
    host,
    connection,
    async close() {
      destroySharedAgents();
      await sandbox.close();
    },
  };
}

/** CRM calls the sandbox answered since its stats were last reset (OAuth and control calls excluded). */
export function crmCalls(sandbox: RunningSandbox, route?: RegExp): number {
  return crmCallsIn(sandbox.stats(), route);
}

export function tokenRequests(sandbox: RunningSandbox): number {
  return sandbox.stats().tokenRequests.tokenRequests;
}

/** Throws with the error code and message when a runtime result failed (a benchmark must not count failures). */
export function expectOk<T = unknown>(result: { ok: true; output: unknown } | { ok: false; error: { code: string; message: string } }, what: string): T {
  if (!result.ok) throw new Error(`${what} failed: ${result.error.code}: ${result.error.message}`);
  return result.output as T;
}

/** Ids of the first `count` records of a module, read through the runtime. */
export async function recordIds(host: Host, module: string, count: number, field = 'Last_Name'): Promise<string[]> {
  const output = expectOk<{ records: { id: string }[] }>(await host.execute('list-records', { module, fields: [field], limit: count }, { connection: NICKNAME }), `list ${module}`);
  return output.records.map((r) => r.id);
}
