/**
 * The end of the chain: sends one request with axios (shared keep-alive agents, no redirects, every status
 * returned) and reads the body. Failures below HTTP become a TransportError that says whether the request
 * was fully sent; the axios error itself (which holds the Authorization header) goes no further.
 */
import axios, { type AxiosInstance, type AxiosRequestConfig, type GenericAbortSignal } from 'axios';
import type { ClientRequest } from 'node:http';
import { runStopOf, type StopHook } from '../../runtime/run-stop';
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

const JSON_TYPE = /json/i;
const JSON_START = /^\s*[[{]/;

export function parseBody(text: string, contentType: string | undefined): unknown {
  if (!text) return undefined;
  const looksJson = JSON_TYPE.test(contentType ?? '') || JSON_START.test(text);
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

/**
 * What axios listens to, instead of the signal, for a request made in a run of the host: the run stops it
 * directly when it times out or is cancelled (runtime/run-stop.ts), and it aborts the request as the
 * signal would have. Adding and removing a listener on a fresh AbortSignal costs about as much as all the rest
 * the client adds to a call. Any other signal is given to axios as it is.
 */
class RunCancel implements GenericAbortSignal, StopHook {
  aborted = false;
  private listener: (() => void) | undefined;

  addEventListener(_type: 'abort', listener: () => void): void {
    this.listener = listener;
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    if (this.listener === listener) this.listener = undefined;
  }

  stopped(): void {
    this.aborted = true;
    this.listener?.();
  }
}

export function transport(http: AxiosInstance = createAxios()): Handler {
  return async (req): Promise<ZohoResponse> => {
    const hasBody = req.body !== undefined && req.method !== 'GET';
    const headers: Record<string, string> = { Accept: 'application/json', ...req.headers };
    if (hasBody && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
    const config: AxiosRequestConfig = { method: req.method, url: req.url, headers, timeout: req.timeoutMs };
    if (hasBody) config.data = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    const stop = req.signal ? runStopOf(req.signal) : undefined;
    const cancel = stop ? new RunCancel() : undefined;
    if (cancel) {
      stop!.add(cancel);
      config.signal = cancel;
    } else if (req.signal) config.signal = req.signal;
    try {
      const res = await http.request<string>(config);
      const responseHeaders = headersOf(res.headers);
      const text = typeof res.data === 'string' ? res.data : '';
      return { status: res.status, headers: responseHeaders, data: parseBody(text, responseHeaders['content-type']) };
    } catch (err) {
      throw toTransportError(err);
    } finally {
      if (cancel) stop!.remove(cancel);
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
