// Random strings shaped like Zoho's: tokens and grant codes `1000.<32 hex>.<32 hex>`, 42-character client secrets.
import { randomBytes } from 'node:crypto';

/** An access token, refresh token or grant code. Zoho's all share this shape. */
export function newZohoToken(): string {
  return `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`;
}

/** A client secret (Zoho's are 42 lowercase hex-like characters). */
export function newClientSecret(): string {
  return randomBytes(21).toString('hex');
}
