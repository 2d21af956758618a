// One-shot worker commands fail fast with a clear error when Redis cannot be reached, instead of waiting forever.
import { buildConnection } from '../../connector/connection';
import { FileCredentialStore } from '../../runtime/credentials/file-store';
import { cli, tempHome } from '../support/cli-io';

const nowhere = 'redis://127.0.0.1:1';
const secret = 'redis-unreachable-test';

function expectRedisUnreachable(run: { code: number; stderr: string }): void {
  expect(run.code).toBe(3);
  expect(run.stderr).toMatch(/Cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
  expect(run.stderr).toMatch(/redis-server --daemonize yes/);
}

test('zcrm enqueue: exit 3 naming Redis and how to start it', async () => {
  expectRedisUnreachable(await cli(['enqueue', 'get-record', '--input', '{"module":"Leads","id":"1"}', '--redis', nowhere], { env: { ZCRM_HOME: tempHome(), ZCRM_SECRET: secret } }));
}, 20_000);

test('zcrm worker push: exit 3 naming Redis and how to start it', async () => {
  const home = tempHome();
  const settings = { region: 'us', accountsUrl: 'https://accounts.zoho.com', apiDomain: 'https://www.zohoapis.com', clientId: '1000.X', scopes: [] };
  await new FileCredentialStore({ dir: home, secret }).put(buildConnection('zoho-crm', 'demo', settings, { clientSecret: 'client-secret-value', refreshToken: '1000.refresh-token-value' }, new Date()));
  expectRedisUnreachable(await cli(['worker', 'push', 'demo', '--redis', nowhere], { env: { ZCRM_HOME: home, ZCRM_SECRET: secret } }));
}, 20_000);
