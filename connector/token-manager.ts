/**
 * Access tokens of one connection: reuses a valid token, refreshes ahead of expiry, refreshes once per
 * process however many calls ask at the same moment (single-flight), keeps within Zoho's 10 tokens per
 * refresh token per 10 minutes (waiting, and saying why, when they are used up), and saves every new token
 * to the credential store at once.
 */
import { ConnectionError, isHostError } from '../runtime/errors';
import type { Connection, Coordination, CredentialStore, Logger } from '../runtime/types';
import { secrets } from '../runtime/secrets';
import { tokenRateLimitedError, tokenRevokedError, ZohoAuthError, type RevokedContext } from './auth-errors';
import { readZohoConnection, sameUserConnections, type ZohoConnectionView, type ZohoSettings } from './connection';
import type { TokenClient } from './oauth/token-client';
import { isStaleFence, refreshLockKey, underRefreshLease } from './shared-refresh';
import { cancelledError, sleep as defaultSleep, type Clock, type Sleep } from './sleep';

export interface TokenCap {
  /** Access tokens Zoho allows per refresh token per window (10). */
  count: number;
  windowMs: number;
}

export interface TokenManagerOptions {
  connection: Connection;
  store: CredentialStore;
  tokenClient: TokenClient;
  /** Refresh URL for the connection's accounts server (settings may change on a reconnect). */
  refreshUrl: (settings: ZohoSettings) => string;
  log: Logger;
  now?: Clock;
  sleep?: Sleep;
  /** Refresh this long before expiry (capped at a tenth of the token's lifetime). Default 5 minutes. */
  refreshAheadMs?: number;
  cap?: TokenCap;
  /** Longest total wait for Zoho's token cap before failing with TOKEN_RATE_LIMITED. Default 90 s. */
  maxWaitMs?: number;
  /** First wait after Zoho refuses a refresh as too many, when our own records cannot tell. Default 15 s. */
  refusedBackoffMs?: number;
  /** Other processes share the store (worker mode): refresh under their common lock (connector/shared-refresh.ts). */
  coordination?: Coordination;
}

export const ZOHO_TOKEN_CAP: TokenCap = { count: 10, windowMs: 10 * 60_000 };

type Reason = 'expiring' | 'rejected';

/** Mint times this far ahead of the clock still count (stamps are made distinct by adding milliseconds). */
const MINT_CLOCK_TOLERANCE_MS = 60_000;

const TRANSIENT_ACCOUNTS_CODES = new Set(['ACCOUNTS_UNREACHABLE', 'ACCOUNTS_UNAVAILABLE']);

export class TokenManager {
  private view: ZohoConnectionView;
  private inflight: Promise<string> | undefined;
  /** Set once Zoho refused the refresh token: later calls fail at once instead of asking Zoho again. */
  private revoked: ConnectionError | undefined;
  private lifetimeMs = 3600_000;
  private readonly now: Clock;
  private readonly sleep: Sleep;
  private readonly cap: TokenCap;

  constructor(private readonly options: TokenManagerOptions) {
    this.view = readZohoConnection(options.connection);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? defaultSleep;
    this.cap = options.cap ?? ZOHO_TOKEN_CAP;
    registerSecrets(this.view);
    this.learnLifetime();
  }

  get nickname(): string {
    return this.view.nickname;
  }

  get settings(): Readonly<ZohoSettings> {
    return this.view.settings;
  }

  /** Takes a connection read from the store when it is newer than what this manager holds (another process refreshed, or the user reconnected). */
  adopt(connection: Connection): void {
    const next = readZohoConnection(connection);
    registerSecrets(next);
    if (next.secrets.refreshToken !== this.view.secrets.refreshToken) {
      this.view = next;
      this.revoked = undefined;
      return;
    }
    const newerToken = expiryOf(next) > expiryOf(this.view);
    const from = this.now() - this.cap.windowMs;
    const settings: ZohoSettings = {
      ...next.settings,
      tokenMints: mergeMints(next.settings.tokenMints, this.view.settings.tokenMints ?? [], from),
    };
    const tokenSource = newerToken ? next : this.view;
    if (tokenSource.settings.accessTokenExpiresAt) settings.accessTokenExpiresAt = tokenSource.settings.accessTokenExpiresAt;
    else delete settings.accessTokenExpiresAt;
    const secretsNow = { ...next.secrets };
    if (tokenSource.secrets.accessToken) secretsNow.accessToken = tokenSource.secrets.accessToken;
    else delete secretsNow.accessToken;
    this.view = { nickname: next.nickname, settings, secrets: secretsNow };
    this.learnLifetime();
  }

  /** A token to send now: the stored one while valid, else a fresh one. */
  async accessToken(signal?: AbortSignal): Promise<string> {
    const token = this.view.secrets.accessToken;
    if (token && this.remainingMs() > this.marginMs()) return token;
    // Inside the refresh margin but not yet expired, with the cap used up: the current token still works.
    if (token && this.remainingMs() > 0 && this.recentMints().length >= this.cap.count) return token;
    return this.refreshOnce('expiring', undefined, signal);
  }

  /** After Zoho refused `rejected` with INVALID_TOKEN: a newer token if one exists, else one refresh. */
  async tokenAfterRejection(rejected: string, signal?: AbortSignal): Promise<string> {
    if (this.inflight) return signal ? raceAbort(this.inflight, signal) : this.inflight;
    const token = this.view.secrets.accessToken;
    if (token && token !== rejected) return token;
    return this.refreshOnce('rejected', rejected, signal);
  }

  /** The plain-words error for a connection whose tokens Zoho no longer accepts; also records it for `zcrm connections`. */
  async revokedError(evidence: RevokedContext['evidence']): Promise<ConnectionError> {
    const others = await this.sameUserNicknames();
    const err = tokenRevokedError({ nickname: this.nickname, sameUser: others, evidence, ...(this.view.settings.userEmail ? { userEmail: this.view.settings.userEmail } : {}) });
    await this.recordAuthError(err.code, err.message);
    return err;
  }

  private refreshOnce(reason: Reason, rejected: string | undefined, signal?: AbortSignal): Promise<string> {
    if (!this.inflight) {
      const coordination = this.options.coordination;
      const run = coordination
        ? underRefreshLease(coordination, refreshLockKey(this.view.settings.clientId, this.view.secrets.refreshToken), (lease) => this.refresh(reason, rejected, lease.fencingToken))
        : this.refresh(reason, rejected);
      // The in-flight refresh is shared by every caller, so one caller's abort must not cancel it for the rest.
      this.inflight = run.finally(() => {
        this.inflight = undefined;
      });
    }
    return signal ? raceAbort(this.inflight, signal) : this.inflight;
  }

  private async refresh(reason: Reason, rejected: string | undefined, fence?: number): Promise<string> {
    await this.reloadFromStore();
    if (this.revoked) throw this.revoked;
    const stored = this.view.secrets.accessToken;
    // Another process (or a reconnect) may already have put a newer token in the store.
    if (stored && stored !== rejected && this.remainingMs() > (reason === 'expiring' ? this.marginMs() : 0)) return stored;

    const started = this.now();
    const maxWait = this.options.maxWaitMs ?? 90_000;
    let refusedWait = this.options.refusedBackoffMs ?? 15_000;
    let transientFailures = 0;
    for (;;) {
      const mints = this.recentMints();
      if (mints.length >= this.cap.count) {
        if (stored && stored !== rejected && this.remainingMs() > 0) return stored;
        const waitMs = mints[0]! + this.cap.windowMs - this.now() + 50;
        await this.waitForCap(waitMs, started, maxWait, 'this connection used them');
        continue;
      }
      try {
        const set = await this.options.tokenClient.refresh({
          refreshUrl: this.options.refreshUrl(this.view.settings),
          clientId: this.view.settings.clientId,
          clientSecret: this.view.secrets.clientSecret,
          refreshToken: this.view.secrets.refreshToken,
          nickname: this.nickname,
        });
        return await this.save(set.accessToken, set.expiresInSec, fence);
      } catch (err) {
        if (err instanceof ZohoAuthError && err.code === 'TOKEN_RATE_LIMITED') {
          // Zoho counts tokens we cannot see (other processes, other apps on this refresh token).
          await this.waitForCap(refusedWait, started, maxWait, 'Zoho refused the refresh as too many requests');
          refusedWait *= 2;
          continue;
        }
        // Zoho Accounts unreachable or answering 5xx: a blip is worth two more tries, a short wait apart.
        if (isHostError(err) && TRANSIENT_ACCOUNTS_CODES.has(err.code) && transientFailures < 2) {
          await this.sleep(500 * 2 ** transientFailures++);
          continue;
        }
        if (err instanceof ZohoAuthError && err.code === 'TOKEN_REVOKED') {
          this.revoked = await this.revokedError('refresh_refused');
          throw this.revoked;
        }
        throw err;
      }
    }
  }

  private async waitForCap(waitMs: number, started: number, maxWait: number, why: string): Promise<void> {
    const waited = this.now() - started;
    if (waited + waitMs > maxWait) throw tokenRateLimitedError(this.nickname, waited, Math.max(0, waitMs));
    this.options.log.warn(
      { connection: this.nickname, waitMs: Math.round(waitMs) },
      `Zoho allows ${this.cap.count} access tokens per refresh token per ${Math.round(this.cap.windowMs / 60_000)} minutes and ${why}; waiting ${Math.ceil(waitMs / 1000)} s before asking for a new token`,
    );
    await this.sleep(waitMs);
  }

  private async save(accessToken: string, expiresInSec: number, fence?: number): Promise<string> {
    secrets.add(accessToken);
    const now = this.now();
    this.lifetimeMs = expiresInSec * 1000;
    const expiresAt = new Date(now + expiresInSec * 1000).toISOString();
    const recent = this.recentMints();
    // Mints are told apart by their time (the store merges lists by value): keep each one distinct.
    let stamp = now;
    while (recent.includes(stamp)) stamp++;
    const mints = [...recent, stamp];
    this.view = {
      ...this.view,
      secrets: { ...this.view.secrets, accessToken },
      settings: { ...this.view.settings, accessTokenExpiresAt: expiresAt, tokenMints: mints },
    };
    delete this.view.settings.lastAuthError;
    try {
      await this.options.store.update(this.nickname, (current) => {
        const merged = mergeMints(current.settings.tokenMints, mints, now - this.cap.windowMs);
        // A later lock holder saved its token already: keep that one (ours stays valid for this process).
        if (isStaleFence(fence, current.settings.tokenFence)) return { ...current, settings: { ...current.settings, tokenMints: merged } };
        const settings: Record<string, unknown> = { ...current.settings, accessTokenExpiresAt: expiresAt, tokenMints: merged, ...(fence !== undefined ? { tokenFence: fence } : {}) };
        delete settings.lastAuthError;
        return { ...current, updatedAt: new Date(now).toISOString(), settings, secrets: { ...current.secrets, accessToken } };
      });
    } catch (err) {
      // The token is good even if it could not be saved (the connection was deleted meanwhile): use it, say so.
      this.options.log.warn({ connection: this.nickname, code: isHostError(err) ? err.code : undefined }, 'could not save the new access token to the credential store');
    }
    this.options.log.debug({ connection: this.nickname, expiresAt }, 'access token refreshed');
    return accessToken;
  }

  private async reloadFromStore(): Promise<void> {
    const stored = await this.options.store.get(this.nickname);
    if (!stored) {
      throw new ConnectionError('CONNECTION_NOT_FOUND', `Connection "${this.nickname}" is no longer in the credential store.`, `Run \`zcrm connect ${this.nickname}\` to create it again.`);
    }
    this.adopt(stored);
  }

  private async recordAuthError(code: string, message: string): Promise<void> {
    const at = new Date(this.now()).toISOString();
    try {
      await this.options.store.update(this.nickname, (c) => ({ ...c, settings: { ...c.settings, lastAuthError: { code, message, at } } }));
    } catch {
      // Recording is a courtesy for `zcrm connections`; the error itself is what matters.
    }
  }

  private async sameUserNicknames(): Promise<string[]> {
    try {
      return sameUserConnections(await this.options.store.list(), this.nickname, this.view.settings).map((c) => c.nickname);
    } catch {
      return [];
    }
  }

  /**
   * A token minted by another process comes with its expiry but not its lifetime, which sizes the refresh
   * margin: the newest recorded mint is when it was issued.
   */
  private learnLifetime(): void {
    const mints = (this.view.settings.tokenMints ?? []).filter((t) => typeof t === 'number');
    if (mints.length === 0) return;
    const lifetime = expiryOf(this.view) - Math.max(...mints);
    if (lifetime > 0 && lifetime <= 24 * 3600_000) this.lifetimeMs = lifetime;
  }

  private remainingMs(): number {
    return expiryOf(this.view) - this.now();
  }

  private marginMs(): number {
    return Math.min(this.options.refreshAheadMs ?? 5 * 60_000, this.lifetimeMs / 10);
  }

  private recentMints(): number[] {
    const now = this.now();
    const from = now - this.cap.windowMs;
    // A time ahead of this clock was written while a clock ran fast: it says nothing about Zoho's window, and
    // counting it would refuse refreshes until that time has passed (if the cap is really used, Zoho says so).
    const to = now + MINT_CLOCK_TOLERANCE_MS;
    return (this.view.settings.tokenMints ?? []).filter((t) => typeof t === 'number' && t > from && t <= to).sort((a, b) => a - b);
  }
}

function expiryOf(view: ZohoConnectionView): number {
  const at = view.settings.accessTokenExpiresAt ? Date.parse(view.settings.accessTokenExpiresAt) : Number.NaN;
  return view.secrets.accessToken && Number.isFinite(at) ? at : 0;
}

function mergeMints(stored: unknown, ours: number[], from: number): number[] {
  const all = new Set<number>([...(Array.isArray(stored) ? stored.filter((t): t is number => typeof t === 'number') : []), ...ours]);
  return [...all].filter((t) => t > from).sort((a, b) => a - b);
}

function registerSecrets(view: ZohoConnectionView): void {
  for (const value of Object.values(view.secrets)) if (value) secrets.add(value);
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(cancelledError());
    const onAbort = () => reject(cancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
