/**
 * The contract between the sandbox's HTTP server and its Zoho Accounts (OAuth) part. The server owns routing,
 * body reading and the org's users; the accounts part owns clients, grant codes, tokens and scopes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface SandboxUser {
  /** Zoho CRM user id (19 digits). */
  id: string;
  /** Zoho Accounts user id (ZUID). */
  zuid: string;
  name: string;
  email: string;
  /** Org id (the sandbox has one org; the field keeps limits per org honest). */
  orgId: string;
}

export interface AccountsConfig {
  /** Lifetime of an access token, seconds (Zoho: 3600). */
  accessTokenTtlSec: number;
  /** Refresh tokens a user may hold; issuing one more revokes the oldest (Zoho: 20; 1 reproduces the seed's warning). */
  refreshTokenCapPerUser: number;
  /** Access tokens one refresh token may mint per 10 minutes before Zoho answers "Access Denied" (Zoho: 10). */
  accessTokensPer10Min: number;
  /** Lifetime of a grant code, seconds (Zoho: a few minutes). */
  grantCodeTtlSec: number;
}

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  name: string;
  /** Exact redirect URIs, plus any loopback URI (http://127.0.0.1:<any port>/...) when `allowLoopback`. */
  redirectUris: string[];
  allowLoopback: boolean;
}

export type AuthResult =
  | { ok: true; user: SandboxUser; scopes: string[]; accessToken: string }
  | { ok: false; status: 401; code: 'INVALID_TOKEN' | 'AUTHENTICATION_FAILURE'; message: string };

export interface AccountsOptions {
  /** The sandbox's own base URL (accounts and API share one port), e.g. http://127.0.0.1:4010. */
  publicUrl: () => string;
  users: SandboxUser[];
  /** Clock in ms; tests move it. */
  now?: () => number;
  config?: Partial<AccountsConfig>;
}

export interface AccountsStats {
  /** Every POST /oauth/v2/token, by grant_type, including refused ones. */
  tokenRequests: number;
  byGrantType: Record<string, number>;
  refused: number;
}

export interface Accounts {
  readonly config: AccountsConfig;
  setConfig(partial: Partial<AccountsConfig>): void;
  /** Handles /oauth/v2/* (auth page, consent post, token, revoke). Returns false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<boolean>;
  registerClient(client: OAuthClient): void;
  /** The demo client and a ready refresh token of the demo user (the first user), with every scope. */
  demo(): { clientId: string; clientSecret: string; refreshToken: string; user: SandboxUser };
  /** Checks an `Authorization: Zoho-oauthtoken <t>` header. */
  authenticate(authorization: string | undefined): AuthResult;
  /** True when the granted scopes cover the required one (e.g. ZohoCRM.modules.ALL covers ZohoCRM.modules.leads.READ). */
  hasScope(granted: string[], required: string): boolean;
  /** Every access token, refresh token, client secret and grant code issued so far (for leak tests). */
  issuedSecrets(): string[];
  stats(): AccountsStats;
  resetStats(): void;
  snapshot(): unknown;
  restore(snapshot: unknown): void;
  reset(): void;
}
