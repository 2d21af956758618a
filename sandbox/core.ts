/**
 * The sandbox's state and controls in one place: the org, the OAuth part, config, faults, stats, credits and
 * the request log. The HTTP server, the control API and the in-process API all act through this object.
 */
import { createAccounts, type SandboxAccounts } from './accounts';
import type { AccountsStats } from './accounts/types';
import { Clock } from './clock';
import { DEFAULT_CONFIG, checkConfig, type SandboxConfig } from './config';
import { Credits } from './credits';
import { Faults, type FaultRule } from './faults';
import { ZohoHttpError } from './http-error';
import { Org } from './org';
import { RequestLog, type RequestLogEntry } from './request-log';
import { DEFAULT_COUNTS } from './seed/generate';
import { Stats, type StatsSnapshot } from './stats';

export interface CoreOptions {
  seed: number;
  counts: Readonly<Record<string, number>>;
  config: Partial<SandboxConfig>;
  now?: () => number;
  publicUrl: () => string;
}

export interface SandboxStats extends StatsSnapshot {
  tokenRequests: AccountsStats;
  credits: { used: number; limit: number | null };
}

/** The most records one seed call may add (keeps a typo from eating the machine's memory). */
export const MAX_SEED_COUNT = 1_000_000;

export function resolveCounts(counts: Readonly<Record<string, number>> | undefined): Record<string, number> {
  return { ...DEFAULT_COUNTS, ...counts };
}

export class SandboxCore {
  readonly clock: Clock;
  readonly org: Org;
  readonly accounts: SandboxAccounts;
  readonly faults: Faults;
  readonly stats = new Stats();
  readonly credits: Credits;
  readonly requestLog = new RequestLog();
  private current: SandboxConfig;

  constructor(private readonly options: CoreOptions) {
    this.clock = new Clock(options.now);
    this.current = { ...DEFAULT_CONFIG, ...checkConfig(options.config) };
    this.org = new Org(this.clock, options.seed);
    this.org.seedAll(options.counts);
    this.credits = new Credits(() => this.clock.now());
    this.faults = new Faults(options.seed);
    this.accounts = createAccounts({
      publicUrl: options.publicUrl,
      users: this.org.users.filter((u) => u.status === 'active'),
      now: () => this.clock.now(),
      config: this.accountsConfig(),
    });
  }

  get config(): SandboxConfig {
    return this.current;
  }

  setConfig(partial: unknown): SandboxConfig {
    const checked = checkConfig(partial);
    this.current = { ...this.current, ...checked };
    this.accounts.setConfig(this.accountsConfig());
    return this.current;
  }

  /**
   * Back to the starting point: data reseeded from the seed and counts the sandbox started with, faults,
   * stats, credits, the request log and config cleared. OAuth clients and tokens stay unless `oauth` is true
   * (then every issued token stops working and the demo refresh token is a new one).
   */
  reset(options: { oauth?: boolean } = {}): void {
    this.org.seedAll(this.options.counts);
    this.clock.offset = 0;
    this.faults.clear();
    this.stats.reset();
    this.credits.reset();
    this.requestLog.clear();
    this.current = { ...DEFAULT_CONFIG, ...checkConfig(this.options.config) };
    this.accounts.setConfig(this.accountsConfig());
    if (options.oauth) this.accounts.reset();
  }

  /** Adds `count` generated records to a module; answers the module's new size. */
  seed(module: unknown, count: unknown): { module: string; added: number; total: number } {
    const def = typeof module === 'string' ? this.org.module(module) : undefined;
    if (!def || !this.org.store(def.api_name)) {
      throw new ZohoHttpError(400, 'INVALID_MODULE', 'the module name given seems to be invalid', { api_name: 'module' });
    }
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_SEED_COUNT) {
      throw new ZohoHttpError(400, 'INVALID_DATA', `count must be an integer from 1 to ${MAX_SEED_COUNT}`, { api_name: 'count' });
    }
    const total = this.org.seedMore(def.api_name, count);
    return { module: def.api_name, added: count, total };
  }

  setFaults(rules: unknown): FaultRule[] {
    if (!Array.isArray(rules)) throw new ZohoHttpError(400, 'INVALID_DATA', 'rules must be an array', { api_name: 'rules' });
    return this.faults.set(rules);
  }

  statsSnapshot(): SandboxStats {
    return {
      ...this.stats.snapshot(),
      tokenRequests: this.accounts.stats(),
      credits: { used: this.credits.used(), limit: this.current.dailyCredits },
    };
  }

  resetStats(): void {
    this.stats.reset();
    this.accounts.resetStats();
  }

  requests(limit?: number): RequestLogEntry[] {
    return this.requestLog.recent(limit);
  }

  private accountsConfig() {
    const { accessTokenTtlSec, refreshTokenCapPerUser, accessTokensPer10Min } = this.current;
    return { accessTokenTtlSec, refreshTokenCapPerUser, accessTokensPer10Min };
  }
}
