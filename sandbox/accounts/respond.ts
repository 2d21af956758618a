// Writes the Accounts part's responses: JSON as Zoho Accounts sends it, HTML pages and redirects.
import type { ServerResponse } from 'node:http';

/** Token responses carry credentials: never cached (RFC 6749 §5.1). */
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...NO_STORE,
    ...headers,
    'content-type': 'application/json;charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    ...NO_STORE,
    'content-type': 'text/html;charset=UTF-8',
    'content-length': Buffer.byteLength(html),
    'x-frame-options': 'SAMEORIGIN',
  });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { ...NO_STORE, location, 'content-length': 0 });
  res.end();
}
