/**
 * The playground runs actions with a real connection's credentials, so only the page it serves may call it:
 * the Host header must name this server (no DNS rebinding), and a write must be JSON from the same origin
 * (a web page elsewhere cannot send application/json cross-origin without a preflight this server never allows).
 */
import type { IncomingMessage } from 'node:http';
import { HostError } from '../runtime/errors';

function forbidden(message: string): HostError {
  return new HostError({ code: 'FORBIDDEN', category: 'input', message });
}

/** Host names a loopback server answers to. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface GuardOptions {
  /** The port the server listens on (Host headers must carry it). */
  port: number;
  /** The interface it listens on; any Host is accepted when it is not a loopback address (the user chose to expose it). */
  hostname: string;
}

function hostPart(hostHeader: string): { name: string; port: string } {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader.trim().toLowerCase());
  return m ? { name: m[1]!, port: m[2] ?? '80' } : { name: '', port: '' };
}

export function checkRequest(req: IncomingMessage, options: GuardOptions): void {
  const loopbackOnly = LOOPBACK.has(options.hostname) || options.hostname === '::1';
  const host = hostPart(req.headers.host ?? '');
  if (loopbackOnly && (!LOOPBACK.has(host.name) || host.port !== String(options.port))) {
    throw forbidden('This playground only answers requests for its own address.');
  }
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let originHost = '';
    try {
      originHost = new URL(origin).host.toLowerCase();
    } catch {
      throw forbidden('The request came from an unreadable origin.');
    }
    if (originHost !== (req.headers.host ?? '').toLowerCase()) throw forbidden('Requests from other web pages are refused.');
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') throw forbidden('Writes must be sent as application/json.');
  }
}
