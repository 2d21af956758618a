// One `zcrm run` per record action through the real CLI (in-process, file credential store under ZCRM_HOME,
// the connection pointing at the sandbox): the printed JSON, and the exit codes of a validation failure (2),
// a Zoho error (1) and a create whose answer was lost (4).
import { startSandboxHost, type SandboxHost } from '../support/sandbox-host';

type Rec = Record<string, any>;

let sh: SandboxHost;
beforeAll(async () => {
  sh = await startSandboxHost();
  // Every CLI run opens the store afresh and may mint its own access token.
  sh.sandbox.setConfig({ accessTokensPer10Min: 1000 });
});
afterAll(() => sh.close());

async function zcrm(action: string, input: unknown): Promise<Rec> {
  const run = await sh.cli(['run', action, '--input', JSON.stringify(input)]);
  if (run.code !== 0) throw new Error(`zcrm run ${action} exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as Rec;
}

async function zcrmFails(action: string, input: unknown) {
  const run = await sh.cli(['run', action, '--input', JSON.stringify(input)]);
  expect(run.stdout).toBe('');
  return run;
}

test('every record action through `zcrm run`', async () => {
  const created = await zcrm('create-record', { module: 'Leads', record: { Last_Name: 'Cli', Company: 'Shell Inc', Email: 'cli@shell.example' }, trigger: [] });
  expect(created).toEqual({
    id: expect.stringMatching(/^\d+$/),
    createdTime: expect.any(String),
    modifiedTime: expect.any(String),
    createdBy: { id: sh.sandbox.user.id, name: sh.sandbox.user.name },
    modifiedBy: { id: sh.sandbox.user.id, name: sh.sandbox.user.name },
  });
  const id = created.id as string;

  expect(await zcrm('get-record', { module: 'Leads', id, fields: ['Last_Name', 'Company'] })).toEqual({ record: { id, Last_Name: 'Cli', Company: 'Shell Inc' } });

  const listed = await zcrm('list-records', { module: 'Leads', fields: ['Last_Name'], limit: 5 });
  expect(listed).toMatchObject({ count: 5, moreRecords: true });
  expect(listed.records[0]).toEqual({ id, Last_Name: 'Cli' });

  const updated = await zcrm('update-record', { module: 'Leads', id, record: { Lead_Status: 'Contacted' } });
  expect(updated).toEqual({ id, modifiedTime: expect.any(String), modifiedBy: { id: sh.sandbox.user.id, name: sh.sandbox.user.name } });

  const clone = await zcrm('clone-record', { module: 'Leads', id, overrides: { Email: 'cli.copy@shell.example' } });
  expect(clone.id).toMatch(/^\d+$/);
  expect(clone.id).not.toBe(id);

  const bulk = await zcrm('update-records', { module: 'Leads', records: [{ id, Designation: 'CTO' }, { id: clone.id, Email: 'broken' }] });
  expect(bulk).toMatchObject({ succeeded: 1, failed: 1, results: [{ index: 0, ok: true, id }, { index: 1, ok: false, id: clone.id, error: { code: 'INVALID_DATA' } }] });

  expect(await zcrm('delete-record', { module: 'Leads', id: clone.id, wfTrigger: false })).toEqual({ id: clone.id });

  const deleted = await zcrm('delete-records', { module: 'Leads', ids: [id, clone.id] });
  expect(deleted).toMatchObject({ succeeded: 1, failed: 1, results: [{ index: 0, ok: true, id }, { index: 1, ok: false, id: clone.id }] });

  const bin = await zcrm('list-deleted-records', { module: 'Leads', type: 'recycle' });
  expect(bin.count).toBe(2);
  expect(bin.records.map((r: Rec) => r.id).sort()).toEqual([id, clone.id].sort());
  expect(bin.records[0]).toEqual({ id: expect.any(String), name: 'Cli', type: 'recycle', deletedBy: { id: sh.sandbox.user.id, name: sh.sandbox.user.name }, deletedTime: expect.any(String), createdBy: expect.any(Object) });
});

test('invalid input exits 2 and names each path', async () => {
  const run = await zcrmFails('update-records', { module: 'Leads', records: [{ Designation: 'no id' }], trigger: ['never'] });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('/records/0/id: is required');
  expect(run.stderr).toContain('/trigger/0: must be one of');
});

test('a record that does not exist exits 1 with RECORD_NOT_FOUND and its hint', async () => {
  const run = await zcrmFails('get-record', { module: 'Leads', id: '4876876000009999999' });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('No Leads record has the id 4876876000009999999.');
  expect(run.stderr).toContain('code RECORD_NOT_FOUND');
  expect(run.stderr).toMatch(/hint: .*list-deleted-records/);
});

test('a create whose answer was lost exits 4 (OUTCOME_UNKNOWN)', async () => {
  sh.sandbox.setFaults([{ method: 'POST', path: '/crm/v8/Leads', drop: 'after', times: 1 }]);
  const run = await zcrmFails('create-record', { module: 'Leads', record: { Last_Name: 'Lost in CLI' } });
  sh.sandbox.clearFaults();
  expect(run.code).toBe(4);
  expect(run.stderr).toMatch(/hint: Search Leads for the record/);
});
