/**
 * The end of the chain: sends one request with axios (shared keep-alive agents, no redirects, every status
 * returned) and reads the body. Failures below HTTP become a TransportError that says whether the request
 * was fully sent; the axios error itself (which holds the Authorization header) goes no further.
 */
import axios, { type AxiosInstance } from 'axios';
import type { ClientRequest } from 'node:http';
import { sharedAgents } from '../http-agents';
import { TransportError } from './transport-error';
import type { Handler, ZohoResponse } from './types';

export function createAxios(): AxiosInstance {
  const { httpAgent, httpsAgent } = sharedAgents();
  return axios.create({
    httpAgent,
    httpsAgent,
    maxRedirects: 0,
    validateStatus: () => true,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    transitional: { clarifyTimeoutError: true },
    // Zoho answers are small JSON documents; a proxy's HTML error page is read as text.
    maxContentLength: 64 * 1024 * 1024,
  });
}

export function parseBody(text: string, contentType: string | undefined): unknown {
  if (!text) return undefined;
  const looksJson = /json/i.test(contentType ?? '') || /^\s*[[{]/.test(text);
  if (!looksJson) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function headersOf(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const source = raw && typeof (raw as { toJSON?: unknown }).toJSON === 'function' ? (raw as { toJSON(): Record<string, unknown> }).toJSON() : (raw as Record<string, unknown>) ?? {};
  for (const [k, v] of Object.entries(source)) if (v !== undefined && v !== null) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  return out;
}

export function transport(http: AxiosInstance = createAxios()): Handler {
  return async (req): Promise<ZohoResponse> => {
    const hasBody = req.body !== undefined && req.method !== 'GET';
    const headers: Record<string, string> = { Accept: 'application/json', ...req.headers };
    if (hasBody && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
    try {
      const res = await http.request<string>({
        method: req.method,
        url: req.url,
        headers,
        ...(hasBody ? { data: typeof req.body === 'string' ? req.body : JSON.stringify(req.body) } : {}),
        timeout: req.timeoutMs,
        ...(req.signal ? { signal: req.signal } : {}),
      });
      const responseHeaders = headersOf(res.headers);
      const text = typeof res.data === 'string' ? res.data : '';
      return { status: res.status, headers: responseHeaders, data: parseBody(text, responseHeaders['content-type']) };
    } catch (err) {
      throw toTransportError(err);
    }
  };
}

function toTransportError(err: unknown): TransportError {
  const e = err as { code?: string; request?: ClientRequest };
  const code = e.code ?? 'NETWORK_ERROR';
  // The whole request reached the socket: Zoho may have received and acted on it.
  const sent = e.request?.writableFinished === true;
  if (axios.isCancel(err) || code === 'ERR_CANCELED') return new TransportError('CANCELLED', sent, 'cancelled');
  if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') return new TransportError(code, sent, 'timeout');
  return new TransportError(code, sent, 'network');
}
