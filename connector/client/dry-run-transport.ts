/**
 * The end of a dry run's chain: records each request instead of sending it, and answers with a synthetic
 * empty success shaped like Zoho's so the handler completes: 204 for reads (a list of nothing), the record's
 * id for a read by id, and one SUCCESS item per record written or deleted (new records get the id "0").
 */
import { secrets } from '../../runtime/secrets';
import type { DryRunCall } from '../../runtime/types';
import type { Handler, QueryValue, ZohoRequest, ZohoResponse } from './types';

/** The id given to records a dry run "creates": id-shaped, and no real Zoho id (those have 19 digits). */
export const DRY_RUN_NEW_ID = '0';

const MESSAGE = 'dry run: not sent to Zoho';
const JSON_HEADERS = { 'content-type': 'application/json;charset=UTF-8' };

function queryText(value: QueryValue): string | undefined {
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value.map(String).join(',') : String(value);
}

/** The query as it would go on the wire (arrays comma-joined, empty values left out). */
function sentQuery(req: ZohoRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.query)) {
    const text = queryText(value);
    if (text !== undefined) out[key] = text;
  }
  return out;
}

/** What a dry run shows of one request; the token header never (a dry-run chain attaches none anyway). */
export function describeRequest(req: ZohoRequest, authHeader = 'authorization'): DryRunCall {
  const hidden = new Set(['authorization', 'host', authHeader.toLowerCase()]);
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !hidden.has(name.toLowerCase())));
  const query = sentQuery(req);
  const call: DryRunCall = { method: req.method, url: req.url, path: req.pathname };
  if (Object.keys(query).length > 0) call.query = query;
  if (Object.keys(headers).length > 0) call.headers = headers;
  if (req.body !== undefined) call.body = req.body;
  return secrets.scrubDeep(call) as DryRunCall;
}

/** The record id a path ends with (`/crm/v8/Leads/5725767000000524157`), if any. */
function trailingId(pathname: string): string | undefined {
  const last = pathname.split('/').filter(Boolean).pop() ?? '';
  return /^\d+$/.test(last) ? last : undefined;
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The ids of the records a write touches, one per result item Zoho would return. */
function writtenIds(req: ZohoRequest): string[] {
  // A POST makes new records (create, clone, add a note): the id in its path is the source, not the result.
  const fromPath = req.method === 'POST' ? undefined : trailingId(req.pathname);
  const data = req.body && typeof req.body === 'object' ? (req.body as { data?: unknown }).data : undefined;
  if (Array.isArray(data) && data.length > 0) {
    return data.map((item) => idOf((item as { id?: unknown } | null)?.id) ?? fromPath ?? DRY_RUN_NEW_ID);
  }
  const ids = queryText(req.query.ids);
  if (ids) return ids.split(',');
  return [fromPath ?? DRY_RUN_NEW_ID];
}

function json(status: number, data: unknown): ZohoResponse {
  return { status, headers: { ...JSON_HEADERS }, data };
}

/** Zoho's answer shapes, emptied: what the handler gets back in a dry run. */
export function syntheticAnswer(req: ZohoRequest): ZohoResponse {
  if (req.read) {
    const id = req.method === 'GET' ? trailingId(req.pathname) : undefined;
    return id ? json(200, { data: [{ id }] }) : { status: 204, headers: {}, data: undefined };
  }
  if (/\/actions\/convert\/?$/.test(req.pathname)) {
    const details = { Contacts: { id: DRY_RUN_NEW_ID }, Accounts: { id: DRY_RUN_NEW_ID }, Deals: null };
    return json(200, { data: [{ code: 'SUCCESS', status: 'success', message: MESSAGE, details }] });
  }
  const items = writtenIds(req).map((id) => ({ code: 'SUCCESS', status: 'success', message: MESSAGE, details: { id } }));
  return json(req.method === 'POST' ? 201 : 200, { data: items });
}

/** The transport of a dry run: `record` receives each request (secrets scrubbed), nothing leaves the process. */
export function dryRunTransport(record: (call: DryRunCall) => void, options: { authHeader?: string } = {}): Handler {
  return async (req) => {
    record(describeRequest(req, options.authHeader));
    return syntheticAnswer(req);
  };
}
