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

export function hostGuard(apiDomain: string): Middleware {
  const allowed = new URL(apiDomain);
  const crmRoot = `${allowed.pathname.replace(/\/+$/, '')}/crm`;
  return (req, next) => {
    const rawPath = req.url.slice(allowed.origin.length).split('?')[0] ?? '';
    if (!req.url.startsWith(allowed.origin) || !rawPath.startsWith('/')) throw refused(req.pathname, `it does not start with the connection's API domain ${allowed.origin}`);
    if (/[\\\u0000-\u001f\u007f]/.test(req.url)) throw refused(req.pathname, 'it contains a backslash or a control character');
    if (hasDotSegment(rawPath)) throw refused(req.pathname, 'it contains "." or ".." segments');
    if (rawPath.includes('//')) throw refused(req.pathname, 'it contains an empty segment ("//")');
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      throw refused(req.pathname, 'it is not a valid URL');
    }
    if (url.origin !== allowed.origin || url.username || url.password) throw refused(req.pathname, `it points to ${url.host}, not the connection's API domain ${allowed.host}`);
    if (!(url.pathname === crmRoot || url.pathname.startsWith(`${crmRoot}/`))) throw refused(req.pathname, 'it leaves the /crm API');
    return next(req);
  };
}

function refused(path: string, why: string): InputError {
  return new InputError('HOST_NOT_ALLOWED', `Refused to send the Zoho token for "${path}": ${why}.`, 'Use a path under /crm on the connection\'s own API domain, such as /crm/v8/Leads.');
}
