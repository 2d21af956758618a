/**
 * Receives Zoho's redirect after sign-in on http://127.0.0.1:<port>/callback: checks `state`, takes the grant
 * code (and the `location` / `accounts-server` Zoho adds for multi-DC accounts), answers the browser with a
 * short page, and closes.
 */
import { createServer, type Server } from 'node:http';
import { InputError } from '../../runtime/errors';
import { secrets } from '../../runtime/secrets';
import { tokenEndpointError, ZohoAuthError } from '../auth-errors';
import { stateMatches } from './authorize-url';

export interface RedirectResult {
  code: string;
  /** Zoho's data-centre hint, e.g. "eu". */
  location?: string;
  /** The accounts server that issued the code (the exchange must go there). */
  accountsServer?: string;
}

export interface LoopbackReceiver {
  redirectUri: string;
  /** Resolves with the code, or rejects on a denied consent, a state mismatch or the timeout. */
  result: Promise<RedirectResult>;
  close(): Promise<void>;
}

const CALLBACK_PATH = '/callback';

function page(title: string, text: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:sans-serif;margin:3em"><h1>${title}</h1><p>${text}</p></body></html>`;
}

export async function startLoopbackReceiver(options: { state: string; port?: number; timeoutMs?: number }): Promise<LoopbackReceiver> {
  let settle: { resolve: (r: RedirectResult) => void; reject: (e: Error) => void } | undefined;
  const result = new Promise<RedirectResult>((resolve, reject) => {
    settle = { resolve, reject };
  });
  result.catch(() => undefined); // the caller awaits it; an early rejection must not be "unhandled"

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const send = (status: number, title: string, text: string) => res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', Connection: 'close' }).end(page(title, text));
    // A redirect without our state is not ours (or is forged): refuse it and keep waiting for the real one.
    if (!stateMatches(options.state, url.searchParams.get('state'))) {
      send(400, 'Not accepted', 'This sign-in answer does not belong to the running <code>zcrm connect</code> (state mismatch).');
      return;
    }
    const error = url.searchParams.get('error');
    if (error) {
      send(200, 'Access not granted', 'Zoho did not grant access. You can close this tab and run the command again.');
      settle?.reject(tokenEndpointError(error, url.searchParams.get('error_description') ?? undefined, 'authorize', '(new connection)'));
      return;
    }
    const code = url.searchParams.get('code');
    if (!code) {
      send(400, 'Not accepted', 'Zoho\'s answer had no code.');
      settle?.reject(new ZohoAuthError('NO_GRANT_CODE', 'no_code', 'Zoho redirected back without a grant code.', 'Run the command again.'));
      return;
    }
    secrets.add(code);
    send(200, 'Connected', 'Zoho CRM access granted. You can close this tab and return to the terminal.');
    const found: RedirectResult = { code };
    const location = url.searchParams.get('location');
    const accountsServer = url.searchParams.get('accounts-server');
    if (location) found.location = location;
    if (accountsServer) found.accountsServer = accountsServer;
    settle?.resolve(found);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new InputError('REDIRECT_PORT_UNAVAILABLE', `Cannot listen on 127.0.0.1:${options.port ?? 0} for Zoho's redirect (${err.code ?? err.message}).`, 'Pick another --redirect-port, or free that port.')),
    );
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  const timeoutMs = options.timeoutMs ?? 5 * 60_000;
  const timer = setTimeout(() => {
    settle?.reject(new ZohoAuthError('CONSENT_TIMEOUT', 'timeout', `No answer from Zoho's sign-in page within ${Math.round(timeoutMs / 1000)} s.`, 'Run the command again and finish the sign-in in the browser (or copy the printed URL into a browser).'));
  }, timeoutMs);
  timer.unref();

  const close = async () => {
    clearTimeout(timer);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`, result, close };
}
