/**
 * A small programmable stand-in for Zoho (accounts and CRM on one node:http port) for the connector's unit
 * tests: it issues and checks tokens, counts token requests and requests in flight, and lets each test script
 * the CRM answers, including dropped connections.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export type FakeAnswer = { status: number; body?: unknown; headers?: Record<string, string> } | 'drop';
export type FakeRoute = (req: FakeRequest) => FakeAnswer | Promise<FakeAnswer>;

export interface FakeZoho {
  url: string;
  /** CRM requests seen (after auth), in order. */
  requests: FakeRequest[];
  tokenRequests: number;
  maxInFlight: number;
  /** Answers for `METHOD /path` (path without query); unmatched CRM paths give 404 INVALID_URL_PATTERN. */
  route(method: string, path: string, handler: FakeRoute): void;
  /** A valid access token, as if issued by a refresh. */
  validTokens: Set<string>;
  /** What the token endpoint answers next (default: a fresh token). */
  tokenAnswer: (form: URLSearchParams) => FakeAnswer;
  close(): Promise<void>;
}

export async function startFakeZoho(): Promise<FakeZoho> {
  const routes = new Map<string, FakeRoute>();
  let inFlight = 0;
  let issued = 0;
  const fake: FakeZoho = {
    url: '',
    requests: [],
    tokenRequests: 0,
    maxInFlight: 0,
    validTokens: new Set(),
    route: (method, path, handler) => routes.set(`${method} ${path}`, handler),
    tokenAnswer: () => {
      const token = `1000.fake-access-${++issued}-${'x'.repeat(20)}`;
      fake.validTokens.add(token);
      return { status: 200, body: { access_token: token, api_domain: fake.url, token_type: 'Bearer', expires_in: 3600, scope: 'ZohoCRM.modules.ALL ZohoCRM.users.READ' } };
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://fake');
        const body = Buffer.concat(chunks).toString('utf8');
        const send = (answer: FakeAnswer) => {
          if (answer === 'drop') {
            req.socket.destroy();
            return;
          }
          const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
          res.writeHead(answer.status, { ...(text ? { 'Content-Type': 'application/json;charset=UTF-8' } : {}), ...answer.headers });
          res.end(text);
        };
        if (url.pathname === '/oauth/v2/token') {
          fake.tokenRequests++;
          send(fake.tokenAnswer(new URLSearchParams(body)));
          return;
        }
        if (url.pathname === '/oauth/v2/token/revoke') {
          send({ status: 200, body: { status: 'success' } });
          return;
        }
        const auth = /^Zoho-oauthtoken (.+)$/.exec(req.headers.authorization ?? '');
        if (!auth) return send({ status: 401, body: { code: 'AUTHENTICATION_FAILURE', details: {}, message: 'Authentication failed', status: 'error' } });
        if (!fake.validTokens.has(auth[1]!)) return send({ status: 401, body: { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' } });
        const request: FakeRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body };
        fake.requests.push(request);
        const handler = routes.get(`${request.method} ${url.pathname}`);
        inFlight++;
        fake.maxInFlight = Math.max(fake.maxInFlight, inFlight);
        try {
          send(handler ? await handler(request) : { status: 404, body: { code: 'INVALID_URL_PATTERN', details: {}, message: 'Please check if the URL trying to access is a correct one', status: 'error' } });
        } finally {
          inFlight--;
        }
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  fake.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return fake;
}
