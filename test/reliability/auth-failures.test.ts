// Authentication failures through the CLI: a revoked refresh token, the seed's refresh-token cap of 1 with two
// connections of one Zoho user, the 10-tokens-per-10-minutes cap (used up by this connection, or by others
// Zoho counts), and clock skew. Each ends in an exit code and a plain explanation, and the sandbox's count of
// token requests shows there is no loop of them.
import { FileCredentialStore } from '../../runtime/credentials/file-store';
import type { Connection } from '../../runtime/types';
import { findLeaks, filesUnder } from '../support/reliability-capture';
import { recordFigures } from '../support/reliability-figures';
import { CONNECTION_SCOPES, sandboxConnection, startWorld, type World } from '../support/reliability-world';

// Waits after Zoho refuses a token (15 s, doubling, within 90 s) are cut to a hundredth; the 90 s bound is measured
// on the real clock, so one more try fits in than with real waits (4 instead of 3).
jest.mock('../../connector/sleep', () => {
  const actual = jest.requireActual<typeof import('../../connector/sleep')>('../../connector/sleep');
  return { ...actual, sleep: (ms: number, signal?: AbortSignal) => actual.sleep(ms / 100, signal) };
});

const LIST = ['run', 'list-records', '--input', JSON.stringify({ module: 'Leads', limit: 1, fields: ['Last_Name'] })];
const figures: Record<string, string> = {};
const worlds: World[] = [];

afterAll(async () => {
  // Nothing any scenario printed or wrote held a token or secret its sandbox issued.
  let leaks = 0;
  for (const w of worlds) {
    leaks += findLeaks(w.sandbox.issuedSecrets(), [{ label: 'output', text: w.capture.text() }, ...filesUnder(w.home).map((f) => ({ label: f.path, text: f.text }))]).occurrences;
    await w.close();
  }
  expect(leaks).toBe(0);
  recordFigures('7 auth failures', 'through the CLI, token requests counted by the sandbox', { ...figures, 'secrets found in output and files': leaks });
});

async function world(label: string, config: Record<string, number> = {}): Promise<World> {
  const w = await startWorld({ label, sandbox: { seed: 7, config } });
  worlds.push(w);
  return w;
}

/** A connection with a refresh token of its own (Zoho's self-client flow), so each scenario has its own token window. */
async function ownConnection(w: World, nickname: string, userEmail?: string): Promise<Connection> {
  const code = w.sandbox.selfClientCode(CONNECTION_SCOPES, userEmail);
  const res = await fetch(`${w.sandbox.url}/oauth/v2/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: w.sandbox.clientId, client_secret: w.sandbox.clientSecret }),
  });
  const token = (await res.json()) as { refresh_token: string };
  const connection = sandboxConnection(w.sandbox, nickname, token.refresh_token);
  await w.store.put(connection);
  return connection;
}

/** What one CLI command cost at the sandbox: its exit code, output, token requests and CRM calls. */
async function measured(w: World, argv: string[]) {
  const before = w.sandbox.stats();
  const run = await w.cli(argv);
  const after = w.sandbox.stats();
  return { ...run, tokenRequests: after.tokenRequests.tokenRequests - before.tokenRequests.tokenRequests, crmCalls: after.requests - before.requests - (after.tokenRequests.tokenRequests - before.tokenRequests.tokenRequests) };
}

test('a revoked refresh token: exit 3, says so in plain words and how to fix it, one token request', async () => {
  const w = await world('revoked');
  const connection = await ownConnection(w, 'revoked');
  expect((await measured(w, [...LIST, '--connection', 'revoked'])).code).toBe(0);
  await fetch(`${w.sandbox.url}/oauth/v2/token/revoke?token=${encodeURIComponent(connection.secrets.refreshToken!)}`, { method: 'POST' });

  const first = await measured(w, [...LIST, '--connection', 'revoked']);
  expect(first.code).toBe(3);
  expect(first.stderr).toMatch(/no longer accepts the refresh token of connection "revoked": the token was revoked or pushed out/);
  expect(first.stderr).toMatch(/hint: Run `zcrm connect revoked` again/);
  expect(first.tokenRequests).toBe(1);
  const again = await measured(w, [...LIST, '--connection', 'revoked']);
  expect(again.code).toBe(3);
  expect(again.tokenRequests).toBeLessThanOrEqual(1);
  expect((await measured(w, ['connections'])).stdout).toMatch(/revoked/);
  figures['revoked refresh token: exit code, token requests (first run / next run)'] = `${first.code}, ${first.tokenRequests} / ${again.tokenRequests}`;
});

test("the seed's case: refresh-token cap of 1, two connections of one user: the first one fails with exit 3 naming the second", async () => {
  const w = await world('cap-one', { refreshTokenCapPerUser: 1 });
  const a = await measured(w, ['connect', 'first', '--sandbox', w.sandbox.url, '--no-browser']);
  expect({ code: a.code, err: a.code === 0 ? '' : a.stderr }).toEqual({ code: 0, err: '' });
  const b = await measured(w, ['connect', 'second', '--sandbox', w.sandbox.url, '--no-browser']);
  expect(b.code).toBe(0);
  expect(b.stderr).toMatch(/same Zoho user/i);

  const run = await measured(w, [...LIST, '--connection', 'first']);
  expect(run.code).toBe(3);
  expect(run.stderr).toMatch(/Connection "second" belongs to the same Zoho user/);
  expect(run.stderr).toMatch(/keeps a limited number of refresh tokens per user and drops the oldest/);
  expect(run.stderr).toMatch(/zcrm connect first/);
  expect(run.tokenRequests).toBe(1);
  expect((await measured(w, [...LIST, '--connection', 'second'])).code).toBe(0);
  figures['refresh-token cap 1, two connections of one user: exit code, token requests'] = `${run.code}, ${run.tokenRequests}`;
});

test('the 10-per-10-minutes cap used up by this connection: the 11th refresh fails at once with exit 3, no token request', async () => {
  const w = await world('own-cap');
  await ownConnection(w, 'busy');
  let minted = 0;
  for (let i = 0; i < 10; i++) {
    // Zoho's clock moves past the token's hour, so every run is refused once and refreshes.
    w.sandbox.advanceClock(3_601_000);
    const run = await measured(w, [...LIST, '--connection', 'busy']);
    expect(run.code).toBe(0);
    minted += run.tokenRequests;
  }
  expect(minted).toBe(10);
  w.sandbox.advanceClock(3_601_000);
  const capped = await measured(w, [...LIST, '--connection', 'busy']);
  expect(capped.code).toBe(3);
  expect(capped.stderr).toMatch(/allows 10 access tokens per refresh token per 10 minutes, and they are used up/);
  expect(capped.tokenRequests).toBe(0);
  figures['cap used up by this connection: exit code, token requests of the 11th run'] = `${capped.code}, ${capped.tokenRequests}`;
});

test('the cap used up elsewhere (Zoho refuses): a few spaced tries, then exit 3 with the explanation', async () => {
  const w = await world('zoho-cap');
  const connection = await ownConnection(w, 'shared');
  // Another app on the same refresh token takes all 10 tokens of the window; this connection cannot see them.
  for (let i = 0; i < 10; i++) {
    const res = await fetch(`${w.sandbox.url}/oauth/v2/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: connection.secrets.refreshToken!, client_id: w.sandbox.clientId, client_secret: w.sandbox.clientSecret }),
    });
    expect(((await res.json()) as { access_token?: string }).access_token).toBeDefined();
  }
  const run = await measured(w, [...LIST, '--connection', 'shared']);
  expect(run.code).toBe(3);
  expect(run.stderr).toMatch(/allows 10 access tokens per refresh token per 10 minutes/);
  // 15 s, 30 s, 60 s apart: the doubling wait ends the tries well before the 90 s bound is passed.
  expect(run.tokenRequests).toBeGreaterThanOrEqual(2);
  expect(run.tokenRequests).toBeLessThanOrEqual(4);
  expect(run.crmCalls).toBe(0);
  figures['cap used up elsewhere (Zoho refuses; waits 15 s, 30 s, 60 s cut to a hundredth, 3 requests in real time): exit code, token requests'] = `${run.code}, ${run.tokenRequests}`;
});

test("clock skew: Zoho's clock 2 hours ahead costs one refresh and works; mint times from a clock that ran ahead do not block refreshing", async () => {
  const w = await world('skew');
  await ownConnection(w, 'skewed');
  expect((await measured(w, [...LIST, '--connection', 'skewed'])).code).toBe(0);
  w.sandbox.advanceClock(2 * 3_600_000);
  const ahead = await measured(w, [...LIST, '--connection', 'skewed']);
  expect({ code: ahead.code, tokenRequests: ahead.tokenRequests, crmCalls: ahead.crmCalls }).toEqual({ code: 0, tokenRequests: 1, crmCalls: 2 });
  expect((await measured(w, [...LIST, '--connection', 'skewed'])).tokenRequests).toBe(0);

  // The store was last written while this machine's clock ran an hour ahead (then NTP set it back): ten mint
  // times "in the future" and an expiry that has not come. Zoho's window knows nothing of them.
  const store = new FileCredentialStore({ dir: w.home });
  const future = Date.now() + 3_600_000;
  await store.update('skewed', (c) => ({
    ...c,
    settings: { ...c.settings, tokenMints: Array.from({ length: 10 }, (_, i) => future - i * 1000), accessTokenExpiresAt: new Date(Date.now() - 1000).toISOString() },
  }));
  const back = await measured(w, [...LIST, '--connection', 'skewed']);
  expect({ code: back.code, tokenRequests: back.tokenRequests, err: back.code === 0 ? '' : back.stderr.slice(0, 400) }).toEqual({ code: 0, tokenRequests: 1, err: '' });
  figures["clock skew, Zoho 2 h ahead: exit code, token requests, CRM calls"] = `${ahead.code}, ${ahead.tokenRequests}, ${ahead.crmCalls}`;
  figures['clock skew, mint times 1 h in the future: exit code, token requests'] = `${back.code}, ${back.tokenRequests}`;
});
