// Counts POST /oauth/v2/token requests by grant type, and the refused ones, for the sandbox's /__sandbox/stats.
import type { AccountsStats } from './types';

/** Grant types the sandbox serves; anything else (or none) is counted as "other" so the keys stay bounded. */
const COUNTED_GRANT_TYPES: ReadonlySet<string> = new Set(['authorization_code', 'refresh_token']);

export class TokenStats {
  private tokenRequests = 0;
  private refused = 0;
  private byGrantType: Record<string, number> = {};

  countRequest(grantType: string | undefined): void {
    const key = grantType !== undefined && COUNTED_GRANT_TYPES.has(grantType) ? grantType : 'other';
    this.tokenRequests += 1;
    this.byGrantType[key] = (this.byGrantType[key] ?? 0) + 1;
  }

  countRefusal(): void {
    this.refused += 1;
  }

  read(): AccountsStats {
    return { tokenRequests: this.tokenRequests, byGrantType: { ...this.byGrantType }, refused: this.refused };
  }

  reset(): void {
    this.tokenRequests = 0;
    this.refused = 0;
    this.byGrantType = {};
  }
}
