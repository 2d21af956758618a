/**
 * JSON in and out of the playground's API: reading a bounded request body, answering with JSON, and turning
 * any failure into `{ error }` with the typed error's fields and an HTTP status that matches its category.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InputError, toHostError, type ErrorInfo, type HostError } from '../runtime/errors';
import { secrets } from '../runtime/secrets';

/** Request bodies are form values and small flows; anything bigger is a mistake (or an attack). */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new InputError('BODY_TOO_LARGE', `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InputError('BODY_NOT_JSON', `The request body is not valid JSON: ${(err as Error).message}.`);
  }
}

/** The body as an object, or an InputError naming what was expected. */
export function objectBody(body: unknown, what: string): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new InputError('BODY_NOT_OBJECT', `Expected a JSON object (${what}).`);
  return body as Record<string, unknown>;
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function statusOf(error: HostError): number {
  if (error.code === 'UNKNOWN_ACTION' || error.code === 'NOT_FOUND') return 404;
  if (error.code === 'FORBIDDEN') return 403;
  switch (error.category) {
    case 'input':
      return 400;
    case 'auth':
      return 401;
    case 'remote':
      return 502;
    default:
      return 500;
  }
}

/** Answers with the typed error (secrets scrubbed); unexpected failures become INTERNAL_ERROR. */
export function sendError(res: ServerResponse, err: unknown): void {
  const error = toHostError(err);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, statusOf(error), { error: secrets.scrubDeep(error.toJSON()) as ErrorInfo });
}
