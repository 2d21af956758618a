/** What a route answers (status, JSON body, headers) and how it goes on the wire, the way Zoho sends it. */
import type { ServerResponse } from 'node:http';
import type { ZohoHttpError } from '../http-error';

export interface Reply {
  status: number;
  /** JSON body; absent for 204 and 304, which Zoho sends empty. */
  body?: unknown;
  headers?: Record<string, string>;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body };
}

export const noContent = (): Reply => ({ status: 204 });
export const notModified = (): Reply => ({ status: 304 });

export function errorReply(error: ZohoHttpError): Reply {
  return { status: error.status, body: error.body() };
}

/** Writes a reply. Zoho's JSON answers carry `application/json;charset=utf-8`. */
export function send(res: ServerResponse, reply: Reply, extraHeaders: Record<string, string> = {}): void {
  const headers: Record<string, string> = { ...extraHeaders, ...reply.headers };
  if (reply.body === undefined || reply.status === 204 || reply.status === 304) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  headers['content-type'] = 'application/json;charset=utf-8';
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(reply.status, headers);
  res.end(text);
}
