// The sandbox's Zoho Accounts over HTTP: consent page, code exchange, refresh, revoke, Zoho's token limits.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAccounts, DEMO_SCOPES, type SandboxAccounts } from '../../sandbox/accounts';
import type { SandboxUser } from '../../sandbox/accounts/types';

const USERS: SandboxUser[] = [
  { id: '5725767000000411001', zuid: '700000001', name: 'Ada Admin', email: 'ada@sandbox.example', orgId: '800000001' },
  { id: '5725767000000411002', zuid: '700000002', name: 'Ben Sales', email: 'ben@sandbox.example', orgId: '800000001' },
];
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const TOKEN_SHAPE = /^1000\.[0-9a-f]{32}\.[0-9a-f]{32}$/;
const WEB_CLIENT = {
  clientId: '1000.WEBCLIENT',
  clientSecret: 'web-client-secret-0123456789abcdef',
  name: 'Web App',
  redirectUris: ['https://app.example/oauth/callback'],
  allowLoopback: false,
};

let server: Server;
let base = '';
let clock = T0;
let accounts: SandboxAccounts;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void accounts.handle(req, res, new URL(req.url ?? '/', base), Buffer.concat(chunks)).then((handled) => {
        if (!handled) res.writeHead(418).end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  clock = T0;
  accounts = createAccounts({ publicUrl: () => `${base}/`, users: USERS, now: () => clock });
  accounts.registerClient(WEB_CLIENT);
});

const minutes = (n: number): number => n * 60_000;

// ---- HTTP helpers -----------------------------------------------------------------------------------------

type Json = Record<string, unknown>;

async function tokenRequest(fields: Record<string, string>, as: 'form' | 'query' | 'multipart' = 'form') {
  let res: Response;
  if (as === 'query') {
    res = await fetch(`${base}/oauth/v2/token?${new URLSearchParams(fields)}`, { method: 'POST' });
  } else if (as === 'multipart') {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    res = await fetch(`${base}/oauth/v2/token`, { method: 'POST', body: form });
  } else {
    res = await fetch(`${base}/oauth/v2/token`, { method: 'POST', body: new URLSearchParams(fields) });
  }
  return { status: res.status, json: (await res.json()) as Json };
}

interface AuthorizeOptions {
  client?: string;
  redirectUri?: string;
  scope?: string;
  state?: string;
  accessType?: string;
  prompt?: string;
  responseType?: string;
}

function authorizeParams(o: AuthorizeOptions = {}): Record<string, string> {
  const p: Record<string, string> = {
    scope: o.scope ?? 'ZohoCRM.modules.ALL,ZohoCRM.settings.ALL',
    client_id: o.client ?? WEB_CLIENT.clientId,
    response_type: o.responseType ?? 'code',
    access_type: o.accessType ?? 'offline',
    redirect_uri: o.redirectUri ?? WEB_CLIENT.redirectUris[0]!,
  };
  if (o.prompt !== '') p.prompt = o.prompt ?? 'consent';
  if (o.state !== undefined) p.state = o.state;
  return p;
}

async function consentPage(o: AuthorizeOptions = {}) {
  const res = await fetch(`${base}/oauth/v2/auth?${new URLSearchParams(authorizeParams(o))}`);
  return { status: res.status, html: await res.text() };
}

/** POSTs the consent form as `zcrm connect --sandbox` does; returns the redirect target. */
async function decide(decision: string, o: AuthorizeOptions & { user?: string } = {}) {
  const fields = { ...authorizeParams(o), user: o.user ?? USERS[1]!.email, decision };
  const res = await fetch(`${base}/oauth/v2/auth/consent`, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
  const location = res.headers.get('location');
  return { status: res.status, location: location === null ? null : new URL(location), body: await res.text() };
}

async function grantCode(o: AuthorizeOptions & { user?: string } = {}): Promise<string> {
  const { location } = await decide('accept', o);
  return location!.searchParams.get('code')!;
}

function exchange(code: string, extra: Record<string, string> = {}) {
  return tokenRequest({
    grant_type: 'authorization_code',
    client_id: WEB_CLIENT.clientId,
    client_secret: WEB_CLIENT.clientSecret,
    redirect_uri: WEB_CLIENT.redirectUris[0]!,
    code,
    ...extra,
  });
}

/** A full web connection for a user: returns its access and refresh tokens. */
async function connect(o: AuthorizeOptions & { user?: string } = {}) {
  const { json } = await exchange(await grantCode(o));
  return { accessToken: json.access_token as string, refreshToken: json.refresh_token as string };
}

function refresh(refreshToken: string, client: { clientId: string; clientSecret: string } = WEB_CLIENT) {
  return tokenRequest({ grant_type: 'refresh_token', client_id: client.clientId, client_secret: client.clientSecret, refresh_token: refreshToken });
}

const auth = (token: string) => accounts.authenticate(`Zoho-oauthtoken ${token}`);
const authCode = (token: string) => {
  const r = auth(token);
  return r.ok ? 'OK' : r.code;
};

// ---- consent page -----------------------------------------------------------------------------------------

describe('GET /oauth/v2/auth', () => {
  it('shows a consent form carrying the request, a user picker and Accept/Deny buttons', async () => {
    const { status, html } = await consentPage({ state: 'st"<&>1' });
    expect(status).toBe(200);
    expect(html).toContain('<form method="POST" action="/oauth/v2/auth/consent">');
    const hidden = Object.fromEntries(
      [...html.matchAll(/<input type="hidden" name="([a-z_]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
    );
    expect(hidden).toEqual({
      client_id: WEB_CLIENT.clientId,
      redirect_uri: WEB_CLIENT.redirectUris[0],
      scope: 'ZohoCRM.modules.ALL,ZohoCRM.settings.ALL',
      state: 'st&#34;&#60;&#38;&#62;1',
      access_type: 'offline',
      prompt: 'consent',
      response_type: 'code',
    });
    expect(html).toContain('<select id="user" name="user">');
    for (const u of USERS) expect(html).toContain(`<option value="${u.email}">`);
    expect(html).toContain('<button type="submit" name="decision" value="accept">');
    expect(html).toContain('<button type="submit" name="decision" value="deny">');
    expect(html).toContain('Web App');
  });

  it.each<[string, AuthorizeOptions, string]>([
    ['an unknown client', { client: '1000.NOPE' }, 'Invalid Client'],
    ['an unregistered redirect URI', { redirectUri: 'https://evil.example/cb' }, 'Invalid Redirect Uri'],
    ['a loopback redirect for a client that does not allow loopback', { redirectUri: 'http://127.0.0.1:8123/cb' }, 'Invalid Redirect Uri'],
    ['a response type other than code', { responseType: 'token' }, 'Invalid Response Type'],
    ['an unknown scope', { scope: 'ZohoCRM.modules.ALL,ZohoCRM.secrets.READ' }, 'Invalid OAuth Scope'],
    ['no scope', { scope: '' }, 'Invalid OAuth Scope'],
  ])('refuses %s with an error page (400)', async (_name, options, title) => {
    const { status, html } = await consentPage(options);
    expect(status).toBe(400);
    expect(html).toContain(`<h1>${title}</h1>`);
    expect(html).not.toContain('<form');
  });

  it.each([
    ['http://127.0.0.1:53117/callback', 200],
    ['http://localhost:4000/any/path?x=1', 200],
    ['http://127.0.0.1/callback', 200],
    ['http://127.0.0.1.evil.example:8000/callback', 400],
    ['https://127.0.0.1:8000/callback', 400],
    ['http://user@127.0.0.1:8000/callback', 400],
  ])('a loopback client may use %s: %s', async (redirectUri, expected) => {
    const { status } = await consentPage({ client: accounts.demo().clientId, redirectUri });
    expect(status).toBe(expected);
  });
});

// ---- consent decision ---------------------------------------------------------------------------------------

describe('POST /oauth/v2/auth/consent', () => {
  it('Accept redirects with a code, location, accounts-server and the state', async () => {
    const { status, location } = await decide('accept', { state: 'xyz 123' });
    expect(status).toBe(302);
    expect(`${location!.origin}${location!.pathname}`).toBe(WEB_CLIENT.redirectUris[0]);
    expect([...location!.searchParams.keys()]).toEqual(['code', 'location', 'accounts-server', 'state']);
    expect(TOKEN_SHAPE.test(location!.searchParams.get('code')!)).toBe(true);
    expect(location!.searchParams.get('location')).toBe('us');
    expect(location!.searchParams.get('accounts-server')).toBe(base);
    expect(location!.searchParams.get('state')).toBe('xyz 123');
  });

  it('Accept without state sends no state', async () => {
    const { location } = await decide('accept');
    expect(location!.searchParams.has('state')).toBe(false);
  });

  it('keeps a query the redirect URI already has', async () => {
    const { location } = await decide('accept', { client: accounts.demo().clientId, redirectUri: 'http://127.0.0.1:9000/cb?session=7' });
    expect(location!.searchParams.get('session')).toBe('7');
    expect(location!.searchParams.has('code')).toBe(true);
  });

  it('Deny redirects with error=access_denied and the state, and no code', async () => {
    const { status, location } = await decide('deny', { state: 's1' });
    expect(status).toBe(302);
    expect(Object.fromEntries(location!.searchParams)).toEqual({ error: 'access_denied', state: 's1' });
  });

  it('checks the request again: a tampered redirect URI gets an error page, not a redirect', async () => {
    const { status, location, body } = await decide('accept', { redirectUri: 'https://evil.example/steal' });
    expect(status).toBe(400);
    expect(location).toBeNull();
    expect(body).toContain('Invalid Redirect Uri');
  });

  it.each([
    ['an unknown user', { user: 'mallory@elsewhere.example' }, 'accept', 'Unknown User'],
    ['a missing decision', {}, '', 'Invalid Request'],
  ])('refuses %s', async (_name, options, decision, title) => {
    const { status, body } = await decide(decision, options);
    expect(status).toBe(400);
    expect(body).toContain(title);
  });

  it('signs in the chosen user, case-insensitively', async () => {
    const { accessToken } = await connect({ user: 'BEN@Sandbox.Example' });
    const result = auth(accessToken);
    expect(result.ok && result.user.email).toBe('ben@sandbox.example');
  });
});

// ---- code exchange ------------------------------------------------------------------------------------------

describe('POST /oauth/v2/token, grant_type=authorization_code', () => {
  it('exchanges a code for Zoho-shaped tokens with the sandbox as api_domain', async () => {
    const { status, json } = await exchange(await grantCode({ scope: 'ZohoCRM.modules.leads.READ,ZohoCRM.coql.READ' }));
    expect(status).toBe(200);
    expect(Object.keys(json)).toEqual(['access_token', 'refresh_token', 'scope', 'api_domain', 'token_type', 'expires_in']);
    expect(TOKEN_SHAPE.test(json.access_token as string)).toBe(true);
    expect(TOKEN_SHAPE.test(json.refresh_token as string)).toBe(true);
    expect(json).toMatchObject({
      scope: 'ZohoCRM.modules.leads.READ ZohoCRM.coql.READ',
      api_domain: base,
      token_type: 'Bearer',
      expires_in: 3600,
    });
    const result = auth(json.access_token as string);
    expect(result.ok && { user: result.user.zuid, scopes: result.scopes }).toEqual({
      user: USERS[1]!.zuid,
      scopes: ['ZohoCRM.modules.leads.READ', 'ZohoCRM.coql.READ'],
    });
  });

  it('accepts the parameters as a query string and as multipart form data', async () => {
    for (const as of ['query', 'multipart'] as const) {
      const { json } = await tokenRequest(
        {
          grant_type: 'authorization_code',
          client_id: WEB_CLIENT.clientId,
          client_secret: WEB_CLIENT.clientSecret,
          redirect_uri: WEB_CLIENT.redirectUris[0]!,
          code: await grantCode(),
        },
        as,
      );
      expect(json.error).toBeUndefined();
      expect(authCode(json.access_token as string)).toBe('OK');
    }
  });

  it('a code works once', async () => {
    const code = await grantCode();
    expect((await exchange(code)).json.error).toBeUndefined();
    expect(await exchange(code)).toEqual({ status: 200, json: { error: 'invalid_code' } });
  });

  it('a code expires after grantCodeTtlSec (3 minutes by default)', async () => {
    const fresh = await grantCode();
    const stale = await grantCode();
    clock += minutes(3) - 1;
    expect((await exchange(fresh)).json.error).toBeUndefined();
    clock += 1;
    expect((await exchange(stale)).json).toEqual({ error: 'invalid_code' });
  });

  it('the redirect URI must repeat the authorize request’s; a refused attempt leaves the code usable', async () => {
    const code = await grantCode();
    expect((await exchange(code, { redirect_uri: 'https://app.example/other' })).json).toEqual({ error: 'invalid_redirect_uri' });
    const missing = await tokenRequest({ grant_type: 'authorization_code', client_id: WEB_CLIENT.clientId, client_secret: WEB_CLIENT.clientSecret, code });
    expect(missing.json).toEqual({ error: 'invalid_redirect_uri' });
    expect((await exchange(code)).json.error).toBeUndefined();
  });

  it.each<[string, Record<string, string>, string]>([
    ['an unknown client', { client_id: '1000.NOPE' }, 'invalid_client'],
    ['a wrong client secret', { client_secret: 'wrong' }, 'invalid_client_secret'],
    ['a code of another client', { client_id: '1000.OTHER', client_secret: 'other-secret' }, 'invalid_code'],
    ['a made-up code', { code: '1000.00000000000000000000000000000000.00000000000000000000000000000000' }, 'invalid_code'],
    ['an unsupported grant type', { grant_type: 'password' }, 'unsupported_grant_type'],
  ])('refuses %s with HTTP 200 and {"error": "%s"}', async (_name, override, error) => {
    accounts.registerClient({ ...WEB_CLIENT, clientId: '1000.OTHER', clientSecret: 'other-secret' });
    expect(await exchange(await grantCode(), override)).toEqual({ status: 200, json: { error } });
  });

  it('access_type=online gives no refresh token', async () => {
    const { json } = await exchange(await grantCode({ accessType: 'online' }));
    expect(json.refresh_token).toBeUndefined();
    expect(authCode(json.access_token as string)).toBe('OK');
  });

  it('gives a refresh token on first consent only, unless prompt=consent forces a new one', async () => {
    expect((await exchange(await grantCode({ prompt: '' }))).json.refresh_token).toBeDefined();
    expect((await exchange(await grantCode({ prompt: '' }))).json.refresh_token).toBeUndefined();
    expect((await exchange(await grantCode({ prompt: 'consent' }))).json.refresh_token).toBeDefined();
  });
});

// ---- self client --------------------------------------------------------------------------------------------

describe('self-client codes', () => {
  it('exchange without redirect_uri, once, and always give a refresh token', async () => {
    const demo = accounts.demo();
    const code = accounts.createSelfClientCode(['ZohoCRM.modules.ALL', 'ZohoCRM.users.READ'], 'ben@sandbox.example');
    const fields = { grant_type: 'authorization_code', client_id: demo.clientId, client_secret: demo.clientSecret, code };
    const { json } = await tokenRequest(fields, 'query');
    expect(json).toMatchObject({ scope: 'ZohoCRM.modules.ALL ZohoCRM.users.READ', token_type: 'Bearer', api_domain: base });
    expect(TOKEN_SHAPE.test(json.refresh_token as string)).toBe(true);
    const result = auth(json.access_token as string);
    expect(result.ok && result.user.email).toBe('ben@sandbox.example');
    expect((await tokenRequest(fields)).json).toEqual({ error: 'invalid_code' });
  });

  it('expire like other codes and default to the first user', async () => {
    const demo = accounts.demo();
    const code = accounts.createSelfClientCode(['ZohoCRM.modules.ALL']);
    clock += minutes(3);
    const late = await tokenRequest({ grant_type: 'authorization_code', client_id: demo.clientId, client_secret: demo.clientSecret, code });
    expect(late.json).toEqual({ error: 'invalid_code' });
    const fresh = accounts.createSelfClientCode(['ZohoCRM.modules.ALL']);
    const { json } = await tokenRequest({ grant_type: 'authorization_code', client_id: demo.clientId, client_secret: demo.clientSecret, code: fresh });
    const result = auth(json.access_token as string);
    expect(result.ok && result.user.email).toBe(USERS[0]!.email);
  });

  it.each<[string, () => unknown, string]>([
    ['an unknown scope', () => accounts.createSelfClientCode(['ZohoCRM.nope.ALL']), 'SANDBOX_SCOPE_INVALID'],
    ['no scope', () => accounts.createSelfClientCode([]), 'SANDBOX_SCOPE_INVALID'],
    ['an unknown user', () => accounts.createSelfClientCode(['ZohoCRM.modules.ALL'], 'x@y.example'), 'SANDBOX_USER_UNKNOWN'],
    ['an unknown client', () => accounts.createSelfClientCode(['ZohoCRM.modules.ALL'], undefined, '1000.NOPE'), 'SANDBOX_CLIENT_UNKNOWN'],
  ])('refuse %s', (_name, make, code) => {
    expect(make).toThrow(expect.objectContaining({ code }));
  });
});

// ---- refresh, expiry and Zoho's limits ----------------------------------------------------------------------

describe('POST /oauth/v2/token, grant_type=refresh_token', () => {
  it('mints a new access token without a new refresh token; earlier access tokens stay valid', async () => {
    const first = await connect();
    const { status, json } = await refresh(first.refreshToken);
    expect(status).toBe(200);
    expect(Object.keys(json)).toEqual(['access_token', 'scope', 'api_domain', 'token_type', 'expires_in']);
    expect(json).toMatchObject({ scope: 'ZohoCRM.modules.ALL ZohoCRM.settings.ALL', api_domain: base, token_type: 'Bearer', expires_in: 3600 });
    expect(json.access_token).not.toBe(first.accessToken);
    expect([authCode(first.accessToken), authCode(json.access_token as string)]).toEqual(['OK', 'OK']);
  });

  it('refuses a refresh token of another client, a wrong secret and an unknown token', async () => {
    const { refreshToken } = await connect();
    const demo = accounts.demo();
    expect((await refresh(refreshToken, demo)).json).toEqual({ error: 'invalid_code' });
    expect((await refresh(refreshToken, { ...WEB_CLIENT, clientSecret: 'nope' })).json).toEqual({ error: 'invalid_client_secret' });
    expect((await refresh('1000.aaaa.bbbb')).json).toEqual({ error: 'invalid_code' });
  });

  it('access tokens expire after accessTokenTtlSec', async () => {
    const { accessToken, refreshToken } = await connect();
    clock += 3600_000 - 1;
    expect(authCode(accessToken)).toBe('OK');
    clock += 1;
    expect(authCode(accessToken)).toBe('INVALID_TOKEN');

    accounts.setConfig({ accessTokenTtlSec: 60 });
    const { json } = await refresh(refreshToken);
    expect(json.expires_in).toBe(60);
    clock += 60_000;
    expect(authCode(json.access_token as string)).toBe('INVALID_TOKEN');
  });

  it('allows 10 refreshes per refresh token per rolling 10 minutes, then answers Access Denied (HTTP 400)', async () => {
    const { refreshToken } = await connect();
    for (let i = 0; i < 5; i++) expect((await refresh(refreshToken)).status).toBe(200);
    clock += minutes(5);
    for (let i = 0; i < 5; i++) expect((await refresh(refreshToken)).json.error).toBeUndefined();
    expect(await refresh(refreshToken)).toEqual({
      status: 400,
      json: {
        error_description: 'You have made too many requests continuously. Please try again after some time.',
        error: 'Access Denied',
        status: 'failure',
      },
    });
    clock += minutes(5); // the first five leave the window
    for (let i = 0; i < 5; i++) expect((await refresh(refreshToken)).json.error).toBeUndefined();
    expect((await refresh(refreshToken)).status).toBe(400);
  });

  it('the limit is per refresh token', async () => {
    const a = await connect({ user: USERS[0]!.email });
    const b = await connect({ user: USERS[1]!.email });
    for (let i = 0; i < 10; i++) await refresh(a.refreshToken);
    expect((await refresh(a.refreshToken)).status).toBe(400);
    expect((await refresh(b.refreshToken)).status).toBe(200);
  });

  it('keeps the 15 newest access tokens of a refresh token valid', async () => {
    accounts.setConfig({ accessTokensPer10Min: 100 });
    const demo = accounts.demo();
    const tokens: string[] = [];
    for (let i = 0; i < 16; i++) tokens.push((await refresh(demo.refreshToken, demo)).json.access_token as string);
    expect(tokens.map(authCode)).toEqual(['INVALID_TOKEN', ...Array(15).fill('OK')]);
  });
});

describe('refresh-token cap per user', () => {
  it('with a cap of 1, a second connection of the same user kills the first (the seed’s warning)', async () => {
    accounts.setConfig({ refreshTokenCapPerUser: 1 });
    const older = await connect({ user: USERS[1]!.email });
    const newer = await connect({ user: USERS[1]!.email });
    expect((await refresh(older.refreshToken)).json).toEqual({ error: 'invalid_code' });
    expect(authCode(older.accessToken)).toBe('INVALID_TOKEN');
    expect((await refresh(newer.refreshToken)).status).toBe(200);
    // Other users are unaffected.
    const demo = accounts.demo();
    expect((await refresh(demo.refreshToken, demo)).status).toBe(200);
  });

  it('by default the 21st refresh token of a user pushes out the oldest only', async () => {
    const connections: { refreshToken: string }[] = [];
    for (let i = 0; i < 21; i++) connections.push(await connect({ user: USERS[1]!.email }));
    expect((await refresh(connections[0]!.refreshToken)).json).toEqual({ error: 'invalid_code' });
    expect((await refresh(connections[1]!.refreshToken)).status).toBe(200);
    expect((await refresh(connections[20]!.refreshToken)).status).toBe(200);
  });
});

// ---- revoke -------------------------------------------------------------------------------------------------

describe('POST /oauth/v2/token/revoke', () => {
  it('revokes a refresh token (query string) and every access token minted from it', async () => {
    const { accessToken, refreshToken } = await connect();
    const minted = (await refresh(refreshToken)).json.access_token as string;
    const res = await fetch(`${base}/oauth/v2/token/revoke?token=${encodeURIComponent(refreshToken)}`, { method: 'POST' });
    expect([res.status, await res.json()]).toEqual([200, { status: 'success' }]);
    expect((await refresh(refreshToken)).json).toEqual({ error: 'invalid_code' });
    expect([authCode(accessToken), authCode(minted)]).toEqual(['INVALID_TOKEN', 'INVALID_TOKEN']);
  });

  it('takes the token as a form field too, and answers success for an unknown token', async () => {
    const { refreshToken } = await connect();
    for (const token of [refreshToken, '1000.unknown.token']) {
      const res = await fetch(`${base}/oauth/v2/token/revoke`, { method: 'POST', body: new URLSearchParams({ token }) });
      expect(await res.json()).toEqual({ status: 'success' });
    }
    expect((await refresh(refreshToken)).json).toEqual({ error: 'invalid_code' });
  });

  it('answers 400 invalid_request without a token', async () => {
    const res = await fetch(`${base}/oauth/v2/token/revoke`, { method: 'POST' });
    expect([res.status, await res.json()]).toEqual([400, { error: 'invalid_request' }]);
  });
});

// ---- authenticate -------------------------------------------------------------------------------------------

describe('authenticate', () => {
  it.each([
    [undefined, 'AUTHENTICATION_FAILURE', 'Authentication failed'],
    ['', 'AUTHENTICATION_FAILURE', 'Authentication failed'],
    ['Bearer 1000.abc.def', 'AUTHENTICATION_FAILURE', 'Authentication failed'],
    ['Zoho-oauthtoken', 'AUTHENTICATION_FAILURE', 'Authentication failed'],
    ['Zoho-oauthtoken 1000.abc.def', 'INVALID_TOKEN', 'invalid oauth token'],
  ])('%j → %s', (header, code, message) => {
    expect(accounts.authenticate(header)).toEqual({ ok: false, status: 401, code, message });
  });

  it('accepts a live token and returns its user and scopes', async () => {
    const { accessToken } = await connect({ user: USERS[0]!.email });
    expect(accounts.authenticate(`Zoho-oauthtoken ${accessToken}`)).toEqual({
      ok: true,
      user: USERS[0],
      scopes: ['ZohoCRM.modules.ALL', 'ZohoCRM.settings.ALL'],
      accessToken,
    });
  });
});

// ---- demo, bookkeeping, state -------------------------------------------------------------------------------

describe('demo client and bookkeeping', () => {
  it('has a demo client with a random secret and a ready refresh token of the first user', async () => {
    const demo = accounts.demo();
    expect(demo.clientId).toBe('1000.SANDBOXDEMOCLIENT');
    expect(/^[0-9a-f]{42}$/.test(demo.clientSecret)).toBe(true);
    const other = createAccounts({ publicUrl: () => base, users: USERS });
    expect(other.demo().clientSecret === demo.clientSecret).toBe(false);
    expect(demo.user).toEqual(USERS[0]);
    const { json } = await refresh(demo.refreshToken, demo);
    expect(json.scope).toBe(DEMO_SCOPES.join(' '));
    const result = auth(json.access_token as string);
    expect(result.ok && result.user.email).toBe(USERS[0]!.email);
  });

  it('lists every secret it issued', async () => {
    const demo = accounts.demo();
    const code = await grantCode();
    const { json } = await exchange(code);
    const secrets = new Set(accounts.issuedSecrets());
    for (const s of [demo.clientSecret, demo.refreshToken, WEB_CLIENT.clientSecret, code, json.access_token, json.refresh_token]) {
      expect(secrets.has(s as string)).toBe(true);
    }
  });

  it('counts token requests by grant type, and the refused ones', async () => {
    const { refreshToken } = await connect();
    await refresh(refreshToken);
    await refresh('1000.x.y');
    await tokenRequest({ grant_type: 'client_credentials' });
    await tokenRequest({});
    expect(accounts.stats()).toEqual({
      tokenRequests: 5,
      byGrantType: { authorization_code: 1, refresh_token: 2, other: 2 },
      refused: 3,
    });
    accounts.resetStats();
    expect(accounts.stats()).toEqual({ tokenRequests: 0, byGrantType: {}, refused: 0 });
  });

  it('snapshot() survives JSON and restore() brings back clients and live tokens', async () => {
    const demo = accounts.demo();
    const conn = await connect();
    const saved = JSON.parse(JSON.stringify(accounts.snapshot())) as unknown;

    const restored = createAccounts({ publicUrl: () => base, users: USERS, now: () => clock });
    restored.restore(saved);
    accounts = restored;
    expect(accounts.demo()).toEqual(demo);
    expect(authCode(conn.accessToken)).toBe('OK');
    expect((await refresh(conn.refreshToken)).status).toBe(200);
    expect((await refresh(demo.refreshToken, demo)).status).toBe(200);
    expect(new Set(accounts.issuedSecrets()).has(conn.refreshToken)).toBe(true);
  });

  it('restore() drops tokens that expired meanwhile and refuses a broken snapshot', async () => {
    const conn = await connect();
    const saved = accounts.snapshot();
    clock += 3600_000;
    accounts.restore(saved);
    expect(authCode(conn.accessToken)).toBe('INVALID_TOKEN');
    expect(() => accounts.restore({ version: 1 })).toThrow(expect.objectContaining({ code: 'SANDBOX_STATE_INVALID' }));
  });

  it('reset() keeps only the demo client, its refresh token live again with a fresh rate window', async () => {
    const demo = accounts.demo();
    const conn = await connect();
    for (let i = 0; i < 10; i++) await refresh(demo.refreshToken, demo);
    await fetch(`${base}/oauth/v2/token/revoke?token=${encodeURIComponent(demo.refreshToken)}`, { method: 'POST' });
    accounts.reset();
    expect(accounts.demo()).toEqual(demo);
    expect((await refresh(demo.refreshToken, demo)).status).toBe(200);
    expect(authCode(conn.accessToken)).toBe('INVALID_TOKEN');
    expect((await refresh(conn.refreshToken)).json).toEqual({ error: 'invalid_client' });
  });

  it('validates configuration changes', () => {
    expect(() => accounts.setConfig({ refreshTokenCapPerUser: 0 })).toThrow(expect.objectContaining({ code: 'SANDBOX_CONFIG_INVALID' }));
    expect(() => accounts.setConfig({ accessTokensPer10Min: 2.5 })).toThrow(expect.objectContaining({ code: 'SANDBOX_CONFIG_INVALID' }));
    expect(accounts.config).toEqual({ accessTokenTtlSec: 3600, refreshTokenCapPerUser: 20, accessTokensPer10Min: 10, grantCodeTtlSec: 180 });
    accounts.setConfig({ grantCodeTtlSec: 600 });
    expect(accounts.config.grantCodeTtlSec).toBe(600);
  });
});

describe('routing', () => {
  it('leaves other paths to the server and answers unknown Accounts paths and wrong methods', async () => {
    expect((await fetch(`${base}/crm/v8/Leads`)).status).toBe(418);
    expect((await fetch(`${base}/oauth/v2/nothing`)).status).toBe(404);
    const get = await fetch(`${base}/oauth/v2/token`);
    expect([get.status, get.headers.get('allow'), await get.json()]).toEqual([405, 'POST', { error: 'invalid_request' }]);
    expect((await fetch(`${base}/oauth/v2/auth`, { method: 'POST' })).status).toBe(405);
  });
});
