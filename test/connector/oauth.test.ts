// The OAuth pieces: the authorize URL, the loopback receiver's state check, and the token client's answers.
import { request } from 'node:http';
import { destroySharedAgents } from '../../connector/http-agents';
import { buildAuthorizeUrl, newState, stateMatches } from '../../connector/oauth/authorize-url';
import { startLoopbackReceiver } from '../../connector/oauth/loopback-receiver';
import { TokenClient } from '../../connector/oauth/token-client';
import { endpointsFor } from '../../connector/regions';
import { secrets } from '../../runtime/secrets';
import { SPEC } from './support/connections';
import { startFakeZoho } from './support/fake-zoho';

afterAll(() => destroySharedAgents());

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    })
      .on('error', reject)
      .end();
  });
}

test('the authorize URL asks for offline access with consent, the manifest scopes and the state', () => {
  const url = new URL(buildAuthorizeUrl(SPEC.auth, endpointsFor(SPEC.auth, 'eu').authorizeUrl, { clientId: '1000.ABC', redirectUri: 'http://127.0.0.1:5555/callback', state: 's1' }));
  expect(url.origin + url.pathname).toBe('https://accounts.zoho.eu/oauth/v2/auth');
  expect(Object.fromEntries(url.searchParams)).toEqual({
    scope: 'ZohoCRM.modules.ALL,ZohoCRM.settings.ALL,ZohoCRM.coql.READ,ZohoCRM.users.READ,ZohoCRM.org.READ,ZohoSearch.securesearch.READ',
    client_id: '1000.ABC',
    response_type: 'code',
    redirect_uri: 'http://127.0.0.1:5555/callback',
    access_type: 'offline',
    prompt: 'consent',
    state: 's1',
  });
});

test('states are random and compared exactly', () => {
  const a = newState();
  expect(a).not.toBe(newState());
  expect(a.length).toBeGreaterThanOrEqual(32);
  expect(stateMatches(a, a)).toBe(true);
  expect(stateMatches(a, `${a}x`)).toBe(false);
  expect(stateMatches(a, null)).toBe(false);
});

test('the loopback receiver ignores answers with a wrong state and takes the right one', async () => {
  const receiver = await startLoopbackReceiver({ state: 'good-state' });
  try {
    expect(receiver.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(await get(`${receiver.redirectUri}?code=forged&state=bad-state`)).toBe(400);
    expect(await get(`${receiver.redirectUri.replace('/callback', '/favicon.ico')}`)).toBe(404);
    expect(await get(`${receiver.redirectUri}?code=1000.grant-code-xyz&state=good-state&location=eu&accounts-server=https%3A%2F%2Faccounts.zoho.eu`)).toBe(200);
    await expect(receiver.result).resolves.toEqual({ code: '1000.grant-code-xyz', location: 'eu', accountsServer: 'https://accounts.zoho.eu' });
    expect(secrets.scrub('code 1000.grant-code-xyz')).not.toContain('1000.grant-code-xyz');
  } finally {
    await receiver.close();
  }
});

test('a denied consent rejects with CONSENT_DENIED', async () => {
  const receiver = await startLoopbackReceiver({ state: 'st' });
  try {
    await get(`${receiver.redirectUri}?error=access_denied&state=st`);
    await expect(receiver.result).rejects.toMatchObject({ code: 'CONSENT_DENIED', category: 'auth' });
  } finally {
    await receiver.close();
  }
});

test('the receiver gives up after its timeout', async () => {
  const receiver = await startLoopbackReceiver({ state: 'st', timeoutMs: 20 });
  try {
    await expect(receiver.result).rejects.toMatchObject({ code: 'CONSENT_TIMEOUT' });
  } finally {
    await receiver.close();
  }
});

describe('token client', () => {
  test.each([
    [{ error: 'invalid_client' }, 'authorization_code', 'INVALID_CLIENT'],
    [{ error: 'invalid_client_secret' }, 'authorization_code', 'INVALID_CLIENT'],
    [{ error: 'invalid_code' }, 'authorization_code', 'GRANT_CODE_INVALID'],
    [{ error: 'invalid_redirect_uri' }, 'authorization_code', 'REDIRECT_URI_MISMATCH'],
    [{ error: 'Access Denied', error_description: 'You have made too many requests continuously.' }, 'refresh_token', 'TOKEN_RATE_LIMITED'],
  ])('Zoho answering %j to %s gives %s', async (body, grant, code) => {
    const fake = await startFakeZoho();
    try {
      fake.tokenAnswer = () => ({ status: 200, body });
      const client = new TokenClient();
      const call = grant === 'authorization_code'
        ? client.exchangeCode({ tokenUrl: `${fake.url}/oauth/v2/token`, clientId: 'c', clientSecret: 'client-secret-xyz', code: 'grant-code-123' })
        : client.refresh({ refreshUrl: `${fake.url}/oauth/v2/token`, clientId: 'c', clientSecret: 'client-secret-xyz', refreshToken: 'refresh-token-123', nickname: 'n' });
      await expect(call).rejects.toMatchObject({ code });
    } finally {
      await fake.close();
    }
  });

  test('a code exchange returns tokens, scopes and api_domain, and registers every secret', async () => {
    const fake = await startFakeZoho();
    try {
      let form: URLSearchParams | undefined;
      fake.tokenAnswer = (f) => {
        form = f;
        return { status: 200, body: { access_token: '1000.access-aaa-bbb', refresh_token: '1000.refresh-ccc-ddd', scope: 'ZohoCRM.modules.ALL ZohoCRM.org.READ', api_domain: 'https://www.zohoapis.eu', token_type: 'Bearer', expires_in: 3600 } };
      };
      const set = await new TokenClient().exchangeCode({ tokenUrl: `${fake.url}/oauth/v2/token`, clientId: 'cid', clientSecret: 'the-client-secret', code: 'the-grant-code' });
      expect(set).toEqual({ accessToken: '1000.access-aaa-bbb', refreshToken: '1000.refresh-ccc-ddd', expiresInSec: 3600, apiDomain: 'https://www.zohoapis.eu', scopes: ['ZohoCRM.modules.ALL', 'ZohoCRM.org.READ'] });
      expect(Object.fromEntries(form!)).toEqual({ grant_type: 'authorization_code', client_id: 'cid', client_secret: 'the-client-secret', code: 'the-grant-code' });
      const scrubbed = secrets.scrub('1000.access-aaa-bbb 1000.refresh-ccc-ddd the-client-secret');
      expect(scrubbed).not.toMatch(/aaa|ccc|the-client-secret/);
    } finally {
      await fake.close();
    }
  });

  test('an unreachable accounts server is a retryable ACCOUNTS_UNREACHABLE that names no secret', async () => {
    const err = await new TokenClient({ timeoutMs: 2000 }).refresh({ refreshUrl: 'http://127.0.0.1:9/oauth/v2/token', clientId: 'c', clientSecret: 'secret-value-999', refreshToken: 'refresh-value-999', nickname: 'n' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ACCOUNTS_UNREACHABLE', retryable: true });
    expect(JSON.stringify(err) + String((err as Error).message)).not.toMatch(/secret-value|refresh-value/);
  });
});
