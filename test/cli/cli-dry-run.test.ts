import { join } from 'node:path';
import { ECHO_FIXTURE } from '../support/broken-manifest';
import { cli } from '../support/cli-io';
import { startSandboxHome, type SandboxHome } from './sandbox-home';

interface DryRunJson {
  ok: boolean;
  dryRun: boolean;
  calls: { method: string; url: string; path: string; query?: Record<string, string>; headers?: Record<string, string>; body?: unknown }[];
  output?: unknown;
}

describe('zcrm run --dry-run against a sandbox it must not touch', () => {
  let sh: SandboxHome;

  beforeAll(async () => {
    sh = await startSandboxHome();
  });
  afterAll(() => sh.close());

  /** Nothing reached the sandbox: no API call, no token request. */
  const expectUntouched = () => {
    expect(sh.sandbox.requests()).toEqual([]);
    expect(sh.sandbox.stats().tokenRequests.tokenRequests).toBe(0);
  };

  test('create-record prints the POST it would send, with its body, and sends nothing (not even a token request)', async () => {
    const input = JSON.stringify({ module: 'Leads', record: { Last_Name: 'Dry', Company: 'Zylker' } });
    const run = await cli(['run', 'create-record', '--input', input, '--dry-run'], { env: sh.env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Dry run of create-record: the input is valid\. Nothing was sent\./);
    expect(run.stdout).toContain(`1. POST ${sh.sandbox.apiDomain}/crm/v8/Leads\n`);
    expect(run.stdout).toContain('body: {"data":[{"Last_Name":"Dry","Company":"Zylker"}]}');
    expectUntouched();
  });

  test('--json gives one line with the calls and no synthetic output', async () => {
    const input = JSON.stringify({ module: 'Leads', fields: ['Last_Name', 'Email'], limit: 10 });
    const run = await cli(['run', 'list-records', '--input', input, '--dry-run', '--json'], { env: sh.env });
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const result = JSON.parse(run.stdout) as DryRunJson;
    expect(result).toMatchObject({ ok: true, dryRun: true });
    expect(result.output).toBeUndefined();
    expect(result.calls).toEqual([expect.objectContaining({ method: 'GET', path: '/crm/v8/Leads', query: expect.objectContaining({ fields: 'Last_Name,Email' }) })]);
    expectUntouched();
  });

  test('a bulk update of 150 records shows the two calls of 100 and 50 it would make', async () => {
    const records = Array.from({ length: 150 }, (_, i) => ({ id: String(5_725_767_000_000_000_000n + BigInt(i)), Description: `row ${i}` }));
    const run = await cli(['run', 'update-records', '--dry-run', '--json'], { env: sh.env, stdin: JSON.stringify({ module: 'Leads', records }) });
    expect(run.code).toBe(0);
    const { calls } = JSON.parse(run.stdout) as DryRunJson;
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['PUT /crm/v8/Leads', 'PUT /crm/v8/Leads']);
    expect(calls.map((c) => (c.body as { data: unknown[] }).data.length)).toEqual([100, 50]);
    expectUntouched();
  });

  test('a list with no fields named shows the metadata read it needs first', async () => {
    const run = await cli(['run', 'list-records', '--input', '{"module":"Contacts"}', '--dry-run', '--json'], { env: sh.env });
    expect(run.code).toBe(0);
    const { calls } = JSON.parse(run.stdout) as DryRunJson;
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /crm/v8/settings/fields', 'GET /crm/v8/Contacts']);
    expect(calls[0]!.query).toEqual({ module: 'Contacts' });
    expectUntouched();
  });

  test('secret-named values in a body are scrubbed and the token header never appears', async () => {
    const input = { method: 'POST', relativeUrl: '/v8/Leads', body: { data: [{ Last_Name: 'X' }], refresh_token: 'not-for-anyone-to-see-123' } };
    const run = await cli(['run', 'custom-api-request', '--input', JSON.stringify(input), '--dry-run', '--json'], { env: sh.env });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('not-for-anyone-to-see-123');
    expect(run.stdout).toContain('[REDACTED]');
    expect(run.stdout.toLowerCase()).not.toContain('authorization');
    expect(run.stdout).not.toContain('Zoho-oauthtoken');
    for (const secret of sh.sandbox.issuedSecrets()) expect(run.stdout + run.stderr).not.toContain(secret);
    expectUntouched();
  });

  test('input that fails the schema: exit 2 with the issues, and nothing sent', async () => {
    const run = await cli(['run', 'create-record', '--input', '{"module":"Leads"}', '--dry-run'], { env: sh.env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('/record: is required');
    expect(run.stdout).toBe('');
    expectUntouched();
  });

  test('without --dry-run the same input does reach the sandbox (the check above can fail)', async () => {
    const input = JSON.stringify({ module: 'Leads', record: { Last_Name: 'Wet', Company: 'Zylker' } });
    const run = await cli(['run', 'create-record', '--input', input, '--json'], { env: sh.env });
    expect(run.code).toBe(0);
    expect(sh.sandbox.requests().map((r) => `${r.method} ${r.url}`)).toContain('POST /crm/v8/Leads');
    expect(sh.sandbox.stats().tokenRequests.tokenRequests).toBeGreaterThan(0);
  });
});

describe('dry run of a connector whose client factory does not support it', () => {
  test('is refused before any client is built (exit 2), rather than risking real calls', async () => {
    const manifest = join(ECHO_FIXTURE, 'manifest.json');
    const run = await cli(['--manifest', manifest, 'run', 'echo', '--input', '{"message":"hi"}', '--dry-run'], { env: { ZCRM_HOME: '/nonexistent-zcrm-home' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot do a dry run/);
  });
});
