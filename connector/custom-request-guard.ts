/**
 * The checks behind the Custom API action: a user's relative URL may only name a path under the connection's
 * /crm API, and a user's headers may not replace the ones the connector owns. Everything refused is an
 * InputError (exit code 2) raised before any request is built, naming the input path and the reason.
 */
import { InputError } from '../runtime/errors';

/** Headers the connector or the HTTP layer sets; a user value would hijack auth, routing or framing. */
const RESERVED_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'host',
  'cookie',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
]);

/** RFC 9110 token characters: what a header name may be made of. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** C0 controls, DEL and C1 controls. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Line and paragraph separators some parsers treat as line breaks. */
const LINE_BREAKS = /[\u2028\u2029]/;
const NON_ASCII = /[^\u0000-\u007f]/;
const BEYOND_LATIN1 = /[^\u0000-\u00ff]/;
/** How many layers of percent-encoding are undone before giving up (an attacker's %252e%252e needs two). */
const MAX_DECODE_ROUNDS = 4;

function refuseUrl(reason: string): InputError {
  return new InputError(
    'RELATIVE_URL_REFUSED',
    `relativeUrl was refused: ${reason}.`,
    'Give a path under /crm that starts with / and a version, such as /v8/Leads or /v2/Leads/5725767000000524157; put query parameters whose values hold @, \\ or non-ASCII characters in "query", which encodes them.',
    { issues: [{ path: '/relativeUrl', message: reason }] },
  );
}

/** Every form of `text` from as written to fully percent-decoded; refuses malformed or endless encoding. */
function decodedForms(text: string): string[] {
  const forms = [text];
  let current = text;
  for (let round = 0; round < MAX_DECODE_ROUNDS; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      throw refuseUrl('its path has a malformed percent-encoding');
    }
    if (next === current) return forms;
    forms.push(next);
    current = next;
  }
  throw refuseUrl(`its path is percent-encoded more than ${MAX_DECODE_ROUNDS} times over`);
}

function checkPathForm(form: string, encoded: boolean): void {
  const how = encoded ? ' (once percent-decoded)' : '';
  if (form.includes('\\')) throw refuseUrl(`its path contains a backslash${how}`);
  if (CONTROL.test(form) || LINE_BREAKS.test(form)) throw refuseUrl(`its path contains a control character such as CR or LF${how}`);
  if (NON_ASCII.test(form)) throw refuseUrl(`its path contains a character outside ASCII${how} (such as a look-alike of "." or "/")`);
  if (form.includes('@')) throw refuseUrl(`its path contains "@"${how}`);
  if (form.includes('?') || form.includes('#')) throw refuseUrl(`its path contains an encoded "?" or "#"${how}`);
  const segments = form.split('/').slice(1);
  if (segments.some((s) => s === '.' || s === '..')) throw refuseUrl(`its path contains a "." or ".." segment${how}`);
  // Java servers (Tomcat, Jetty) drop ";params" from a segment before resolving it, so "..;x" climbs too.
  if (segments.some((s) => /^\.\.?;/.test(s))) throw refuseUrl(`its path contains a "." or ".." segment with ";" parameters${how}`);
  if (segments.slice(0, -1).some((s) => s === '')) throw refuseUrl(`its path contains an empty segment ("//")${how}`);
}

/**
 * Checks a Custom API relative URL and returns the full API path (`/crm` + the URL, query string kept as
 * written) for the client. Refuses anything that could leave /crm on the connection's own host.
 */
export function crmPathFromRelativeUrl(relativeUrl: string): string {
  if (CONTROL.test(relativeUrl) || LINE_BREAKS.test(relativeUrl)) throw refuseUrl('it contains a control character such as CR or LF');
  if (relativeUrl.includes('\\')) throw refuseUrl('it contains a backslash');
  if (relativeUrl.includes('@')) throw refuseUrl('it contains "@"');
  if (NON_ASCII.test(relativeUrl)) throw refuseUrl('it contains a character outside ASCII');
  if (/^\s|\s$/.test(relativeUrl) || relativeUrl.includes(' ')) throw refuseUrl('it contains spaces (write them as %20, or put the value in "query")');
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(relativeUrl)) throw refuseUrl('it is an absolute URL; give only the path after /crm');
  if (relativeUrl.startsWith('//')) throw refuseUrl('it starts with "//", which names another host');
  if (!relativeUrl.startsWith('/')) throw refuseUrl('it must start with "/"');
  if (relativeUrl.includes('#')) throw refuseUrl('it contains a fragment ("#")');
  const queryAt = relativeUrl.indexOf('?');
  const path = queryAt < 0 ? relativeUrl : relativeUrl.slice(0, queryAt);
  const forms = decodedForms(path);
  forms.forEach((form, i) => checkPathForm(form, i > 0));
  const first = forms[forms.length - 1]!.split('/')[1] ?? '';
  if (first.toLowerCase() === 'crm') throw refuseUrl('it already starts with /crm; the relative URL is the part after /crm, such as /v8/Leads');
  if (first === '') throw refuseUrl('it names no API path after /crm');
  return `/crm${relativeUrl}`;
}

function refuseHeader(name: string, reason: string): InputError {
  return new InputError('HEADER_REFUSED', `The header "${name}" was refused: ${reason}.`, 'Leave out Authorization, Host, Cookie, Content-Length and connection headers: the connector sets them. Header names are letters, digits and -.', {
    issues: [{ path: `/headers/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`, message: reason }],
  });
}

/** Checks a Custom API request's extra headers; returns them unchanged when every one is allowed. */
export function checkCustomHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  const seen = new Set<string>();
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!HEADER_NAME.test(name)) throw refuseHeader(name, 'it is not a valid header name');
    if (RESERVED_HEADERS.has(lower) || lower.startsWith('proxy-')) throw refuseHeader(name, 'the connector sets this header itself');
    if (seen.has(lower)) throw refuseHeader(name, 'it is given twice (header names ignore case)');
    if (typeof value !== 'string') throw refuseHeader(name, 'its value must be a string');
    if (CONTROL.test(value.replace(/\t/g, '')) || LINE_BREAKS.test(value)) throw refuseHeader(name, 'its value contains a control character such as CR or LF');
    // HTTP sends header bytes as ISO-8859-1: anything above U+00FF would go out silently mangled.
    if (BEYOND_LATIN1.test(value)) throw refuseHeader(name, 'its value contains a character outside ISO-8859-1, which an HTTP header cannot carry (encode it, for example as RFC 8187 or base64)');
    seen.add(lower);
    out[name] = value;
  }
  return out;
}
