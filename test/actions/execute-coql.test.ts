// execute-coql against the sandbox: one call or OFFSET pages of 2,000 up to a limit, COQL's 100,000-row reach,
// 204 as an empty list, Zoho's query errors typed with hints, and input checks.
import type { ErrorInfo } from '../../runtime/errors';
import type { ProgressEvent } from '../../runtime/types';
import { startSandboxHost, type SandboxHost } from '../support/sandbox-host';

const TOTAL_LEADS = 100_500;

type Rec = Record<string, unknown>;
interface Out {
  records: Rec[];
  count: number;
  moreRecords: boolean;
  nextOffset?: number;
  truncated?: boolean;
  hint?: string;
}

let sb: SandboxHost;
let leadId: string;

beforeAll(async () => {
  // Past COQL's 100,000-row reach, so the reach itself can be tested.
  sb = await startSandboxHost({ sandbox: { counts: { Leads: TOTAL_LEADS - 1 } } });
  leadId = await sb.createRecord('/Leads', { Last_Name: "D'Arcy", Company: 'Quote Co', Email: 'darcy@coql.example' });
});
afterAll(() => sb.close());

const ok = (input: unknown, progress?: (e: ProgressEvent) => void) => sb.ok<Out>('execute-coql', input, { progress });
const failure = (input: unknown) => sb.failure('execute-coql', input);

/** The select_query of the latest COQL calls, as the sandbox received them. */
function sentQueries(n: number): string[] {
  return sb.requestsTo('POST', '/crm/v8/coql').slice(-n).map((e) => (JSON.parse(e.body!) as { select_query: string }).select_query);
}

const ids = (out: Out) => out.records.map((r) => String(r.id));

test('a query with a quoted string finds the record, with the selected fields and id', async () => {
  const out = await ok({ query: "select Last_Name, Email from Leads where Last_Name = 'D''Arcy'" });
  expect(out).toEqual({ records: [{ id: leadId, Last_Name: "D'Arcy", Email: 'darcy@coql.example' }], count: 1, moreRecords: false });
  expect(sentQueries(1)).toEqual(["select Last_Name, Email from Leads where Last_Name = 'D''Arcy' LIMIT 0, 200"]);
});

test('no row matches: Zoho answers 204, the output is an empty list', async () => {
  expect(await ok({ query: "select id from Leads where Email = 'nobody@coql.example'" })).toEqual({ records: [], count: 0, moreRecords: false });
});

describe('one call without a limit', () => {
  test("Zoho's default 200 rows, and the offset to continue from", async () => {
    const first = await ok({ query: 'select Last_Name from Leads where id is not null order by id asc' });
    expect(first).toMatchObject({ count: 200, moreRecords: true, nextOffset: 200 });
    const second = await ok({ query: 'select Last_Name from Leads where id is not null order by id asc', offset: first.nextOffset });
    expect(second).toMatchObject({ count: 200, nextOffset: 400 });
    expect(ids(second).some((id) => ids(first).includes(id))).toBe(false);
    expect(sentQueries(1)).toEqual(['select Last_Name from Leads where id is not null order by id asc LIMIT 200, 200']);
  });

  test("the query's own LIMIT is honoured; its OFFSET stays its own", async () => {
    const out = await ok({ query: 'select id from Leads where id is not null order by id asc limit 5 offset 10' });
    expect(out).toMatchObject({ count: 5, moreRecords: true, nextOffset: 5 });
    const next = await ok({ query: 'select id from Leads where id is not null order by id asc limit 5 offset 10', offset: out.nextOffset });
    expect(sentQueries(2)).toEqual(['select id from Leads where id is not null order by id asc LIMIT 10, 5', 'select id from Leads where id is not null order by id asc LIMIT 15, 5']);
    expect(ids(next).some((id) => ids(out).includes(id))).toBe(false);
  });
});

describe('with a limit: OFFSET pages of 2,000', () => {
  test('past 2,000 rows, with progress', async () => {
    const events: ProgressEvent[] = [];
    const out = await ok({ query: 'select Last_Name, Email from Leads where Last_Name is not null', limit: 4500 }, (e) => events.push(e));
    expect(out.count).toBe(4500);
    expect(out.moreRecords).toBe(true);
    expect(new Set(ids(out)).size).toBe(4500);
    expect(sentQueries(3)).toEqual([
      'select Last_Name, Email from Leads where Last_Name is not null LIMIT 0, 2000',
      'select Last_Name, Email from Leads where Last_Name is not null LIMIT 2000, 2000',
      'select Last_Name, Email from Leads where Last_Name is not null LIMIT 4000, 500',
    ]);
    expect(events.map((e) => e.done)).toEqual([2000, 4000, 4500]);
  });

  test("at COQL's 100,000-row reach the output says so, with a hint", async () => {
    const out = await ok({ query: 'select id from Leads where id is not null order by id asc', offset: 99_000, limit: 2000 });
    expect(out.count).toBe(1000);
    expect(out).toMatchObject({ moreRecords: true, truncated: true });
    expect(out.hint).toMatch(/100,000/);
    expect(out).not.toHaveProperty('nextOffset');
    expect(sentQueries(1)).toEqual(['select id from Leads where id is not null order by id asc LIMIT 99000, 1000']);
  });
});

describe("Zoho's refusals, typed with hints", () => {
  test('a token without ZohoCRM.coql.READ: OAUTH_SCOPE_MISMATCH (category auth) naming the scope', async () => {
    await sb.narrowConnection('no-coql', ['ZohoCRM.modules.ALL']);
    const result = await sb.run('execute-coql', { query: 'select id from Leads where id is not null' }, { connection: 'no-coql' });
    expect(result).toMatchObject({ ok: false, error: { code: 'OAUTH_SCOPE_MISMATCH', category: 'auth', httpStatus: 401 } });
    expect((result as { error: ErrorInfo }).error.hint).toContain('ZohoCRM.coql.READ');
  });

  test('SYNTAX_ERROR', async () => {
    const error = await failure({ query: 'select from Leads' });
    expect(error).toMatchObject({ code: 'SYNTAX_ERROR', category: 'remote', httpStatus: 400 });
    expect(error.hint).toMatch(/COQL query has a syntax error/);
  });

  test('INVALID_QUERY for an unknown column', async () => {
    const error = await failure({ query: 'select No_Such_Field from Leads where id is not null' });
    expect(error).toMatchObject({ code: 'INVALID_QUERY', category: 'remote' });
    expect(error.hint).toMatch(/not accepted/);
  });

  test('INVALID_MODULE', async () => {
    const error = await failure({ query: 'select id from Nope where id is not null' });
    expect(error).toMatchObject({ code: 'INVALID_MODULE', category: 'remote' });
  });

  test('a 500 on a COQL read is retried, then surfaces typed', async () => {
    sb.sandbox.setFaults([{ method: 'POST', path: '/crm/v8/coql', respond: 500, times: 1 }]);
    const out = await ok({ query: "select id from Leads where Email = 'darcy@coql.example'" });
    sb.sandbox.clearFaults();
    expect(ids(out)).toEqual([leadId]);
  });
});

describe('input checks (nothing sent)', () => {
  test.each([
    [{}, '/query', 'is required'],
    [{ query: "delete from Leads where id = '1'" }, '/query', 'invalid format'],
    [{ query: 'select id from Leads', limit: 0 }, '/limit', '>= 1'],
    [{ query: 'select id from Leads', limit: 100_001 }, '/limit', '<= 100000'],
    [{ query: 'select id from Leads', offset: 100_000 }, '/offset', '<= 99999'],
    [{ query: 'select id from Leads', pageSize: 10 }, '/pageSize', 'not a known property'],
  ])('%j fails at %s', async (input, path, message) => {
    const before = sentQueries(1000).length;
    const error = await failure(input);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect((error.details as { issues: { path: string; message: string }[] }).issues).toContainEqual({ path, message: expect.stringContaining(message) });
    expect(sentQueries(1000).length).toBe(before);
  });
});

describe('the CLI', () => {
  test('zcrm run execute-coql prints the rows', async () => {
    const res = await sb.cli(['run', 'execute-coql', '--input', JSON.stringify({ query: "select Email from Leads where Email = 'darcy@coql.example'" }), '--json']);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ ok: true, output: { records: [{ id: leadId, Email: 'darcy@coql.example' }], count: 1, moreRecords: false } });
  });

  test('a syntax error exits 1 with the hint; a bad query exits 2 with the path', async () => {
    const syntax = await sb.cli(['run', 'execute-coql', '--input', JSON.stringify({ query: 'select from Leads' })]);
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toContain('SYNTAX_ERROR');
    expect(syntax.stderr).toContain('hint:');
    const bad = await sb.cli(['run', 'execute-coql', '--input', JSON.stringify({ query: 'update Leads' })]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('/query');
  });
});
