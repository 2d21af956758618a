/** The sandbox's tunable behaviour: OAuth limits (forwarded to the accounts part), org limits, latency, credits. */
import { ZohoHttpError } from './http-error';

export interface SandboxConfig {
  /** Lifetime of an access token, seconds (Zoho: 3600). */
  accessTokenTtlSec: number;
  /** Refresh tokens one user may hold; one more revokes the oldest (Zoho: 20). */
  refreshTokenCapPerUser: number;
  /** Access tokens one refresh token may mint per 10 minutes (Zoho: 10). */
  accessTokensPer10Min: number;
  /** CRM requests in flight for the org before 429 TOO_MANY_REQUESTS (Zoho Standard edition: 10). */
  concurrencyLimit: number;
  /** In-flight limit for the heavy APIs (COQL, convert), inside the org limit (Zoho: 10). */
  subConcurrencyLimit: number;
  /** Delay added to every CRM request, ms (it counts as time in flight). */
  latencyMs: number;
  /** API credits per rolling 24 hours; null = unlimited (counted either way). */
  dailyCredits: number | null;
  /** Lifetime of a page_token, seconds (Zoho: 24 hours). */
  pageTokenTtlSec: number;
  /** Largest request body accepted, bytes. */
  maxBodyBytes: number;
}

export const DEFAULT_CONFIG: SandboxConfig = {
  accessTokenTtlSec: 3600,
  refreshTokenCapPerUser: 20,
  accessTokensPer10Min: 10,
  concurrencyLimit: 10,
  subConcurrencyLimit: 10,
  latencyMs: 0,
  dailyCredits: null,
  pageTokenTtlSec: 86_400,
  maxBodyBytes: 5 * 1024 * 1024,
};

type Rule = { min: number; nullable?: boolean };
const RULES: Record<keyof SandboxConfig, Rule> = {
  accessTokenTtlSec: { min: 1 },
  refreshTokenCapPerUser: { min: 1 },
  accessTokensPer10Min: { min: 1 },
  concurrencyLimit: { min: 1 },
  subConcurrencyLimit: { min: 1 },
  latencyMs: { min: 0 },
  dailyCredits: { min: 0, nullable: true },
  pageTokenTtlSec: { min: 1 },
  maxBodyBytes: { min: 1024 },
};

/** Checks a partial config (from the control API or options); throws a 400 naming the first bad key. */
export function checkConfig(input: unknown): Partial<SandboxConfig> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ZohoHttpError(400, 'INVALID_DATA', 'config must be a JSON object', {});
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const rule = RULES[key as keyof SandboxConfig];
    if (!rule) throw new ZohoHttpError(400, 'INVALID_DATA', `unknown config key ${key}`, { api_name: key, supported_values: Object.keys(RULES) });
    const ok = (value === null && rule.nullable) || (typeof value === 'number' && Number.isFinite(value) && value >= rule.min);
    if (!ok) throw new ZohoHttpError(400, 'INVALID_DATA', `invalid value for ${key}`, { api_name: key, minimum: rule.min });
    out[key] = value;
  }
  return out as Partial<SandboxConfig>;
}
