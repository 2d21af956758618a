/**
 * The recent-requests log behind `GET /__sandbox/requests`. Secrets never enter it: the Authorization header
 * keeps only its scheme, and query or body values under token-like names (or shaped like Zoho tokens) are
 * replaced by `***` before the entry is stored.
 */

export interface RequestLogEntry {
  at: string;
  method: string;
  /** Path and query, secrets masked. */
  url: string;
  route: string;
  status: number | 'dropped';
  ms: number;
  authorization?: string;
  fault?: string;
  /** The first bytes of the body, secrets masked. */
  body?: string;
}

const SECRET_KEY = /token|secret|code|password|authorization|assertion|credential/i;
/** Zoho tokens and grant codes look like `1000.<hex>.<hex>`. */
const TOKEN_SHAPE = /\b1000\.[0-9a-f]{16,}\.[0-9a-f]{16,}\b/gi;
const BODY_PREVIEW = 512;
const MASK = '***';

export function maskAuthorization(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const scheme = header.trim().split(/\s+/)[0] ?? '';
  return header.trim().includes(' ') ? `${scheme} ${MASK}` : MASK;
}

export function maskQuery(url: URL): string {
  if (url.search === '') return url.pathname;
  const params = new URLSearchParams();
  for (const [key, value] of url.searchParams) params.append(key, SECRET_KEY.test(key) ? MASK : value.replace(TOKEN_SHAPE, MASK));
  return `${url.pathname}?${params.toString()}`;
}

/** Masks a JSON or form body: values under secret-looking keys, and anything shaped like a Zoho token. */
export function maskBody(text: string): string {
  let out = text.replace(/("([^"\\]|\\.)*"\s*:\s*)("([^"\\]|\\.)*")/g, (whole, prefix: string) => {
    const key = prefix.slice(0, prefix.lastIndexOf(':')).trim();
    return SECRET_KEY.test(key) ? `${prefix}"${MASK}"` : whole;
  });
  if (!text.trimStart().startsWith('{') && !text.trimStart().startsWith('[') && text.includes('=')) {
    out = out
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        return eq > 0 && SECRET_KEY.test(decodeURIComponentSafe(pair.slice(0, eq))) ? `${pair.slice(0, eq)}=${MASK}` : pair;
      })
      .join('&');
  }
  return out.replace(TOKEN_SHAPE, MASK);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export class RequestLog {
  private readonly entries: RequestLogEntry[] = [];
  private next = 0;

  constructor(private readonly capacity = 500) {}

  add(entry: RequestLogEntry): void {
    if (this.entries.length < this.capacity) this.entries.push(entry);
    else this.entries[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
  }

  /** The latest `limit` entries, oldest first. */
  recent(limit = this.capacity): RequestLogEntry[] {
    const ordered = this.entries.length < this.capacity ? this.entries.slice() : [...this.entries.slice(this.next), ...this.entries.slice(0, this.next)];
    return ordered.slice(Math.max(0, ordered.length - limit));
  }

  clear(): void {
    this.entries.length = 0;
    this.next = 0;
  }
}

export function bodyPreview(body: Buffer): string | undefined {
  if (body.length === 0) return undefined;
  // Mask a wider window than is kept, so a secret that starts inside the preview is masked whole.
  const masked = maskBody(body.subarray(0, BODY_PREVIEW * 8).toString('utf8'));
  return masked.length > BODY_PREVIEW || body.length > BODY_PREVIEW * 8 ? `${masked.slice(0, BODY_PREVIEW)}…` : masked;
}
