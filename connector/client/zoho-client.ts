/**
 * The typed client handlers receive: `request` and the get/post/put/delete shorthands over the middleware
 * chain, the paging iterators, the bulk helper, cached metadata, and the connection's public facts.
 */
import type { ConnectionInfo } from '../connection';
import { runBulk, type BulkItemResult } from '../bulk';
import type { HintContext } from '../error-hints';
import type { Lane, LimiterStats, OrgLimiter } from '../limiter';
import { Metadata } from '../metadata';
import { coqlPages, flatten, recordPages, type CoqlPage, type CoqlPagesOptions, type ListBody, type RecordPagesOptions, type RecordsPage } from '../pagination';
import { apiPath } from './base-url';
import type { Handler, HttpMethod, Query, ZohoRequest, ZohoResponse } from './types';

export interface RequestOptions {
  method: HttpMethod;
  /** `/Leads` (under /crm/v8) or a full `/crm/...` path. */
  path: string;
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  /** Safe to send twice. Default: true for GET, PUT, DELETE and COQL; false for other POSTs. */
  idempotent?: boolean;
  /** Limiter lane. Default: heavy for COQL and lead conversion, else default. */
  lane?: Lane;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** False: non-2xx answers are returned instead of thrown. Default true. */
  throwOnError?: boolean;
}

export type ShortOptions = Omit<RequestOptions, 'method' | 'path' | 'query' | 'body'>;

export interface BulkOptions<I> {
  method: 'POST' | 'PUT' | 'DELETE';
  path: string;
  items: readonly I[];
  /** The body of one call; default `{ data: chunk }` (not used for DELETE unless given). */
  body?: (chunk: readonly I[]) => unknown;
  /** The query of one call, e.g. `chunk => ({ ids: chunk })` for deletes. */
  query?: (chunk: readonly I[]) => Query;
  chunkSize?: number;
  concurrency?: number;
  idempotent?: boolean;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface ZohoClientParts {
  handler: Handler;
  info: ConnectionInfo;
  limiter: OrgLimiter;
  metadata: Metadata;
  hintContext: () => HintContext;
  defaultTimeoutMs: number;
}

const COQL_PATH = /\/coql\/?$/;
const CONVERT_PATH = /\/actions\/convert\/?$/;

/** The path without its query string. */
function withoutQuery(path: string): string {
  const q = path.indexOf('?');
  return q < 0 ? path : path.slice(0, q);
}

export class ZohoClient {
  /** The connection's public facts (no secrets). */
  readonly connection: ConnectionInfo;
  /** Modules and fields, cached per connection for a few minutes. */
  readonly metadata: Metadata;

  constructor(private readonly parts: ZohoClientParts) {
    this.connection = parts.info;
    this.metadata = parts.metadata;
  }

  /** One call through the whole chain. 204 and 304 give `data: undefined`. */
  async request<T = unknown>(options: RequestOptions): Promise<ZohoResponse<T>> {
    return (await this.send(options.method, options.path, options.query, options.body, options)) as ZohoResponse<T>;
  }

  async get<T = unknown>(path: string, query?: Query, options: ShortOptions = {}): Promise<T | undefined> {
    return (await this.send('GET', path, query, undefined, options)).data as T | undefined;
  }

  async post<T = unknown>(path: string, body?: unknown, options: ShortOptions & { query?: Query } = {}): Promise<T | undefined> {
    return (await this.send('POST', path, options.query, body, options)).data as T | undefined;
  }

  async put<T = unknown>(path: string, body?: unknown, options: ShortOptions & { query?: Query } = {}): Promise<T | undefined> {
    return (await this.send('PUT', path, options.query, body, options)).data as T | undefined;
  }

  async delete<T = unknown>(path: string, query?: Query, options: ShortOptions = {}): Promise<T | undefined> {
    return (await this.send('DELETE', path, query, undefined, options)).data as T | undefined;
  }

  /**
   * Builds the request and hands it to the chain (the shorthands call it directly, without an options object
   * of their own). A query given as an argument wins over one in `options`.
   */
  private send(method: HttpMethod, path: string, query: Query | undefined, body: unknown, options: ShortOptions & { query?: Query }): Promise<ZohoResponse> {
    const pathname = withoutQuery(apiPath(path));
    const coql = COQL_PATH.test(pathname);
    const req: ZohoRequest = {
      method,
      path,
      query: query ?? options.query ?? {},
      body,
      headers: options.headers ?? {},
      url: '',
      pathname,
      idempotent: options.idempotent ?? (method !== 'POST' || coql),
      read: method === 'GET' || coql,
      lane: options.lane ?? (coql || CONVERT_PATH.test(pathname) ? 'heavy' : 'default'),
      timeoutMs: options.timeoutMs ?? this.parts.defaultTimeoutMs,
      attempt: 1,
      throwOnError: options.throwOnError ?? true,
      state: {},
    };
    if (options.signal) req.signal = options.signal;
    return this.parts.handler(req);
  }

  /** Pages of a record list (`/Leads`, `/Notes`, `/Leads/search` ...): page numbers to 2,000, then page_token. */
  paginate<T = Record<string, unknown>>(path: string, options: RecordPagesOptions = {}): AsyncGenerator<RecordsPage<T>> {
    return recordPages<T>((query, signal) => this.get<ListBody<T>>(path, query, signal ? { signal } : {}), options);
  }

  /** The records of `paginate`, one at a time. */
  records<T = Record<string, unknown>>(path: string, options: RecordPagesOptions = {}): AsyncGenerator<T> {
    return flatten(this.paginate<T>(path, options));
  }

  /** Pages of a COQL query (LIMIT offset, count), up to Zoho's 100,000 rows or `limit`. */
  coqlPages<T = Record<string, unknown>>(query: string, options: CoqlPagesOptions = {}): AsyncGenerator<CoqlPage<T>> {
    return coqlPages<T>((select, signal) => this.post<ListBody<T>>('/coql', { select_query: select }, signal ? { signal } : {}), query, options);
  }

  /** Any number of items in calls of 100, one result per item in input order. */
  bulk<I, D = Record<string, unknown>>(options: BulkOptions<I>): Promise<BulkItemResult<D>[]> {
    const pathname = withoutQuery(apiPath(options.path));
    return runBulk<I, D>({
      items: options.items,
      ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      hintContext: this.parts.hintContext(),
      request: { method: options.method, path: pathname },
      send: (chunk) =>
        this.request({
          method: options.method,
          path: options.path,
          lane: 'heavy',
          throwOnError: false,
          ...(options.query ? { query: options.query(chunk) } : {}),
          ...(options.body ? { body: options.body(chunk) } : options.method !== 'DELETE' ? { body: { data: chunk } } : {}),
          ...(options.idempotent !== undefined ? { idempotent: options.idempotent } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        }),
    });
  }

  /** The org limiter's counters (for diagnostics and tests). */
  limiterStats(): LimiterStats {
    return this.parts.limiter.stats();
  }
}
