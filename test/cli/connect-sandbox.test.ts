import { rmSync } from 'node:fs';
import { destroySharedAgents } from '../../connector/http-agents';
import { startSandbox } from '../../sandbox';
import { cli, tempHome } from '../support/cli-io';

describe('zcrm connect --sandbox <url> to a sandbox the CLI did not start', () => {
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  let home: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    sandbox = await startSandbox();
    home = tempHome();
    env = { ZCRM_HOME: home, ZCRM_SECRET: 'connect-sandbox-test-secret' };
  });
  afterAll(async () => {
    destroySharedAgents();
    await sandbox.close();
    rmSync(home, { recursive: true, force: true });
  });

  test('connects with no client id or secret, records the Zoho user, and the connection works', async () => {
    const connect = await cli(['connect', 'demo', '--sandbox', sandbox.url], { env });
    expect(connect.stderr).not.toMatch(/^error:/m);
    expect(connect.code).toBe(0);

    const list = await cli(['connections', '--json'], { env });
    expect(list.code).toBe(0);
    const connections = JSON.parse(list.stdout) as unknown[];
    expect(connections).toEqual([expect.objectContaining({ nickname: 'demo', user: expect.objectContaining({ email: sandbox.user.email }), health: expect.objectContaining({ status: 'ok' }) })]);

    const check = await cli(['connections', 'test', 'demo'], { env });
    expect(check.code).toBe(0);

    const everything = connect.stdout + connect.stderr + list.stdout + check.stdout + check.stderr;
    for (const secret of sandbox.issuedSecrets()) expect(everything).not.toContain(secret);
  });
});
