// The sandbox's Zoho Accounts ledger: clients, grant codes, refresh and access tokens, and Zoho's caps on them.
import {
  ACTIVE_ACCESS_TOKENS_PER_REFRESH_TOKEN,
  RATE_WINDOW_MS,
} from './config';
import type { BookSnapshot, RefreshTokenEntry } from './snapshot';
import { newZohoToken } from './token-strings';
import type { AccountsConfig, OAuthClient, SandboxUser } from './types';

export interface GrantCodeInit {
  clientId: string;
  userZuid: string;
  scopes: string[];
  /** The authorize request's redirect URI, which the exchange must repeat; null for self-client codes. */
  redirectUri: string | null;
  /** access_type=offline: the exchange may return a refresh token. */
  offline: boolean;
  /** prompt=consent (and self-client codes): a refresh token even if the user already holds one for the client. */
  forceConsent: boolean;
}

interface GrantCode extends GrantCodeInit {
  expiresAt: number;
}

/** A refresh token as saved in the state file (`mintedAt`: when each access token was minted from it by grant_type=refresh_token, the rate window), plus what lives only in memory. */
interface RefreshRecord extends RefreshTokenEntry {
  /** Its live access tokens, oldest first. */
  accessTokens: string[];
}

interface AccessRecord {
  token: string;
  clientId: string;
  userZuid: string;
  scopes: string[];
  /** The refresh token it belongs to; null for online grants (and offline grants that got no refresh token). */
  refreshToken: string | null;
  expiresAt: number;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken?: string;
  scopes: string[];
  expiresInSec: number;
}

export type TokenRefusal = 'invalid_code' | 'invalid_redirect_uri' | 'too_many_requests';
export type GrantResult = { ok: true; tokens: IssuedTokens } | { ok: false; refusal: TokenRefusal };

export interface LiveAccess {
  user: SandboxUser;
  scopes: string[];
  clientId: string;
}

/**
 * Holds every credential the sandbox's Accounts part has issued. Maps keep insertion order, which is age order:
 * "the oldest refresh token of a user" is the first of theirs in `refreshTokens`.
 */
export class TokenBook {
  private readonly clients = new Map<string, OAuthClient>();
  private readonly codes = new Map<string, GrantCode>();
  private readonly refreshTokens = new Map<string, RefreshRecord>();
  private readonly accessTokens = new Map<string, AccessRecord>();
  /** Every secret ever handed out, kept across reset() for leak tests. */
  private readonly issued = new Set<string>();
  private readonly usersByZuid: Map<string, SandboxUser>;

  constructor(
    users: readonly SandboxUser[],
    private readonly now: () => number,
    private readonly config: () => AccountsConfig,
  ) {
    this.usersByZuid = new Map(users.map((u) => [u.zuid, u]));
  }

  registerClient(client: OAuthClient): void {
    this.clients.set(client.clientId, { ...client, redirectUris: [...client.redirectUris] });
    this.issued.add(client.clientSecret);
  }

  client(clientId: string): OAuthClient | undefined {
    return this.clients.get(clientId);
  }

  issueGrantCode(init: GrantCodeInit): string {
    this.sweep();
    const code = newZohoToken();
    this.codes.set(code, { ...init, scopes: [...init.scopes], expiresAt: this.now() + this.config().grantCodeTtlSec * 1000 });
    this.issued.add(code);
    return code;
  }

  /**
   * grant_type=authorization_code. A code works once, for the client it was issued to, before it expires; a
   * web code also needs the authorize request's redirect URI. A refused exchange leaves the code usable.
   */
  redeemGrantCode(code: string, clientId: string, redirectUri: string | undefined): GrantResult {
    this.sweep();
    const grant = this.codes.get(code);
    if (!grant || grant.clientId !== clientId) return { ok: false, refusal: 'invalid_code' };
    if (grant.redirectUri !== null && grant.redirectUri !== redirectUri) return { ok: false, refusal: 'invalid_redirect_uri' };
    this.codes.delete(code);

    // Zoho issues a refresh token on first consent only, unless prompt=consent forces a new one.
    const wantsRefresh = grant.offline && (grant.forceConsent || !this.holdsRefreshToken(grant.userZuid, clientId));
    const refresh = wantsRefresh ? this.addRefreshToken(clientId, grant.userZuid, grant.scopes, newZohoToken()) : null;
    const accessToken = this.addAccessToken(clientId, grant.userZuid, grant.scopes, refresh);
    const tokens: IssuedTokens = { accessToken, scopes: [...grant.scopes], expiresInSec: this.config().accessTokenTtlSec };
    if (refresh) tokens.refreshToken = refresh.token;
    return { ok: true, tokens };
  }

  /**
   * grant_type=refresh_token. A revoked, pushed-out or unknown refresh token, or one of another client, is
   * `invalid_code` (Zoho's answer for a revoked refresh token). Past `accessTokensPer10Min` in the rolling
   * window it is refused; refused attempts do not count toward the window.
   */
  refresh(refreshToken: string, clientId: string): GrantResult {
    this.sweep();
    const record = this.refreshTokens.get(refreshToken);
    if (!record || record.clientId !== clientId) return { ok: false, refusal: 'invalid_code' };
    const now = this.now();
    record.mintedAt = record.mintedAt.filter((t) => t > now - RATE_WINDOW_MS);
    if (record.mintedAt.length >= this.config().accessTokensPer10Min) return { ok: false, refusal: 'too_many_requests' };
    record.mintedAt.push(now);
    const accessToken = this.addAccessToken(clientId, record.userZuid, record.scopes, record);
    return { ok: true, tokens: { accessToken, scopes: [...record.scopes], expiresInSec: this.config().accessTokenTtlSec } };
  }

  /** Issues a refresh token outside the web flow (the demo connection). `token` keeps a known string alive. */
  issueRefreshToken(clientId: string, userZuid: string, scopes: string[], token: string = newZohoToken()): string {
    this.sweep();
    return this.addRefreshToken(clientId, userZuid, scopes, token).token;
  }

  /** Revokes a refresh token (with its access tokens) or a single access token; unknown tokens are ignored. */
  revoke(token: string): void {
    const refresh = this.refreshTokens.get(token);
    if (refresh) {
      this.dropRefreshToken(refresh);
      return;
    }
    const access = this.accessTokens.get(token);
    if (access) this.dropAccessToken(access);
  }

  isLiveRefreshToken(token: string): boolean {
    return this.refreshTokens.has(token);
  }

  /** The user and scopes behind a live access token, or null when it is unknown, expired or revoked. */
  lookupAccessToken(token: string): LiveAccess | null {
    const record = this.accessTokens.get(token);
    if (!record) return null;
    if (record.expiresAt <= this.now()) {
      this.dropAccessToken(record);
      return null;
    }
    const user = this.usersByZuid.get(record.userZuid);
    return user ? { user, scopes: [...record.scopes], clientId: record.clientId } : null;
  }

  issuedSecrets(): string[] {
    return [...this.issued];
  }

  /** Forgets clients, codes and tokens; the record of issued secrets stays. */
  clear(): void {
    this.clients.clear();
    this.codes.clear();
    this.refreshTokens.clear();
    this.accessTokens.clear();
  }

  snapshot(): BookSnapshot {
    this.sweep();
    return {
      clients: [...this.clients.values()].map((c) => ({ ...c, redirectUris: [...c.redirectUris] })),
      refreshTokens: [...this.refreshTokens.values()].map((r) => ({
        token: r.token,
        clientId: r.clientId,
        userZuid: r.userZuid,
        scopes: [...r.scopes],
        createdAt: r.createdAt,
        mintedAt: [...r.mintedAt],
      })),
      accessTokens: [...this.accessTokens.values()].map((a) => ({ ...a, scopes: [...a.scopes] })),
    };
  }

  /**
   * Replaces the book's clients and tokens with a snapshot's. Tokens of users or clients that no longer exist
   * (another seed) and access tokens that expired meanwhile are dropped.
   */
  restore(snapshot: BookSnapshot): void {
    this.clear();
    for (const client of snapshot.clients) this.registerClient(client);
    for (const r of snapshot.refreshTokens) {
      if (!this.usersByZuid.has(r.userZuid) || !this.clients.has(r.clientId)) continue;
      this.refreshTokens.set(r.token, { ...r, scopes: [...r.scopes], mintedAt: [...r.mintedAt], accessTokens: [] });
      this.issued.add(r.token);
    }
    const now = this.now();
    for (const a of snapshot.accessTokens) {
      if (!this.usersByZuid.has(a.userZuid) || a.expiresAt <= now) continue;
      const owner = a.refreshToken === null ? null : this.refreshTokens.get(a.refreshToken);
      if (owner === undefined) continue;
      this.accessTokens.set(a.token, { ...a, scopes: [...a.scopes] });
      owner?.accessTokens.push(a.token);
      this.issued.add(a.token);
    }
  }

  private holdsRefreshToken(userZuid: string, clientId: string): boolean {
    for (const r of this.refreshTokens.values()) if (r.userZuid === userZuid && r.clientId === clientId) return true;
    return false;
  }

  /** Zoho's per-user cap: the new refresh token pushes out the user's oldest ones, with their access tokens. */
  private addRefreshToken(clientId: string, userZuid: string, scopes: string[], token: string): RefreshRecord {
    const existing = this.refreshTokens.get(token);
    if (existing) this.dropRefreshToken(existing);
    const theirs = [...this.refreshTokens.values()].filter((r) => r.userZuid === userZuid);
    const cap = this.config().refreshTokenCapPerUser;
    while (theirs.length >= cap) this.dropRefreshToken(theirs.shift() as RefreshRecord);
    const record: RefreshRecord = { token, clientId, userZuid, scopes: [...scopes], createdAt: this.now(), mintedAt: [], accessTokens: [] };
    this.refreshTokens.set(token, record);
    this.issued.add(token);
    return record;
  }

  /** A new access token; past 15 live ones on one refresh token, the oldest stops working. */
  private addAccessToken(clientId: string, userZuid: string, scopes: string[], refresh: RefreshRecord | null): string {
    const token = newZohoToken();
    const expiresAt = this.now() + this.config().accessTokenTtlSec * 1000;
    this.accessTokens.set(token, { token, clientId, userZuid, scopes: [...scopes], refreshToken: refresh?.token ?? null, expiresAt });
    this.issued.add(token);
    if (refresh) {
      refresh.accessTokens.push(token);
      while (refresh.accessTokens.length > ACTIVE_ACCESS_TOKENS_PER_REFRESH_TOKEN) {
        this.accessTokens.delete(refresh.accessTokens.shift() as string);
      }
    }
    return token;
  }

  private dropRefreshToken(record: RefreshRecord): void {
    for (const token of record.accessTokens) this.accessTokens.delete(token);
    this.refreshTokens.delete(record.token);
  }

  private dropAccessToken(record: AccessRecord): void {
    this.accessTokens.delete(record.token);
    const owner = record.refreshToken === null ? undefined : this.refreshTokens.get(record.refreshToken);
    if (owner) owner.accessTokens = owner.accessTokens.filter((t) => t !== record.token);
  }

  /** Forgets expired grant codes and access tokens so long runs do not grow without bound. */
  private sweep(): void {
    const now = this.now();
    for (const [code, grant] of this.codes) if (grant.expiresAt <= now) this.codes.delete(code);
    for (const record of this.accessTokens.values()) if (record.expiresAt <= now) this.dropAccessToken(record);
  }
}
