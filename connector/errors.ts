/**
 * ZohoError: every error Zoho CRM answers with, in either of its shapes (flat, or wrapped in `data[]`), as one
 * typed HostError with Zoho's code, message and details, the HTTP status, whether a retry can help, the
 * category (which picks the CLI exit code) and a plain-words hint.
 */
import { HostError, type ErrorCategory } from '../runtime/errors';
import { hintFor, type Details, type HintContext } from './error-hints';

/** One error (or per-item result) as Zoho writes it. */
export interface ZohoErrorItem {
  code: string;
  message: string;
  details: Details;
  status?: string;
}

export interface ZohoRequestInfo {
  method: string;
  /** Path without the query string (queries may hold personal data). */
  path: string;
}

export interface ZohoErrorInit {
  httpStatus: number;
  item: ZohoErrorItem;
  /** Every item when the body was wrapped in `data[]` (one per input record of a write). */
  items?: ZohoErrorItem[];
  request?: ZohoRequestInfo;
  hintContext?: HintContext;
  /** Overrides the category worked out from the status and code. */
  category?: ErrorCategory;
  retryable?: boolean;
  hint?: string;
  message?: string;
}

/** Codes whose cause is the connection's credentials rather than the request. */
const AUTH_CODES = new Set(['INVALID_TOKEN', 'AUTHENTICATION_FAILURE', 'OAUTH_SCOPE_MISMATCH', 'INVALID_OAUTHTOKEN']);

function categoryOf(status: number, code: string): ErrorCategory {
  if (AUTH_CODES.has(code) || status === 401) return 'auth';
  return 'remote';
}

function retryableOf(status: number, code: string): boolean {
  return status === 429 || status >= 500 || code === 'TOO_MANY_REQUESTS';
}

export class ZohoError extends HostError {
  /** Zoho's own message, unchanged. */
  readonly zohoMessage: string;
  readonly zohoDetails: Details;
  readonly items?: ZohoErrorItem[];
  readonly request?: ZohoRequestInfo;

  constructor(init: ZohoErrorInit) {
    const { item, httpStatus, request } = init;
    const where = request ? `${request.method} ${request.path}` : 'the request';
    const many = init.items && init.items.length > 1 ? ` (and ${init.items.length - 1} more item errors)` : '';
    const hint = init.hint ?? hintFor(item.code, item.details, item.message, { ...init.hintContext, ...(request ? { method: request.method, path: request.path } : {}) });
    super({
      code: item.code,
      category: init.category ?? categoryOf(httpStatus, item.code),
      retryable: init.retryable ?? retryableOf(httpStatus, item.code),
      httpStatus,
      message: init.message ?? `Zoho CRM refused ${where}: ${item.message}${many}`,
      ...(hint ? { hint } : {}),
      details: init.items && init.items.length > 1 ? { errors: init.items } : item.details,
    });
    this.zohoMessage = item.message;
    this.zohoDetails = item.details;
    if (init.items) this.items = init.items;
    if (request) this.request = request;
  }
}

export function isZohoError(value: unknown): value is ZohoError {
  return value instanceof ZohoError;
}

function asItem(value: unknown): ZohoErrorItem | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.code !== 'string') return undefined;
  const details = v.details && typeof v.details === 'object' && !Array.isArray(v.details) ? (v.details as Details) : {};
  return { code: v.code, message: typeof v.message === 'string' ? v.message : v.code, details, ...(typeof v.status === 'string' ? { status: v.status } : {}) };
}

/**
 * Reads Zoho's error body. Flat `{code, details, message, status}` and wrapped `{data: [{...}]}` both give an
 * item; anything else (an HTML page from a proxy, an empty body) gives HTTP_<status>.
 */
export function zohoErrorItems(httpStatus: number, body: unknown): { item: ZohoErrorItem; items?: ZohoErrorItem[] } {
  const flat = asItem(body);
  if (flat) return { item: flat };
  const data = body && typeof body === 'object' ? (body as { data?: unknown }).data : undefined;
  if (Array.isArray(data)) {
    const items = data.map(asItem).filter((i): i is ZohoErrorItem => i !== undefined);
    const firstError = items.find((i) => i.status !== 'success') ?? items[0];
    if (firstError) return { item: firstError, items };
  }
  const code = httpStatus === 429 ? 'TOO_MANY_REQUESTS' : `HTTP_${httpStatus}`;
  return { item: { code, message: `HTTP ${httpStatus} without a Zoho error body`, details: {} } };
}

export function zohoErrorFromResponse(httpStatus: number, body: unknown, request: ZohoRequestInfo, hintContext: HintContext = {}): ZohoError {
  const { item, items } = zohoErrorItems(httpStatus, body);
  return new ZohoError({ httpStatus, item, ...(items ? { items } : {}), request, hintContext });
}
