/**
 * The sandbox's HTTP server: one port for Zoho CRM (`/crm/...`), Zoho Accounts (`/oauth/v2/...`) and the
 * control API (`/__sandbox/...`). For a CRM call it reads the body, applies faults, authenticates, routes,
 * enforces concurrency and credits, runs the handler and answers in Zoho's shapes; nothing a client sends can
 * crash it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { makeBodyReader, makeScopeCheck, type CrmContext } from './context';
import { handleControl } from './control';
import type { SandboxCore } from './core';
import { entityTooLarge, internalError, invalidRequestMethod, invalidUrlPattern, serviceUnavailable, tooManyRequests } from './errors';
import type { FaultDecision } from './faults';
import { readBody } from './http/body';
import { errorReply, send, type Reply } from './http/reply';
import { ZohoHttpError } from './http-error';
import { bodyPreview, maskAuthorization, maskQuery } from './request-log';
import { compileRoutes, matchRoute, parseCrmPath, type CompiledRoute } from './router';
import { ROUTES } from './routes';
import type { OrgUser } from './seed/users';

const COMPILED: readonly CompiledRoute[] = compileRoutes(ROUTES);
const UNMATCHED = '(unmatched)';

/** Zoho starts sending X-API-CREDITS-REMAINING once half of the day's credits are used. */
const CREDITS_HEADER_FROM = 0.5;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Finished {
  route: string;
  status: number | 'dropped';
  fault?: string;
}

export function createSandboxServer(core: SandboxCore, onInternalError: (error: unknown) => void): Server {
  const server = createServer((req, res) => {
    handle(core, req, res, onInternalError).catch((error: unknown) => {
      onInternalError(error);
      if (!res.headersSent) send(res, errorReply(internalError()));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;
  return server;
}

async function handle(core: SandboxCore, req: IncomingMessage, res: ServerResponse, onInternalError: (error: unknown) => void): Promise<void> {
  const started = performance.now();
  const method = (req.method ?? 'GET').toUpperCase();
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  } catch {
    send(res, errorReply(invalidUrlPattern()));
    return;
  }
  const read = await readBody(req, core.config.maxBodyBytes);
  if (!read.ok) {
    if (read.reason === 'too-large' && !res.destroyed) send(res, errorReply(entityTooLarge(core.config.maxBodyBytes)), { connection: 'close' });
    return;
  }
  const body = read.body;

  if (url.pathname === '/__sandbox' || url.pathname.startsWith('/__sandbox/')) {
    send(res, await handleControl(core, method, url, body));
    return;
  }

  const log = (finished: Finished) => {
    core.stats.record(`${method} ${finished.route}`, finished.status === 'dropped' ? 0 : finished.status);
    core.requestLog.add({
      at: new Date(core.clock.now()).toISOString(),
      method,
      url: maskQuery(url),
      route: finished.route,
      status: finished.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      ...(req.headers.authorization !== undefined ? { authorization: maskAuthorization(req.headers.authorization) } : {}),
      ...(finished.fault ? { fault: finished.fault } : {}),
      ...(body.length > 0 ? { body: bodyPreview(body) } : {}),
    });
  };

  const faults = core.faults.decide(method, url.pathname);
  if (faults.action) core.stats.faultInjected();
  if (faults.action?.kind === 'respond' || (faults.action?.kind === 'drop' && faults.action.when === 'before')) {
    const route = routeLabel(method, url);
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (faults.action.kind === 'drop') {
      res.socket?.destroy();
      log({ route, status: 'dropped', fault: faults.ruleId });
    } else {
      const reply = errorReply(faultError(faults.action.status));
      send(res, reply);
      log({ route, status: reply.status, fault: faults.ruleId });
    }
    return;
  }

  if (url.pathname.startsWith('/oauth/')) {
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    // Drop after: the OAuth part writes its own answer, so its output is swallowed and the socket cut.
    const dropAfter = faults.action?.kind === 'drop';
    if (dropAfter) swallowOutput(res);
    const handled = await core.accounts.handle(req, res, url, body);
    if (!handled) send(res, errorReply(invalidUrlPattern()));
    if (dropAfter) req.socket.destroy();
    log({ route: handled ? url.pathname : UNMATCHED, status: dropAfter ? 'dropped' : res.statusCode, ...(faults.ruleId ? { fault: faults.ruleId } : {}) });
    return;
  }

  const finished = await handleCrm(core, req, res, method, url, body, faults, onInternalError);
  log(finished);
}

/** Makes a response accept writes without sending anything (the request is applied, the answer lost). */
function swallowOutput(res: ServerResponse): void {
  const done = (...args: unknown[]) => {
    const callback = args.find((a): a is () => void => typeof a === 'function');
    callback?.();
  };
  res.flushHeaders = () => undefined;
  res.write = ((...args: unknown[]) => {
    done(...args);
    return true;
  }) as ServerResponse['write'];
  res.end = ((...args: unknown[]) => {
    done(...args);
    return res;
  }) as ServerResponse['end'];
}

/** The route pattern of a request, for stats and the log (OAuth paths as they are; unknown paths pooled). */
function routeLabel(method: string, url: URL): string {
  if (url.pathname.startsWith('/oauth/v2/')) return url.pathname.length <= 40 ? url.pathname : UNMATCHED;
  const path = parseCrmPath(url.pathname);
  if (path.kind !== 'crm') return UNMATCHED;
  return matchRoute(COMPILED, path.segments, method, path.version)?.route.id ?? UNMATCHED;
}

function faultError(status: 429 | 500 | 502 | 503): ZohoHttpError {
  if (status === 429) return tooManyRequests('Rate limit exceeded. Please retry after the specified time.');
  if (status === 500) return internalError();
  return serviceUnavailable(status);
}

async function handleCrm(
  core: SandboxCore,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  url: URL,
  body: Buffer,
  faults: FaultDecision,
  onInternalError: (error: unknown) => void,
): Promise<Finished> {
  const answer = (route: string, reply: Reply): Finished => {
    send(res, reply);
    return { route, status: reply.status };
  };
  const path = parseCrmPath(url.pathname);
  const match = path.kind === 'crm' ? matchRoute(COMPILED, path.segments, method, path.version) : undefined;
  // Stats and the log name routes by pattern, so arbitrary URLs cannot grow them without bound.
  const label = match?.route.id ?? UNMATCHED;

  const auth = core.accounts.authenticate(req.headers.authorization);
  if (!auth.ok) return answer(label, errorReply(new ZohoHttpError(auth.status, auth.code, auth.message, {})));
  if (path.kind === 'unsupported-version') {
    return answer(label, errorReply(new ZohoHttpError(400, 'API_NOT_SUPPORTED', 'the given API version is not supported', { supported_version: 8 })));
  }
  if (path.kind !== 'crm' || !match) return answer(label, errorReply(invalidUrlPattern()));
  const { route, params, handler } = match;
  if (!handler) return answer(route.id, errorReply(invalidRequestMethod()));

  const config = core.config;
  const heavy = route.heavy === true;
  if (core.stats.inFlight >= config.concurrencyLimit) {
    return answer(route.id, errorReply(tooManyRequests('Concurrency limit exceeded. Too many requests are in progress for this org.', { limit: config.concurrencyLimit })));
  }
  if (heavy && core.stats.subInFlight >= config.subConcurrencyLimit) {
    return answer(route.id, errorReply(tooManyRequests('Sub-concurrency limit exceeded for this API. Too many requests are in progress.', { limit: config.subConcurrencyLimit })));
  }
  const cost = route.credits ?? 1;
  if (config.dailyCredits !== null && core.credits.used() + cost > config.dailyCredits) {
    return answer(route.id, errorReply(tooManyRequests('API credits for the day have been exhausted.', { limit: config.dailyCredits })));
  }

  core.stats.enter(heavy);
  let reply: Reply;
  try {
    core.credits.charge(cost);
    const latency = config.latencyMs + faults.latencyMs;
    if (latency > 0) await sleep(latency);
    const ctx: CrmContext = {
      org: core.org,
      config,
      version: path.version,
      method,
      url,
      query: url.searchParams,
      headers: req.headers,
      user: auth.user as OrgUser,
      // Zoho's times have whole seconds; stored times match what clients read back (If-Modified-Since).
      now: Math.floor(core.clock.now() / 1000) * 1000,
      requireScope: makeScopeCheck(auth.scopes, (g, r) => core.accounts.hasScope(g, r)),
      body: makeBodyReader(body, req.headers['content-type']),
      chargeCredits: (extra) => core.credits.charge(extra),
    };
    reply = await runHandler(() => handler(ctx, params), onInternalError);
  } finally {
    core.stats.leave(heavy);
  }

  if (faults.action?.kind === 'drop') {
    res.socket?.destroy();
    return { route: route.id, status: 'dropped', fault: faults.ruleId };
  }
  const limit = config.dailyCredits;
  if (limit !== null) {
    const used = core.credits.used();
    if (used >= limit * CREDITS_HEADER_FROM) reply = { ...reply, headers: { ...reply.headers, 'x-api-credits-remaining': String(Math.max(0, limit - used)) } };
  }
  send(res, reply);
  return { route: route.id, status: reply.status };
}

async function runHandler(run: () => Reply | Promise<Reply>, onInternalError: (error: unknown) => void): Promise<Reply> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ZohoHttpError) return errorReply(error);
    onInternalError(error);
    return errorReply(internalError());
  }
}

