/**
 * Middleware: the token goes to the connection's own API domain and its /crm API only. Any other origin
 * (a path that smuggles a host, user info, dot segments, backslashes, control characters) is refused before
 * the token is attached.
 */
import { InputError } from '../../runtime/errors';
import type { Middleware } from './types';

function hasDotSegment(pathname: string): boolean {
  return pathname.split('/').some((segment) => {
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return true;
    }
    // "..;x" counts too: Java servers drop ";params" from a segment before resolving it.
    const bare = decoded.split(';')[0];
    return bare === '.' || bare === '..';
  });
}

/**
 * Path characters the URL parser keeps exactly as written: letters, digits, RFC 3986 unreserved characters and
 * sub-delimiters other than ';', and ':', '@', '/'. No '%', ';', '\\', '#', space, quote or control character,
 * any of which could hide a segment or change how the path is read.
 */
const PLAIN_PATH = /^[A-Za-z0-9\-._~!$&'()*+,=:@/]*$/;
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;
const UNSAFE_CHAR = /[\\\u0000-\u001f\u007f]/;

/**
 * True for the everyday URL, proven safe without parsing it: the API domain, then a plain path under the /crm
 * root with no empty or dot segment, then a query without backslashes or control characters. The full checks
 * below accept every such URL (the parser would give the same origin and path); anything else goes to them.
 */
function plainlyAllowed(url: string, origin: string, crmRoot: string, crmPrefix: string): boolean {
  if (!url.startsWith(origin)) return false;
  const q = url.indexOf('?', origin.length);
  const path = q < 0 ? url.slice(origin.length) : url.slice(origin.length, q);
  if (path !== crmRoot && !path.startsWith(crmPrefix)) return false;
  if (!PLAIN_PATH.test(path) || path.includes('//') || DOT_SEGMENT.test(path)) return false;
  return q < 0 || !UNSAFE_CHAR.test(url.slice(q));
}

export function hostGuard(apiDomain: string): Middleware {
  const allowed = new URL(apiDomain);
  const crmRoot = `${allowed.pathname.replace(/\/+$/, '')}/crm`;
  const crmPrefix = `${crmRoot}/`;
  const origin = allowed.origin;
  return (req, next) => {
    if (plainlyAllowed(req.url, origin, crmRoot, crmPrefix)) return next(req);
    const rawPath = req.url.slice(allowed.origin.length).split('?')[0] ?? '';
    if (!req.url.startsWith(allowed.origin) || !rawPath.startsWith('/')) throw refused(req.pathname, `it does not start with the connection's API domain ${allowed.origin}`);
    if (UNSAFE_CHAR.test(req.url)) throw refused(req.pathname, 'it contains a backslash or a control character');
    if (hasDotSegment(rawPath)) throw refused(req.pathname, 'it contains "." or ".." segments');
    if (rawPath.includes('//')) throw refused(req.pathname, 'it contains an empty segment ("//")');
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      throw refused(req.pathname, 'it is not a valid URL');
    }
    if (url.origin !== allowed.origin || url.username || url.password) throw refused(req.pathname, `it points to ${url.host}, not the connection's API domain ${allowed.host}`);
    if (!(url.pathname === crmRoot || url.pathname.startsWith(crmPrefix))) throw refused(req.pathname, 'it leaves the /crm API');
    return next(req);
  };
}

function refused(path: string, why: string): InputError {
  return new InputError('HOST_NOT_ALLOWED', `Refused to send the Zoho token for "${path}": ${why}.`, 'Use a path under /crm on the connection\'s own API domain, such as /crm/v8/Leads.');
}
