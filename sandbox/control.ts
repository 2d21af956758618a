/**
 * The control API under `/__sandbox/` (documented in sandbox/README.md): reset, seed, config, faults, clock,
 * stats, and the request log. It needs no token (the sandbox listens on loopback) and is never counted,
 * faulted or logged, so tests can watch the CRM traffic without disturbing it.
 */
import type { SandboxCore } from './core';
import { errorReply, json, type Reply } from './http/reply';
import { ZohoHttpError } from './http-error';

function parseJson(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ZohoHttpError(400, 'INVALID_DATA', 'the body is not valid JSON', {});
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ZohoHttpError(400, 'INVALID_DATA', 'the body must be a JSON object', {});
  return value as Record<string, unknown>;
}

const notFound = () => new ZohoHttpError(404, 'INVALID_URL_PATTERN', 'no such control endpoint; see GET /__sandbox', {});
const badMethod = () => new ZohoHttpError(405, 'INVALID_REQUEST_METHOD', 'method not allowed on this control endpoint', {});

const ENDPOINTS = [
  'POST /__sandbox/reset {"oauth"?: boolean}',
  'POST /__sandbox/seed {"module": "Leads", "count": 5000}',
  'GET|POST /__sandbox/config {accessTokenTtlSec, refreshTokenCapPerUser, accessTokensPer10Min, concurrencyLimit, subConcurrencyLimit, latencyMs, dailyCredits, pageTokenTtlSec, maxBodyBytes}',
  'GET|POST|DELETE /__sandbox/faults {"rules": [{method?, path, respond?|drop?|latencyMs?, rate?, times?}]}',
  'GET|DELETE /__sandbox/stats',
  'GET|DELETE /__sandbox/requests ?limit=N',
  'GET|POST /__sandbox/clock {"advanceMs": N}',
  'GET /__sandbox/demo-client',
];

export async function handleControl(core: SandboxCore, method: string, url: URL, body: Buffer): Promise<Reply> {
  try {
    return route(core, method, url, body);
  } catch (error) {
    if (error instanceof ZohoHttpError) return errorReply(error);
    throw error;
  }
}

function route(core: SandboxCore, method: string, url: URL, body: Buffer): Reply {
  const path = url.pathname.replace(/\/+$/, '');
  switch (path) {
    case '/__sandbox':
      if (method !== 'GET') throw badMethod();
      return json(200, { endpoints: ENDPOINTS });
    case '/__sandbox/reset': {
      if (method !== 'POST') throw badMethod();
      const input = parseJson(body);
      core.reset({ oauth: input.oauth === true });
      return json(200, { status: 'success', message: 'sandbox reset' });
    }
    case '/__sandbox/seed': {
      if (method !== 'POST') throw badMethod();
      const input = parseJson(body);
      return json(200, core.seed(input.module, input.count));
    }
    case '/__sandbox/config':
      if (method === 'GET') return json(200, core.config);
      if (method === 'POST') return json(200, core.setConfig(parseJson(body)));
      throw badMethod();
    case '/__sandbox/faults':
      if (method === 'GET') return json(200, { rules: core.faults.list() });
      if (method === 'DELETE') {
        core.faults.clear();
        return json(200, { rules: [] });
      }
      if (method === 'POST') {
        const input = parseJson(body);
        if (Array.isArray(input.rules)) return json(200, { rules: core.setFaults(input.rules) });
        core.faults.add(input);
        return json(200, { rules: core.faults.list() });
      }
      throw badMethod();
    case '/__sandbox/stats':
      if (method === 'GET') return json(200, core.statsSnapshot());
      if (method === 'DELETE') {
        core.resetStats();
        return json(200, core.statsSnapshot());
      }
      throw badMethod();
    case '/__sandbox/requests': {
      if (method === 'DELETE') {
        core.requestLog.clear();
        return json(200, { requests: [] });
      }
      if (method !== 'GET') throw badMethod();
      const limit = Number(url.searchParams.get('limit') ?? '100');
      return json(200, { requests: core.requests(Number.isInteger(limit) && limit > 0 ? limit : 100) });
    }
    case '/__sandbox/clock': {
      if (method === 'POST') {
        const input = parseJson(body);
        const ms = typeof input.advanceMs === 'number' ? input.advanceMs : typeof input.advanceSec === 'number' ? input.advanceSec * 1000 : NaN;
        if (!(ms >= 0)) throw new ZohoHttpError(400, 'INVALID_DATA', 'advanceMs (or advanceSec) must be a number ≥ 0', {});
        core.clock.advance(ms);
      } else if (method !== 'GET') throw badMethod();
      return json(200, { now: new Date(core.clock.now()).toISOString(), offsetMs: core.clock.offset });
    }
    case '/__sandbox/demo-client': {
      // Lets `zcrm connect --sandbox <url>` connect to a sandbox it did not start, as the ready line would.
      if (method !== 'GET') throw badMethod();
      const { clientId, clientSecret } = core.accounts.demo();
      return json(200, { clientId, clientSecret });
    }
    default:
      throw notFound();
  }
}
