/**
 * The JSON API the playground page calls (no browser): the catalogue, live forms, validation filed under
 * fields, runs with their own HTTP trace (and never a secret), flows, and the guard that keeps other web
 * pages and foreign Host names out.
 */
import { request } from 'node:http';
import { parseFlowText } from '../../runtime/flow';
import { startTestPlayground, type TestPlayground } from './support/playground';

let pg: TestPlayground;

beforeAll(async () => {
  pg = await startTestPlayground();
});

afterAll(async () => {
  await pg?.close();
});

async function get(path: string): Promise<{ status: number; body: any; text: string }> {
  const res = await fetch(new URL(path, pg.url));
  const text = await res.text();
  return { status: res.status, text, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
}

async function post(path: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<{ status: number; body: any; text: string }> {
  const res = await fetch(new URL(path, pg.url), { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) };
}

function expectNoSecrets(text: string): void {
  const secrets = [...pg.demo.sandbox.issuedSecrets(), pg.demo.sandbox.clientSecret];
  expect(secrets.length).toBeGreaterThan(0);
  for (const secret of secrets) expect(text).not.toContain(secret);
}

test('lists the actions grouped in manifest order, with the connection and no secrets', async () => {
  const { status, body, text } = await get('/api/actions');
  expect(status).toBe(200);
  const ids = body.groups.flatMap((g: { actions: { id: string }[] }) => g.actions.map((a) => a.id));
  expect(ids).toEqual(pg.host.manifest.actions.map((a) => a.id));
  expect(body.groups.map((g: { name: string }) => g.name)).toEqual([...new Set(pg.host.manifest.actions.map((a) => a.group))]);
  expect(body.connection).toMatchObject({ nickname: 'sandbox-demo', kind: 'sandbox', user: pg.demo.sandbox.user.email });
  expectNoSecrets(text);
});

test('the form follows the values: a module turns the record into its real fields', async () => {
  const before = await get('/api/actions/create-record/form');
  const modules = before.body.fields.find((f: { name: string }) => f.name === 'module');
  expect(modules.widget).toBe('select');
  expect(modules.options.map((o: { value: string }) => o.value)).toEqual(expect.arrayContaining(['Leads', 'Contacts', 'Deals']));

  const leads = await get(`/api/actions/create-record/form?values=${encodeURIComponent(JSON.stringify({ module: 'Leads' }))}`);
  const record = leads.body.fields.find((f: { name: string }) => f.name === 'record');
  const lastName = record.fields.find((f: { name: string }) => f.name === 'Last_Name');
  expect(lastName).toMatchObject({ path: '/record/Last_Name', required: true });
  // the calls the live options needed are reported with the form
  expect(leads.body.calls.some((c: { path: string }) => c.path === '/crm/v8/settings/fields')).toBe(true);

  const bad = await get('/api/actions/create-record/form?values=%7Bnot-json');
  expect(bad.status).toBe(400);
  expect(bad.body.error.code).toBe('FORM_VALUES_NOT_JSON');
});

test('validation files each problem under its field', async () => {
  const search = await post('/api/actions/search-records/validate', { values: { module: 'Leads', limit: 5000 } });
  expect(search.body).toEqual({ ok: false, issues: [{ path: '/limit', message: 'must be <= 2000' }] });
  const create = await post('/api/actions/create-record/validate', { values: { module: 'Leads', record: { Company: 'Zylker' } } });
  expect(create.body.issues).toContainEqual({ path: '/record/Last_Name', message: 'is required' });
  const good = await post('/api/actions/create-record/validate', { values: { module: 'Leads', record: { Last_Name: 'Smith' } } });
  expect(good.body).toEqual({ ok: true, issues: [] });
});

test('a run returns the output and the Zoho calls it made, and nothing secret', async () => {
  const run = await post('/api/actions/create-record/run', { input: { module: 'Leads', record: { Last_Name: 'Api-Test' } } });
  expect(run.status).toBe(200);
  expect(run.body.ok).toBe(true);
  expect(run.body.output.id).toMatch(/^\d+$/);
  expect(run.body.calls.filter((c: { kind: string }) => c.kind === 'call')).toEqual([
    expect.objectContaining({ method: 'POST', path: '/crm/v8/Leads', status: 201, durationMs: expect.any(Number) }),
  ]);
  expectNoSecrets(run.text);

  const failed = await post('/api/actions/get-record/run', { input: { module: 'Leads', id: '1' } });
  expect(failed.body).toMatchObject({ ok: false, error: { code: 'RECORD_NOT_FOUND', category: 'remote', hint: expect.any(String) } });
  expect(failed.body.calls.map((c: { path: string }) => c.path)).toContain('/crm/v8/Leads/1');

  const invalid = await post('/api/actions/search-records/run', { input: { module: 'Leads', limit: 5000 } });
  expect(invalid.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: '/limit' }] } }, calls: [] });
});

test('runs at the same time each get only their own calls', async () => {
  const runs = await Promise.all(
    ['Leads', 'Contacts', 'Deals', 'Accounts'].map((module) => post('/api/actions/list-records/run', { input: { module, limit: 5 } })),
  );
  for (const [i, module] of ['Leads', 'Contacts', 'Deals', 'Accounts'].entries()) {
    expect(runs[i]!.body.ok).toBe(true);
    // metadata reads (/settings/...) may come from a cache shared by all; record reads are each run's own
    const paths = runs[i]!.body.calls.filter((c: { kind: string; path: string }) => c.kind === 'call' && !c.path.startsWith('/crm/v8/settings/')).map((c: { path: string }) => c.path);
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) expect(path).toBe(`/crm/v8/${module}`);
  }
});

test('runs a flow with the host as executor, tracing each step, and exports it as a flow file', async () => {
  const flow = {
    name: 'Api flow',
    steps: [
      { id: 'create', action: 'create-record', input: { module: 'Leads', record: { Last_Name: 'Flow-Api' } } },
      { id: 'read', action: 'get-record', input: { module: 'Leads', id: '{{ steps.create.output.id }}' } },
    ],
  };
  const run = await post('/api/flows/run', { flow });
  expect(run.body.result).toMatchObject({ ok: true, status: 'succeeded', steps: [{ id: 'create', status: 'succeeded' }, { id: 'read', status: 'succeeded' }] });
  expect(run.body.result.journal.startsWith(pg.journalDir)).toBe(true);
  expect(run.body.calls.map((c: { action: string; method: string }) => `${c.action} ${c.method}`)).toEqual(['create POST', 'read GET']);

  const yaml = await post('/api/flows/export', { flow, format: 'yaml' });
  expect(yaml.body.fileName).toBe('api-flow.flow.yaml');
  expect(parseFlowText(yaml.body.text, yaml.body.fileName).definition).toEqual(flow);
  const json = await post('/api/flows/export', { flow, format: 'json' });
  expect(JSON.parse(json.body.text)).toEqual(flow);

  const broken = await post('/api/flows/run', { flow: { steps: [{ id: 'Bad Id', action: 'get-record' }] } });
  expect(broken.status).toBe(400);
  expect(broken.body.error.category).toBe('input');
});

test('serves the page and nothing outside it; unknown endpoints and actions are 404', async () => {
  const page = await get('/');
  expect(page.status).toBe(200);
  expect(page.text).toContain('<script type="module" src="/app.js">');
  expect((await get('/app.js')).status).toBe(200);
  expect((await get('/%2e%2e/package.json')).status).toBe(404);
  expect((await get('/api/nothing')).status).toBe(404);
  const unknown = await get('/api/actions/no-such-action/form');
  expect([unknown.status, unknown.body.error.code]).toEqual([404, 'UNKNOWN_ACTION']);
});

function rawRequest(headers: Record<string, string>, method = 'GET', path = '/api/actions'): Promise<number> {
  const { port } = new URL(pg.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: Number(port), method, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(method === 'POST' ? JSON.stringify({ input: { module: 'Leads', record: { Last_Name: 'X' } } }) : undefined);
  });
}

test('refuses other web pages and foreign Host names (no CSRF, no DNS rebinding)', async () => {
  const { host } = new URL(pg.url);
  expect(await rawRequest({ host })).toBe(200);
  expect(await rawRequest({ host: `attacker.example:${new URL(pg.url).port}` })).toBe(403);
  expect(await rawRequest({ host, origin: 'https://attacker.example', 'content-type': 'application/json' }, 'POST', '/api/actions/create-record/run')).toBe(403);
  expect(await rawRequest({ host, 'content-type': 'text/plain' }, 'POST', '/api/actions/create-record/run')).toBe(403);
  expect(await rawRequest({ host, origin: `http://${host}`, 'content-type': 'application/json' }, 'POST', '/api/actions/create-record/run')).toBe(200);
});
