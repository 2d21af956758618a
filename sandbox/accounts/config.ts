// Zoho Accounts' token limits as the sandbox applies them: Zoho's defaults and validation of changes.
import { InputError } from '../../runtime/errors';
import type { AccountsConfig } from './types';

/** Zoho's documented values (CRM "Token Validity" pages, v3 to v8). */
export const DEFAULT_ACCOUNTS_CONFIG: Readonly<AccountsConfig> = Object.freeze({
  accessTokenTtlSec: 3600,
  refreshTokenCapPerUser: 20,
  accessTokensPer10Min: 10,
  grantCodeTtlSec: 180,
});

/**
 * Zoho keeps at most 15 active access tokens per refresh token and invalidates the oldest when a 16th is
 * issued (CRM v3-v8 "Token Validity"; the Zoho Accounts page says 10 and other products 30, see
 * zoho-api.md §6). The sandbox follows the CRM pages. Not configurable: AccountsConfig is a fixed contract.
 */
export const ACTIVE_ACCESS_TOKENS_PER_REFRESH_TOKEN = 15;

/** The rolling window of the access-token rate limit. */
export const RATE_WINDOW_MS = 10 * 60 * 1000;

const INTEGER_KEYS: ReadonlySet<keyof AccountsConfig> = new Set(['refreshTokenCapPerUser', 'accessTokensPer10Min']);

/**
 * Returns `base` with the known keys of `partial` applied. Every value must be a positive number (the two caps
 * positive integers); anything else throws SANDBOX_CONFIG_INVALID and changes nothing. Keys that are not
 * AccountsConfig keys are ignored, so the server may pass its whole config object.
 */
export function mergeAccountsConfig(base: AccountsConfig, partial: Partial<AccountsConfig>): AccountsConfig {
  const next: AccountsConfig = { ...base };
  for (const key of Object.keys(DEFAULT_ACCOUNTS_CONFIG) as (keyof AccountsConfig)[]) {
    if (!(key in partial) || partial[key] === undefined) continue;
    const value: unknown = partial[key];
    const valid =
      typeof value === 'number' && Number.isFinite(value) && value > 0 && (!INTEGER_KEYS.has(key) || Number.isInteger(value));
    if (!valid) {
      throw new InputError(
        'SANDBOX_CONFIG_INVALID',
        `Sandbox accounts setting "${key}" must be a positive ${INTEGER_KEYS.has(key) ? 'integer' : 'number'}.`,
        `Pass a number greater than 0 for ${key}, e.g. ${DEFAULT_ACCOUNTS_CONFIG[key]}.`,
        { key },
      );
    }
    next[key] = value as number;
  }
  return next;
}
