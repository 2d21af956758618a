/**
 * Middleware: the request's absolute URL, from the connection's API domain, the path (relative to /crm/v8,
 * or a full /crm/... path) and the query, each value URL-encoded (so criteria values stay intact).
 */
import { InputError } from '../../runtime/errors';
import type { Middleware, Query } from './types';

export const API_PREFIX = '/crm/v8';

/** encodeURIComponent, with the URIError it throws for a lone UTF-16 surrogate turned into an input error. */
function encodeParam(text: string, name: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    throw new InputError('INVALID_QUERY_VALUE', `The query parameter "${name}" holds text that is not valid Unicode (a lone UTF-16 surrogate), which cannot be put in a URL.`, 'Remove the broken character from the value.');
  }
}

export function serializeQuery(query: Query): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const text = Array.isArray(value) ? value.map(String).join(',') : String(value);
    parts.push(`${encodeParam(key, key)}=${encodeParam(text, key)}`);
  }
  return parts.join('&');
}

export function apiPath(path: string): string {
  if (!path.startsWith('/')) {
    throw new InputError('INVALID_PATH', `The API path "${path}" must start with "/".`, 'Give a path such as /Leads (under /crm/v8) or /crm/v2/Leads.');
  }
  return path === '/crm' || path.startsWith('/crm/') ? path : `${API_PREFIX}${path}`;
}

export function baseUrl(apiDomain: string): Middleware {
  return (req, next) => {
    const path = apiPath(req.path);
    const qs = serializeQuery(req.query);
    const q = path.indexOf('?');
    // Plain concatenation: new URL(path, base) would let "//host/x" replace the host; the guard checks the result.
    const url = qs ? `${apiDomain}${path}${q < 0 ? '?' : '&'}${qs}` : `${apiDomain}${path}`;
    return next({ ...req, url, pathname: q < 0 ? path : path.slice(0, q) });
  };
}
