/**
 * The playground's web server (node:http): the page's static files and a small JSON API over a Host, so the
 * page can list actions, render their generated forms with live options, validate, run them with an HTTP trace,
 * and run or export small flows. It listens on loopback by default and answers only its own page.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { HostError } from '../runtime/errors';
import type { Host } from '../runtime/types';
import { actionDetails, catalogue, runAction } from './actions-api';
import { exportFlow, runPlaygroundFlow } from './flow-api';
import { formOf, validateValues } from './forms-api';
import { readJsonBody, sendError, sendJson } from './http-json';
import { checkRequest } from './request-guard';
import { StaticFiles } from './static-files';
import type { CallTrace } from './trace';

export interface PlaygroundOptions {
  host: Host;
  /** The connection actions run with and live form options come from; the host's default when left out. */
  connection?: string;
  /**
   * Collects the Zoho calls of each run. The host must log through `trace.destination()` at debug level for
   * calls to show up; without a trace, runs answer with an empty trace.
   */
  trace?: CallTrace;
  /** Where flow runs are journaled (`zcrm flow runs` reads the default one). */
  journalDir: string;
  /** Folder of the page's files; default: web/public beside this file. */
  staticDir?: string;
}

export interface ListenOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Default 127.0.0.1. */
  hostname?: string;
}

export interface RunningPlayground {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export const DEFAULT_STATIC_DIR = join(__dirname, 'public');

function notFound(what: string): HostError {
  return new HostError({ code: 'NOT_FOUND', category: 'input', message: `No such ${what}.` });
}

type Route = (req: IncomingMessage, res: ServerResponse, params: { id: string; url: URL }) => Promise<void>;

function routes(options: PlaygroundOptions): { method: string; pattern: RegExp; handle: Route }[] {
  const { host, trace } = options;
  const connection = options.connection !== undefined ? { connection: options.connection } : {};
  return [
    { method: 'GET', pattern: /^\/api\/actions$/, handle: async (_req, res) => sendJson(res, 200, await catalogue(host, options.connection)) },
    { method: 'GET', pattern: /^\/api\/actions\/([^/]+)$/, handle: async (_req, res, { id }) => sendJson(res, 200, actionDetails(host, id)) },
    {
      method: 'GET',
      pattern: /^\/api\/actions\/([^/]+)\/form$/,
      handle: async (_req, res, { id, url }) => sendJson(res, 200, await formOf(host, id, url.searchParams.get('values'), { ...connection, ...(trace ? { trace } : {}) })),
    },
    {
      method: 'POST',
      pattern: /^\/api\/actions\/([^/]+)\/validate$/,
      handle: async (req, res, { id }) => sendJson(res, 200, await validateValues(host, id, await readJsonBody(req), connection)),
    },
    {
      method: 'POST',
      pattern: /^\/api\/actions\/([^/]+)\/run$/,
      handle: async (req, res, { id }) => sendJson(res, 200, await runAction(host, id, await readJsonBody(req), { ...connection, ...(trace ? { trace } : {}) })),
    },
    {
      method: 'POST',
      pattern: /^\/api\/flows\/run$/,
      handle: async (req, res) => sendJson(res, 200, await runPlaygroundFlow(host, await readJsonBody(req), { ...connection, journalDir: options.journalDir, ...(trace ? { trace } : {}) })),
    },
    {
      method: 'POST',
      pattern: /^\/api\/flows\/export$/,
      handle: async (req, res) => sendJson(res, 200, exportFlow(await readJsonBody(req))),
    },
  ];
}

/** The request handler, for embedding in another server; `listen` is where it is reachable (for the Host check). */
export function playgroundHandler(options: PlaygroundOptions, listen: () => { port: number; hostname: string }): (req: IncomingMessage, res: ServerResponse) => void {
  const files = new StaticFiles(options.staticDir ?? DEFAULT_STATIC_DIR);
  const table = routes(options);
  return (req, res) => {
    const handle = async () => {
      checkRequest(req, listen());
      const url = new URL(req.url ?? '/', 'http://playground.invalid');
      if (url.pathname.startsWith('/api/')) {
        const matches = table.filter((r) => r.pattern.test(url.pathname));
        const route = matches.find((r) => r.method === req.method);
        if (!route) throw matches.length ? new HostError({ code: 'METHOD_NOT_ALLOWED', category: 'input', message: `${req.method} is not supported here.` }) : notFound(`API endpoint ${url.pathname}`);
        const id = decodeURIComponent(route.pattern.exec(url.pathname)?.[1] ?? '');
        await route.handle(req, res, { id, url });
        return;
      }
      if ((req.method === 'GET' || req.method === 'HEAD') && files.serve(url.pathname, res, req.method === 'HEAD')) return;
      throw notFound(`page ${url.pathname}`);
    };
    handle().catch((err: unknown) => sendError(res, err));
  };
}

export async function startPlayground(options: PlaygroundOptions & ListenOptions): Promise<RunningPlayground> {
  const hostname = options.hostname ?? '127.0.0.1';
  let port = 0;
  const server = createServer(playgroundHandler(options, () => ({ port, hostname })));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const shown = hostname === '0.0.0.0' || hostname === '::' ? '127.0.0.1' : hostname.includes(':') ? `[${hostname}]` : hostname;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${shown}:${port}/`,
    port,
    server,
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // keep-alive connections from the browser would hold close() open
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
