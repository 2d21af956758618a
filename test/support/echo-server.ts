/** A local HTTP echo service for the echo fixture connector: /echo, /messages (counted), /wait. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EchoServer {
  url: string;
  /** Messages stored by POST /messages, in arrival order. */
  messages: string[];
  requests: number;
  close(): Promise<void>;
}

export async function startEchoServer(): Promise<EchoServer> {
  const state = { messages: [] as string[], requests: 0 };
  const server: Server = createServer((req, res) => {
    state.requests += 1;
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as { message?: string; repeat?: number; status?: number; ms?: number }) : {};
      const reply = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (req.url === '/echo' || req.url === '/messages') {
        if (body.status && body.status >= 400) return reply(body.status, { error: 'requested failure' });
        if (req.url === '/messages') state.messages.push(String(body.message));
        return reply(200, { echoed: String(body.message).repeat(body.repeat ?? 1), count: state.messages.length });
      }
      if (req.url === '/wait') {
        const timer = setTimeout(() => reply(200, { at: new Date().toISOString() }), body.ms ?? 0);
        res.on('close', () => clearTimeout(timer));
        return undefined;
      }
      return reply(404, { error: 'not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get messages() {
      return state.messages;
    },
    get requests() {
      return state.requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
