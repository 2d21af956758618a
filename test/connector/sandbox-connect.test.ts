// Making connections against the real sandbox: the full OAuth dance through its consent page, the self-client
// flow, refresh and revoke, the two-connections-one-user warning and its plain-words failure, and Zoho's cap of
// 10 access tokens per 10 minutes respected with a shared clock.
import { MemoryCredentialStore } from '../../runtime/credentials/memory-store';
import { exitCodeFor } from '../../runtime/errors';
import type { CredentialStore } from '../../runtime/types';
import { createZohoClient } from '../../connector/client-factory';
import { connectWithBrowser, connectWithSelfClient, type ConnectBase } from '../../connector/connect-flow';
import { destroySharedAgents } from '../../connector/http-agents';
import { identify } from '../../connector/identify';
import { TokenClient } from '../../connector/oauth/token-client';
import { endpointsFor } from '../../connector/regions';
import { completeSandboxConsent } from '../../connector/sandbox-connect/consent-bot';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { captureLog, SPEC } from './support/connections';
import { sandboxClient } from './support/sandbox';

afterAll(() => destroySharedAgents());

function base(sb: RunningSandbox, store: CredentialStore, nickname: string, dc = 'us'): ConnectBase {
  const env = { ZOHO_ACCOUNTS_URL: sb.url, ZOHO_API_DOMAIN: sb.url };
  return { nickname, spec: SPEC, store, log: captureLog().log, env, endpoints: endpointsFor(SPEC.auth, dc, env), clientId: sb.clientId, clientSecret: sb.clientSecret, method: 'sandbox' };
}

function viaConsent(sb: RunningSandbox, store: CredentialStore, nickname: string, userEmail?: string, decision?: 'accept' | 'deny') {
  return connectWithBrowser({ ...base(sb, store, nickname), present: (url, redirectUri) => completeSandboxConsent(url, redirectUri, { ...(userEmail ? { userEmail } : {}), ...(decision ? { decision } : {}) }) });
}

function clientFor(store: CredentialStore, connection: Parameters<typeof createZohoClient>[0]['connection']) {
  return createZohoClient({ connection, store, log: captureLog().log, spec: SPEC.auth, sleep: async () => undefined, retry: { baseDelayMs: 1, jitter: 0 } });
}

describe('with one sandbox', () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await startSandbox({ seed: 3 });
  });
  afterAll(() => sb.close());

  test('the full OAuth dance: consent page, code, tokens, user and org recorded; refresh; revoke', async () => {
    const store = new MemoryCredentialStore();
    const result = await viaConsent(sb, store, 'acme');
    expect(result.warnings).toEqual([]);
    expect(result.info).toMatchObject({ nickname: 'acme', region: 'us', apiDomain: sb.url, userEmail: sb.user.email, userName: sb.user.name, userId: sb.user.id });
    expect(result.info.orgId).toBeTruthy();
    const stored = (await store.get('acme'))!;
    expect(stored.settings).toMatchObject({ accountsUrl: sb.url, clientId: sb.clientId, userZuid: sb.user.zuid, method: 'sandbox' });
    expect(stored.secrets.refreshToken).toBeTruthy();
    expect(stored.settings.scopes).toEqual(expect.arrayContaining(['ZohoCRM.modules.ALL', 'ZohoCRM.coql.READ']));
    expect(JSON.stringify(stored.settings)).not.toContain(stored.secrets.refreshToken!);

    // Refresh: the sandbox's clock moves past the token's life; the next call refreshes once and works.
    const client = clientFor(store, stored);
    sb.advanceClock(3601_000);
    sb.resetStats();
    await expect(identify(client)).resolves.toMatchObject({ userEmail: sb.user.email });
    expect(sb.stats().tokenRequests.byGrantType.refresh_token).toBe(1);

    // Revoke (what `zcrm disconnect` does): the refresh token and its access tokens stop working.
    const revokeUrl = endpointsFor(SPEC.auth, 'us', { ZOHO_ACCOUNTS_URL: sb.url }).revokeUrl;
    await expect(new TokenClient().revoke({ revokeUrl, token: stored.secrets.refreshToken!, nickname: 'acme' })).resolves.toEqual({ revoked: true });
    const err = await client.get('/org').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'TOKEN_REVOKED', category: 'auth' });
    expect(exitCodeFor((err as { category: 'auth' }).category)).toBe(3);
  });

  test('a nickname another connector uses is refused before anyone signs in', async () => {
    const now = new Date().toISOString();
    const store = new MemoryCredentialStore([{ nickname: 'echo', connector: 'echo', createdAt: now, updatedAt: now, settings: {}, secrets: {} }]);
    sb.resetStats();
    await expect(viaConsent(sb, store, 'echo')).rejects.toMatchObject({ code: 'NICKNAME_TAKEN', category: 'input' });
    expect(sb.stats().tokenRequests.tokenRequests).toBe(0);
  });

  test('a denied consent stores nothing', async () => {
    const store = new MemoryCredentialStore();
    await expect(viaConsent(sb, store, 'denied', undefined, 'deny')).rejects.toMatchObject({ code: 'CONSENT_DENIED', category: 'auth' });
    expect(await store.list()).toEqual([]);
  });

  test('the self-client flow: a grant code exchanged without a browser; a used code is refused', async () => {
    const store = new MemoryCredentialStore();
    const code = sb.selfClientCode([...SPEC.auth.scopes]);
    const result = await connectWithSelfClient({ ...base(sb, store, 'selfie'), method: 'self-client', code });
    expect(result.info).toMatchObject({ nickname: 'selfie', userEmail: sb.user.email });
    expect((await store.get('selfie'))?.settings.method).toBe('self-client');
    await expect(connectWithSelfClient({ ...base(sb, store, 'again'), method: 'self-client', code })).rejects.toMatchObject({ code: 'GRANT_CODE_INVALID', hint: expect.stringContaining('Generate Code') });
  });

  test('a chosen data centre is kept while the overrides send everything to the sandbox', async () => {
    const store = new MemoryCredentialStore();
    const result = await connectWithBrowser({ ...base(sb, store, 'euro', 'eu'), present: (u, r) => completeSandboxConsent(u, r) });
    expect(result.info).toMatchObject({ region: 'eu', accountsUrl: sb.url, apiDomain: sb.url });
  });

  test('a second connection of the same Zoho user is warned about; another user is not', async () => {
    const store = new MemoryCredentialStore();
    await viaConsent(sb, store, 'first');
    const second = await viaConsent(sb, store, 'second');
    expect(second.sameUser).toEqual(['first']);
    expect(second.warnings[0]).toMatch(/belongs to the same Zoho user \(.+\) as "first"/);
    expect(second.warnings[0]).toMatch(/limits the refresh tokens a user may hold/);
    expect(second.warnings[0]).toMatch(/Consider reusing "first"/);
    const other = await viaConsent(sb, store, 'colleague', 'amelia.burrows@zylker.example');
    expect(other.warnings).toEqual([]);
    expect(other.info.userEmail).toBe('amelia.burrows@zylker.example');
  });

  test('reconnecting a nickname replaces it and revokes the refresh token it replaced', async () => {
    const store = new MemoryCredentialStore();
    await viaConsent(sb, store, 'again');
    const old = (await store.get('again'))!.secrets.refreshToken!;
    const result = await viaConsent(sb, store, 'again');
    expect(result.replaced).toBe(true);
    expect(result.warnings).toEqual([]);
    sb.resetStats();
    const refusal = await new TokenClient().refresh({ refreshUrl: `${sb.url}/oauth/v2/token`, clientId: sb.clientId, clientSecret: sb.clientSecret, refreshToken: old, nickname: 'again' }).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: 'TOKEN_REVOKED' });
  });
});

test('with a cap of one refresh token per user, the older connection fails in plain words naming the newer one', async () => {
  const sb = await startSandbox({ seed: 4, config: { refreshTokenCapPerUser: 1 } });
  try {
    const store = new MemoryCredentialStore();
    await viaConsent(sb, store, 'older');
    const olderClient = clientFor(store, (await store.get('older'))!);
    await olderClient.get('/org');
    const newer = await viaConsent(sb, store, 'newer');
    expect(newer.warnings).toHaveLength(1);

    const err = (await olderClient.get('/org').catch((e: unknown) => e)) as { code: string; category: 'auth'; message: string; hint: string };
    expect(err).toMatchObject({ code: 'TOKEN_REVOKED', category: 'auth' });
    expect(exitCodeFor(err.category)).toBe(3);
    expect(err.message).toMatch(/revoked or pushed out/);
    expect(err.message).toMatch(/another connection of the same Zoho user/);
    expect(err.message).toMatch(/Connection "newer" belongs to the same Zoho user/);
    expect(err.hint).toMatch(/zcrm connect older/);
    expect((await store.get('older'))?.settings.lastAuthError).toMatchObject({ code: 'TOKEN_REVOKED' });
    // The newer one keeps working.
    await expect(clientFor(store, (await store.get('newer'))!).get('/org')).resolves.toBeDefined();
  } finally {
    await sb.close();
  }
});

test("Zoho's cap of 10 access tokens per 10 minutes is respected: the eleventh waits for the window, Zoho refuses none", async () => {
  let t = Date.parse('2025-03-01T10:00:00Z');
  const sb = await startSandbox({ seed: 5, now: () => t, config: { accessTokenTtlSec: 20 } });
  try {
    const waits: number[] = [];
    const { client, logs } = sandboxClient(sb, {
      now: () => t,
      sleep: async (ms) => {
        waits.push(ms);
        t += ms;
      },
      tokens: { maxWaitMs: 15 * 60_000 },
    });
    for (let i = 0; i < 11; i++) {
      await client.get('/org');
      t += 30_000; // past the 20 s token: every call needs a new one
    }
    const tokens = sb.stats().tokenRequests;
    expect(tokens.byGrantType.refresh_token).toBe(11);
    expect(tokens.refused).toBe(0);
    expect(waits).toHaveLength(1);
    expect(logs.lines().some((l) => /allows 10 access tokens per refresh token per 10 minutes/.test(String(l.msg)))).toBe(true);
  } finally {
    await sb.close();
  }
});
