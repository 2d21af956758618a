import { describeRequest, DRY_RUN_NEW_ID, syntheticAnswer } from '../../connector/client/dry-run-transport';
import type { ZohoRequest } from '../../connector/client/types';
import { destroySharedAgents } from '../../connector/http-agents';
import { startSandboxHost, type SandboxHost } from '../support/sandbox-host';

function request(partial: Partial<ZohoRequest> & Pick<ZohoRequest, 'method' | 'pathname'>): ZohoRequest {
  return {
    path: partial.pathname,
    query: {},
    body: undefined,
    headers: {},
    url: `https://www.zohoapis.com${partial.pathname}`,
    idempotent: partial.method !== 'POST',
    read: partial.method === 'GET',
    lane: 'default',
    timeoutMs: 1000,
    attempt: 1,
    throwOnError: true,
    state: {},
    ...partial,
  };
}

describe('the dry-run transport answers like an empty Zoho', () => {
  test('a list read is 204 (no records); a read by id returns that id', () => {
    expect(syntheticAnswer(request({ method: 'GET', pathname: '/crm/v8/Leads' }))).toMatchObject({ status: 204, data: undefined });
    expect(syntheticAnswer(request({ method: 'GET', pathname: '/crm/v8/Leads/5725767000000524157' }))).toMatchObject({ status: 200, data: { data: [{ id: '5725767000000524157' }] } });
    expect(syntheticAnswer(request({ method: 'POST', pathname: '/crm/v8/coql', read: true }))).toMatchObject({ status: 204 });
  });

  test('writes get one SUCCESS item per record: ids kept for updates and deletes, new ones for creates', () => {
    const update = syntheticAnswer(request({ method: 'PUT', pathname: '/crm/v8/Leads', body: { data: [{ id: '11' }, { id: '12' }] } }));
    expect(update.status).toBe(200);
    expect((update.data as { data: unknown[] }).data).toEqual([
      expect.objectContaining({ code: 'SUCCESS', status: 'success', details: { id: '11' } }),
      expect.objectContaining({ code: 'SUCCESS', status: 'success', details: { id: '12' } }),
    ]);
    const create = syntheticAnswer(request({ method: 'POST', pathname: '/crm/v8/Leads', body: { data: [{ Last_Name: 'A' }] } }));
    expect(create.status).toBe(201);
    expect((create.data as { data: { details: unknown }[] }).data[0]!.details).toEqual({ id: DRY_RUN_NEW_ID });
    const deletes = syntheticAnswer(request({ method: 'DELETE', pathname: '/crm/v8/Leads', query: { ids: ['7', '8', '9'] } }));
    expect((deletes.data as { data: { details: { id: string } }[] }).data.map((d) => d.details.id)).toEqual(['7', '8', '9']);
    const one = syntheticAnswer(request({ method: 'DELETE', pathname: '/crm/v8/Leads/42' }));
    expect((one.data as { data: { details: { id: string } }[] }).data.map((d) => d.details.id)).toEqual(['42']);
  });

  test('a clone answers a new id, not the source record', () => {
    const clone = syntheticAnswer(request({ method: 'POST', pathname: '/crm/v8/Leads/42/actions/clone' }));
    expect((clone.data as { data: { details: { id: string } }[] }).data[0]!.details.id).toBe(DRY_RUN_NEW_ID);
  });

  test('the recorded call keeps the caller headers but never the token header, and scrubs secrets', () => {
    const call = describeRequest(
      request({
        method: 'POST',
        pathname: '/crm/v8/Leads',
        query: { fields: ['A', 'B'], empty: undefined },
        headers: { Authorization: 'Zoho-oauthtoken 1000.abc.def', 'X-Token-Header': 'x', 'If-Modified-Since': 'Mon' },
        body: { data: [], client_secret: 'shh-very-secret' },
      }),
      'X-Token-Header',
    );
    expect(call.headers).toEqual({ 'If-Modified-Since': 'Mon' });
    expect(call.query).toEqual({ fields: 'A,B' });
    expect(JSON.stringify(call)).not.toContain('shh-very-secret');
  });
});

describe('execute({ dryRun }) through the real runtime', () => {
  let sh: SandboxHost;
  beforeAll(async () => {
    sh = await startSandboxHost();
  });
  afterAll(async () => {
    destroySharedAgents();
    await sh.close();
  });

  test.each([
    ['create-record', { module: 'Leads', record: { Last_Name: 'A', Company: 'B' } }, ['POST /crm/v8/Leads']],
    ['get-record', { module: 'Leads', id: '5725767000000524157' }, ['GET /crm/v8/Leads/5725767000000524157']],
    ['update-record', { module: 'Leads', id: '5725767000000524157', record: { Last_Name: 'C' } }, ['PUT /crm/v8/Leads/5725767000000524157']],
    ['delete-records', { module: 'Leads', ids: ['1', '2'] }, ['DELETE /crm/v8/Leads']],
    ['convert-lead', { id: '5725767000000524157' }, ['POST /crm/v8/Leads/5725767000000524157/actions/convert']],
    ['execute-coql', { query: "select Last_Name from Leads where Last_Name = 'A'" }, ['POST /crm/v8/coql']],
    ['search-records', { module: 'Leads', email: 'a@b.c' }, ['GET /crm/v8/Leads/search']],
  ])('%s completes on synthetic answers and lists its calls', async (action, input, expected) => {
    const before = sh.sandbox.requests().length;
    const result = await sh.host.execute(action, input, { connection: sh.nickname, dryRun: true });
    expect(result).toMatchObject({ ok: true });
    expect(result.calls?.map((c) => `${c.method} ${c.path}`)).toEqual(expected);
    expect(sh.sandbox.requests().length).toBe(before);
  });

  test('a dry run leaves nothing in the shared metadata cache: the real run still reads the fields', async () => {
    await sh.host.execute('list-records', { module: 'Deals' }, { connection: sh.nickname, dryRun: true });
    const real = await sh.host.execute('list-records', { module: 'Deals' }, { connection: sh.nickname });
    expect(real.ok).toBe(true);
    expect(real.calls).toBeUndefined();
    expect(sh.sandbox.requests().map((r) => r.url)).toContain('/crm/v8/settings/fields?module=Deals');
  });
});
