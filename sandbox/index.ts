/**
 * sandbox/: a local Zoho CRM (v2…v8) and Zoho Accounts on one port, with a control API for faults, limits and
 * stats. `startSandbox()` runs it in-process (tests, benchmarks, the `zcrm sandbox` command).
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { SandboxUser } from './accounts/types';
import type { SandboxConfig } from './config';
import { SandboxCore, resolveCounts, type SandboxStats } from './core';
import type { FaultRule } from './faults';
import type { RequestLogEntry } from './request-log';
import { createSandboxServer } from './server';
import { loadState, saveState } from './state-file';

export interface SandboxOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Seed of the generated data (default 1): the same seed and counts give the same org. */
  seed?: number;
  /** Records to generate per module, over the defaults (30 Leads, 20 Contacts, 10 Accounts, ...). */
  counts?: Partial<Record<string, number>>;
  /** State file: loaded when it exists (instead of seeding), written on close. */
  statePath?: string;
  config?: Partial<SandboxConfig>;
  /** Clock in ms (tests move it); default Date.now. */
  now?: () => number;
  /** Where unexpected failures inside the sandbox are reported (default: stderr). */
  onInternalError?: (error: unknown) => void;
}

export interface RunningSandbox {
  /** Base URL, e.g. http://127.0.0.1:4410 (CRM under /crm, OAuth under /oauth/v2, control under /__sandbox). */
  url: string;
  accountsUrl: string;
  apiDomain: string;
  /** The registered demo client and a ready refresh token of the demo user (every scope). */
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  user: SandboxUser;
  port: number;
  close(): Promise<void>;
  /** Reseeds the data and clears faults, stats, credits, config and the log; `oauth` also drops every token. */
  reset(options?: { oauth?: boolean }): void;
  seed(module: string, count: number): { module: string; added: number; total: number };
  setConfig(partial: Partial<SandboxConfig>): SandboxConfig;
  config(): SandboxConfig;
  setFaults(rules: unknown[]): FaultRule[];
  addFault(rule: unknown): FaultRule;
  clearFaults(): void;
  stats(): SandboxStats;
  resetStats(): void;
  requests(limit?: number): RequestLogEntry[];
  /** Every secret the OAuth part has issued (access and refresh tokens, client secrets, codes): for leak tests. */
  issuedSecrets(): string[];
  advanceClock(ms: number): void;
  /**
   * A self-client grant code (Zoho's API console "Generate Code") for `scopes`, for the user with `userEmail`
   * (default: the demo user); exchange it at /oauth/v2/token with the demo client's id and secret.
   */
  selfClientCode(scopes: string[], userEmail?: string): string;
  /** Writes the state file now (to `path`, default the statePath option). */
  save(path?: string): Promise<void>;
}

const DEFAULT_SEED = 1;

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  let baseUrl = '';
  const core = new SandboxCore({
    seed: options.seed ?? DEFAULT_SEED,
    counts: resolveCounts(options.counts as Record<string, number> | undefined),
    config: options.config ?? {},
    ...(options.now ? { now: options.now } : {}),
    publicUrl: () => baseUrl,
  });
  if (options.statePath && existsSync(options.statePath)) await loadState(core, options.statePath);

  const onInternalError = options.onInternalError ?? ((error: unknown) => process.stderr.write(`sandbox: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`));
  const server = createSandboxServer(core, onInternalError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closed: Promise<void> | undefined;
  const save = async (path?: string) => {
    const target = path ?? options.statePath;
    if (target) await saveState(core, target);
  };
  return {
    url: baseUrl,
    accountsUrl: baseUrl,
    apiDomain: baseUrl,
    // Getters: a reset with `oauth: true` issues a new demo refresh token.
    get clientId() {
      return core.accounts.demo().clientId;
    },
    get clientSecret() {
      return core.accounts.demo().clientSecret;
    },
    get refreshToken() {
      return core.accounts.demo().refreshToken;
    },
    get user() {
      return core.accounts.demo().user;
    },
    port,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => save());
      return closed;
    },
    reset: (o) => core.reset(o),
    seed: (module, count) => core.seed(module, count),
    setConfig: (partial) => core.setConfig(partial),
    config: () => ({ ...core.config }),
    setFaults: (rules) => core.setFaults(rules),
    addFault: (rule) => core.faults.add(rule),
    clearFaults: () => core.faults.clear(),
    stats: () => core.statsSnapshot(),
    resetStats: () => core.resetStats(),
    requests: (limit) => core.requests(limit),
    issuedSecrets: () => core.accounts.issuedSecrets(),
    advanceClock: (ms) => core.clock.advance(ms),
    selfClientCode: (scopes, userEmail) => core.accounts.createSelfClientCode(scopes, userEmail),
    save,
  };
}

export type { SandboxConfig } from './config';
export type { SandboxStats } from './core';
export type { FaultRule, FaultRuleInput } from './faults';
export type { RequestLogEntry } from './request-log';
