// Reads OAuth parameters the ways Zoho accepts them: query string, urlencoded form, or multipart form fields.
import type { IncomingMessage } from 'node:http';

/**
 * Query-string parameters overlaid with body fields (the body wins). Zoho's docs send token requests as query
 * parameters, browsers and most clients as `application/x-www-form-urlencoded`, and Zoho's own SDKs as
 * `multipart/form-data`; all three are read. Any other body type contributes nothing.
 */
export function readParams(req: IncomingMessage, url: URL, body: Buffer): Map<string, string> {
  return new Map([...firstWins(url.searchParams), ...readBodyFields(req, body)]);
}

function readBodyFields(req: IncomingMessage, body: Buffer): Iterable<[string, string]> {
  if (body.length === 0) return [];
  const contentType = req.headers['content-type'] ?? '';
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase();
  if (mediaType === 'application/x-www-form-urlencoded') return firstWins(new URLSearchParams(body.toString('utf8')));
  if (mediaType === 'multipart/form-data') {
    const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
    const boundary = match?.[1] ?? match?.[2];
    if (boundary) return readMultipartFields(body, boundary);
  }
  return [];
}

/** A repeated parameter counts once, by its first value (as URLSearchParams.get reads it). */
function firstWins(entries: Iterable<[string, string]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of entries) if (!out.has(k)) out.set(k, v);
  return out;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** The text fields of a multipart/form-data body (file parts are skipped; a malformed body yields what parsed). */
export function readMultipartFields(body: Buffer, boundary: string): Map<string, string> {
  const fields = new Map<string, string>();
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    let start = at + delimiter.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break; // closing "--boundary--"
    if (body.subarray(start, start + 2).equals(CRLF)) start += 2;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    let part = body.subarray(start, next);
    if (part.subarray(part.length - 2).equals(CRLF)) part = part.subarray(0, part.length - 2);
    const headerEnd = part.indexOf(HEADER_END);
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1] ?? '';
      const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
      if (name !== undefined && !fields.has(name) && !/\bfilename=/i.test(disposition)) {
        fields.set(name, part.subarray(headerEnd + HEADER_END.length).toString('utf8'));
      }
    }
    at = next;
  }
  return fields;
}
