/**
 * page_token bookkeeping: a token is bound to the query that produced it (module, params) and remembers where
 * the next page starts as a keyset position (sort value and id of the last record sent), so inserts and deletes
 * between calls neither skip nor repeat records. Tokens expire; expired ones are kept a while to answer
 * EXPIRED_VALUE rather than "invalid".
 */
import { randomBytes } from 'node:crypto';
import type { SortKey } from './module-store';

export interface PageCursor {
  /** Everything about the query except page_token and page, in a canonical form. */
  binding: string;
  sortKey: SortKey;
  descending: boolean;
  /** Sort value and id of the last record of the previous page. */
  after: { value: number | string; id: string };
  /** How many records come before the page this token opens (Zoho stops tokens at 100,000). */
  offset: number;
  /** The token that opened the previous page, for `previous_page_token`. */
  previous: string | null;
}

interface Entry extends PageCursor {
  expiresAt: number;
}

const KEEP_EXPIRED_MS = 24 * 3600_000;
const SWEEP_EVERY = 1000;

export class PageTokens {
  private readonly tokens = new Map<string, Entry>();
  private mintedSinceSweep = 0;

  constructor(private readonly now: () => number) {}

  mint(cursor: PageCursor, ttlMs: number): { token: string; expiresAt: number } {
    if (++this.mintedSinceSweep >= SWEEP_EVERY) this.sweep();
    const token = randomBytes(24).toString('hex');
    const expiresAt = this.now() + ttlMs;
    this.tokens.set(token, { ...cursor, expiresAt });
    return { token, expiresAt };
  }

  lookup(token: string): PageCursor | 'expired' | undefined {
    const entry = this.tokens.get(token);
    if (!entry) return undefined;
    return entry.expiresAt <= this.now() ? 'expired' : entry;
  }

  clear(): void {
    this.tokens.clear();
  }

  private sweep(): void {
    this.mintedSinceSweep = 0;
    const limit = this.now() - KEEP_EXPIRED_MS;
    for (const [token, entry] of this.tokens) if (entry.expiresAt < limit) this.tokens.delete(token);
  }
}
