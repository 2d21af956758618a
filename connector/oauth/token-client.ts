/**
 * Zoho Accounts' token endpoint: exchange a grant code (browser or self-client flow), refresh an access token,
 * revoke a refresh token. Every token obtained is registered with the secrets registry at once, so no log or
 * error can print it.
 */
import axios, { type AxiosInstance } from 'axios';
import { HostError } from '../../runtime/errors';
import { secrets } from '../../runtime/secrets';
import { isTokenRateLimit, tokenEndpointError, ZohoAuthError } from '../auth-errors';
import { sharedAgents } from '../http-agents';

export interface TokenSet {
  accessToken: string;
  /** Only the code exchange returns one. */
  refreshToken?: string;
  expiresInSec: number;
  /** The API domain Zoho returned with the token (the field named by the manifest's apiDomainField). */
  apiDomain?: string;
  scopes?: string[];
}

export interface TokenClientOptions {
  timeoutMs?: number;
  /** Token-response field naming the API base URL (manifest `apiDomainField`). */
  apiDomainField?: string;
  /** Separator of the `scope` value (manifest `scopeSeparator`). */
  scopeSeparator?: string;
}

export interface RevokeResult {
  /** False when Zoho said the token was already invalid (nothing left to revoke). */
  revoked: boolean;
}

type Body = Record<string, unknown>;

const ALREADY_INVALID = new Set(['invalid_token', 'invalid_code', 'invalid_refresh_token']);

export class TokenClient {
  private readonly http: AxiosInstance;
  private readonly apiDomainField: string;
  private readonly scopeSeparator: string;

  constructor(options: TokenClientOptions = {}) {
    const { httpAgent, httpsAgent } = sharedAgents();
    this.http = axios.create({
      httpAgent,
      httpsAgent,
      timeout: options.timeoutMs ?? 30_000,
      maxRedirects: 0,
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      transitional: { clarifyTimeoutError: true },
      headers: { Accept: 'application/json' },
    });
    this.apiDomainField = options.apiDomainField ?? 'api_domain';
    this.scopeSeparator = options.scopeSeparator ?? ',';
  }

  /** Authorization-code grant; `redirectUri` is left out for the self-client flow. */
  async exchangeCode(params: { tokenUrl: string; clientId: string; clientSecret: string; code: string; redirectUri?: string }): Promise<TokenSet> {
    secrets.add(params.clientSecret);
    secrets.add(params.code);
    const form: Record<string, string> = { grant_type: 'authorization_code', client_id: params.clientId, client_secret: params.clientSecret, code: params.code };
    if (params.redirectUri) form.redirect_uri = params.redirectUri;
    const body = await this.post(params.tokenUrl, form, 'authorization_code', '(new connection)');
    const set = this.tokenSet(body);
    if (!set.refreshToken) {
      throw new ZohoAuthError('NO_REFRESH_TOKEN', 'no_refresh_token', 'Zoho returned no refresh token.', 'Connect again: the authorize URL must ask for access_type=offline and prompt=consent (the manifest\'s authorizeParams).');
    }
    return set;
  }

  async refresh(params: { refreshUrl: string; clientId: string; clientSecret: string; refreshToken: string; nickname: string }): Promise<TokenSet> {
    secrets.add(params.clientSecret);
    secrets.add(params.refreshToken);
    const form = { grant_type: 'refresh_token', client_id: params.clientId, client_secret: params.clientSecret, refresh_token: params.refreshToken };
    return this.tokenSet(await this.post(params.refreshUrl, form, 'refresh_token', params.nickname));
  }

  async revoke(params: { revokeUrl: string; token: string; nickname: string }): Promise<RevokeResult> {
    secrets.add(params.token);
    const res = await this.send(params.revokeUrl, { token: params.token });
    const body = parse(res.data);
    const error = typeof body.error === 'string' ? body.error : undefined;
    if (error && ALREADY_INVALID.has(error)) return { revoked: false };
    if (body.status === 'success' && res.status < 400) return { revoked: true };
    throw tokenEndpointError(error ?? `HTTP ${res.status}`, describe(body), 'revoke', params.nickname, res.status >= 400 ? res.status : undefined);
  }

  private async post(url: string, form: Record<string, string>, grantType: string, nickname: string): Promise<Body> {
    const res = await this.send(url, form);
    const body = parse(res.data);
    if (typeof body.error !== 'string' && res.status < 400) return body;
    if (typeof body.error !== 'string' && (res.status >= 500 || res.status === 429)) {
      throw new HostError({
        code: 'ACCOUNTS_UNAVAILABLE',
        category: 'remote',
        retryable: true,
        httpStatus: res.status,
        message: `Zoho Accounts at ${new URL(url).origin} answered HTTP ${res.status}.`,
        hint: 'Zoho Accounts is busy or down; retry in a moment.',
      });
    }
    const error = typeof body.error === 'string' ? body.error : `HTTP ${res.status}`;
    // Zoho's "too many requests" refusal comes as error "Access Denied" (or only in the description).
    const code = isTokenRateLimit(error, describe(body)) ? 'Access Denied' : error;
    throw tokenEndpointError(code, describe(body), grantType, nickname, res.status >= 400 ? res.status : undefined);
  }

  private async send(url: string, form: Record<string, string>) {
    try {
      return await this.http.post<string>(url, new URLSearchParams(form).toString(), { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    } catch (err) {
      // The axios error carries the request (with the form body): keep only its code.
      const code = (err as { code?: string }).code ?? 'NETWORK_ERROR';
      throw new HostError({
        code: 'ACCOUNTS_UNREACHABLE',
        category: 'remote',
        retryable: true,
        message: `Could not reach Zoho Accounts at ${new URL(url).origin} (${code}).`,
        hint: 'Check the network, the data centre (--dc) and ZOHO_ACCOUNTS_URL if set.',
      });
    }
  }

  private tokenSet(body: Body): TokenSet {
    const accessToken = body.access_token;
    if (typeof accessToken !== 'string' || !accessToken) {
      throw new ZohoAuthError('OAUTH_ERROR', 'no_access_token', 'Zoho Accounts answered without an access token.', 'Retry; if it persists, connect again.');
    }
    secrets.add(accessToken);
    const set: TokenSet = { accessToken, expiresInSec: expiresIn(body) };
    if (typeof body.refresh_token === 'string' && body.refresh_token) {
      secrets.add(body.refresh_token);
      set.refreshToken = body.refresh_token;
    }
    const domain = body[this.apiDomainField];
    if (typeof domain === 'string' && domain) set.apiDomain = domain;
    if (typeof body.scope === 'string' && body.scope) set.scopes = body.scope.split(this.scopeSeparator === ',' ? /[ ,]+/ : this.scopeSeparator).filter(Boolean);
    return set;
  }
}

function parse(text: unknown): Body {
  if (typeof text !== 'string' || !text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as Body) : {};
  } catch {
    return {};
  }
}

function describe(body: Body): string | undefined {
  return typeof body.error_description === 'string' ? body.error_description : undefined;
}

/** Seconds; older Zoho answers carried `expires_in` in milliseconds next to `expires_in_sec`. */
function expiresIn(body: Body): number {
  if (typeof body.expires_in_sec === 'number') return body.expires_in_sec;
  if (typeof body.expires_in === 'number') return body.expires_in > 86_400 ? Math.round(body.expires_in / 1000) : body.expires_in;
  return 3600;
}
