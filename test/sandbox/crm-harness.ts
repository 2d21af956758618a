// Test helper: a started sandbox, an access token for it, and a small JSON client over fetch.
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../sandbox';

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body (undefined when empty or not JSON); loosely typed for assertions. */
  json: any;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is (no JSON encoding). */
  raw?: string | Buffer;
  headers?: Record<string, string>;
  token?: string | null;
}

export interface Harness {
  sb: RunningSandbox;
  /** The current access token of the demo user (refresh() replaces it, e.g. after moving the clock). */
  token: string;
  refresh(): Promise<string>;
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
  get(path: string, options?: CallOptions): Promise<CallResult>;
  control(method: string, path: string, body?: unknown): Promise<CallResult>;
  /** Failures inside the sandbox (bugs): tests assert there are none. */
  internalErrors: unknown[];
}

export async function tokenFor(sb: RunningSandbox, refreshToken = sb.refreshToken): Promise<string> {
  const res = await fetch(`${sb.url}/oauth/v2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: sb.clientId, client_secret: sb.clientSecret }),
  });
  const body = (await res.json()) as { access_token?: string; error?: string };
  if (!body.access_token) throw new Error(`no access token: ${body.error ?? res.status}`);
  return body.access_token;
}

/** A token for another user or other scopes, through the self-client flow. */
export async function selfClientToken(sb: RunningSandbox, scopes: string[], userEmail?: string): Promise<string> {
  const code = sb.selfClientCode(scopes, userEmail);
  const res = await fetch(`${sb.url}/oauth/v2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: sb.clientId, client_secret: sb.clientSecret }),
  });
  const body = (await res.json()) as { access_token?: string; error?: string };
  if (!body.access_token) throw new Error(`no access token: ${body.error ?? res.status}`);
  return body.access_token;
}

export async function rawCall(url: string, method: string, options: CallOptions & { token?: string | null } = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Zoho-oauthtoken ${options.token}`;
  let body: string | Buffer | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export async function startHarness(options: SandboxOptions = {}): Promise<Harness> {
  const internalErrors: unknown[] = [];
  const sb = await startSandbox({ onInternalError: (e) => internalErrors.push(e), ...options });
  const call = (method: string, path: string, o: CallOptions = {}) => rawCall(`${sb.url}${path}`, method, { ...o, token: o.token === undefined ? harness.token : o.token });
  const harness: Harness = {
    sb,
    token: await tokenFor(sb),
    async refresh() {
      harness.token = await tokenFor(sb);
      return harness.token;
    },
    call,
    get: (path, o) => call('GET', path, o),
    control: (method, path, body) => rawCall(`${sb.url}${path}`, method, body === undefined ? {} : { body }),
    internalErrors,
  };
  return harness;
}
