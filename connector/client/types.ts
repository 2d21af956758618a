/**
 * The request and response that travel through the client's middleware chain, and the chain's function
 * types. A middleware gets the request and the next handler, and may change either side.
 */
import type { Lane } from '../limiter';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];
export type Query = Record<string, QueryValue>;

/** Shared by every attempt of one call (the retry loop and the 401 replay copy the request, not this). */
export interface CallState {
  /** The access token the latest attempt carried. */
  token?: string;
  /** True once the 401 replay was used. */
  replayed?: boolean;
}

export interface ZohoRequest {
  method: HttpMethod;
  /** `/Leads` (relative to /crm/v8) or a full `/crm/v2/Leads`. */
  path: string;
  query: Query;
  body: unknown;
  headers: Record<string, string>;
  /** Set by the base-url middleware. */
  url: string;
  /** Path without query, for logs, scopes and errors (set with `url`). */
  pathname: string;
  /** Safe to send twice: GET, PUT, DELETE, COQL by default; a create, convert, clone or custom POST is not. */
  idempotent: boolean;
  /** Reads only (GET, COQL): a 500 is retried for these. */
  read: boolean;
  lane: Lane;
  signal?: AbortSignal;
  timeoutMs: number;
  /** 1 for the first try; set by the retry middleware. */
  attempt: number;
  /** False: non-2xx answers are returned, not thrown (the Custom API action wants them). */
  throwOnError: boolean;
  state: CallState;
}

export interface ZohoResponse<T = unknown> {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Parsed JSON, the text for non-JSON bodies, undefined for an empty body (204, 304). */
  data: T | undefined;
}

export type Handler = (req: ZohoRequest) => Promise<ZohoResponse>;
export type Middleware = (req: ZohoRequest, next: Handler) => Promise<ZohoResponse>;

/** `compose([a, b, c], transport)` runs a → b → c → transport, each able to wrap the rest. */
export function compose(middlewares: readonly Middleware[], transport: Handler): Handler {
  return middlewares.reduceRight<Handler>((next, mw) => (req) => mw(req, next), transport);
}
