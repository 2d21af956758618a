// search-records against the sandbox: structured criteria escaped for values full of ( ) , \, the four kinds
// of search, one page or all pages to a limit, Zoho's 2,000-result cap, errors with hints and input checks.
import type { ProgressEvent } from '../../runtime/types';
import { startSandboxHost, type SandboxHost } from '../support/sandbox-host';

/** A last name with every character Zoho's criteria syntax gives a meaning to. */
const TRICKY = 'O\'Hara (Jr), K\\';

type Rec = Record<string, unknown>;
interface Out {
  records: Rec[];
  count: number;
  moreRecords: boolean;
  nextPage?: number;
  limitReached?: boolean;
  hint?: string;
}

let sb: SandboxHost;
let trickyId: string;
let lookalikeId: string;

beforeAll(async () => {
  // Over 2,000 leads with an email address, so a search can reach Zoho's cap.
  sb = await startSandboxHost({ sandbox: { counts: { Leads: 2300 } } });
  const body = await (await sb.client()).post<{ data: { details: { id: string } }[] }>('/Leads', {
    data: [
      { Last_Name: TRICKY, Company: 'Brackets (and, commas)', Email: 'tricky@search.example', Phone: '+1 555 0199 777', Lead_Source: 'Web Download' },
      // Matches the tricky name if escaping went wrong and the value was cut at the comma.
      { Last_Name: "O'Hara (Jr)", Company: 'Lookalike', Email: 'lookalike@search.example', Lead_Source: 'Trade Show' },
    ],
  });
  expect(body!.data.map((d) => (d as { status?: string }).status)).toEqual(['success', 'success']);
  trickyId = body!.data[0]!.details.id;
  lookalikeId = body!.data[1]!.details.id;
});
afterAll(() => sb.close());

const ok = (input: unknown, progress?: (e: ProgressEvent) => void) => sb.ok<Out>('search-records', input, { progress });
const failure = (input: unknown) => sb.failure('search-records', input);

const searches = () => sb.requestsTo('GET', /\/search/);
const ids = (out: Out) => out.records.map((r) => r.id);

describe('finding records', () => {
  test('structured criteria with ( ) , \\ in the value find exactly that record', async () => {
    const out = await ok({ module: 'Leads', criteria: [{ field: 'Last_Name', operator: 'equals', value: TRICKY }], fields: ['Last_Name', 'Company'] });
    expect(ids(out)).toEqual([trickyId]);
    expect(out.records[0]).toEqual({ id: trickyId, Last_Name: TRICKY, Company: 'Brackets (and, commas)' });
    expect(out).toMatchObject({ count: 1, moreRecords: false });
    // Escaped once for Zoho's syntax, URL-encoded once for the query string.
    const url = new URL(searches().at(-1)!.url, 'http://x');
    expect(url.searchParams.get('criteria')).toBe("(Last_Name:equals:O'Hara \\(Jr\\)\\, K\\\\)");
  });

  test('and / or groups', async () => {
    const both = await ok({ module: 'Leads', criteria: { or: [{ field: 'Email', operator: 'equals', value: 'tricky@search.example' }, { field: 'Email', operator: 'equals', value: 'lookalike@search.example' }] }, fields: ['Email'] });
    expect(ids(both).sort()).toEqual([trickyId, lookalikeId].sort());
    const one = await ok({
      module: 'Leads',
      criteria: { and: [{ or: [{ field: 'Email', operator: 'starts_with', value: 'tricky@' }, { field: 'Email', operator: 'starts_with', value: 'lookalike@' }] }, { field: 'Lead_Source', operator: 'in', value: ['Trade Show', 'Seminar Partner'] }] },
    });
    expect(ids(one)).toEqual([lookalikeId]);
  });

  test('criteria as a raw string, taken as written', async () => {
    const out = await ok({ module: 'Leads', criteria: '((Email:equals:lookalike@search.example)and(Company:equals:Lookalike))' });
    expect(ids(out)).toEqual([lookalikeId]);
  });

  test('by email, phone and word', async () => {
    expect(ids(await ok({ module: 'Leads', email: 'tricky@search.example' }))).toEqual([trickyId]);
    expect(ids(await ok({ module: 'Leads', phone: '0199 777' }))).toEqual([trickyId]);
    expect(ids(await ok({ module: 'Leads', word: 'Lookalike' }))).toEqual([lookalikeId]);
  });

  test('nothing matches: Zoho answers 204, the output is an empty list', async () => {
    const out = await ok({ module: 'Contacts', criteria: [{ field: 'Last_Name', operator: 'equals', value: 'Nobody (at all)' }] });
    expect(out).toEqual({ records: [], count: 0, moreRecords: false });
    expect(searches().at(-1)!.status).toBe(204);
  });
});

describe('pages and limits', () => {
  test('without a limit: one page and the number of the next', async () => {
    const first = await ok({ module: 'Leads', word: 'example', perPage: 50, fields: ['Email'], sortBy: 'id', sortOrder: 'asc' });
    expect(first).toMatchObject({ count: 50, moreRecords: true, nextPage: 2 });
    const second = await ok({ module: 'Leads', word: 'example', perPage: 50, page: first.nextPage, fields: ['Email'], sortBy: 'id', sortOrder: 'asc' });
    expect(second.count).toBe(50);
    expect(ids(second).some((id) => ids(first).includes(id))).toBe(false);
    expect(String(ids(second)[0]) > String(ids(first)[49])).toBe(true);
  });

  test('with a limit: pages are read up to it, with progress', async () => {
    const events: ProgressEvent[] = [];
    const out = await ok({ module: 'Leads', word: 'example', limit: 450, fields: ['Email'] }, (e) => events.push(e));
    expect(out).toMatchObject({ count: 450, moreRecords: true });
    expect(out).not.toHaveProperty('limitReached');
    expect(out).not.toHaveProperty('nextPage');
    expect(new Set(ids(out)).size).toBe(450);
    expect(events.map((e) => e.done)).toEqual([200, 400, 450]);
  });

  test("past 2,000 matches: Zoho's cap, explained in the output", async () => {
    const out = await ok({ module: 'Leads', word: 'example', limit: 2000, fields: ['Email'] });
    expect(out.count).toBe(2000);
    expect(out.limitReached).toBe(true);
    expect(out.hint).toMatch(/2,000/);
    expect(out.hint).toMatch(/execute-coql/);
    expect(new Set(ids(out)).size).toBe(2000);
    // Ten pages of 200, and no eleventh (which Zoho would refuse).
    const pages = searches().slice(-10).map((e) => new URL(e.url, 'http://x').searchParams.get('page'));
    expect(pages).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);

    const lastPage = await ok({ module: 'Leads', word: 'example', page: 10, fields: ['Email'] });
    expect(lastPage).toMatchObject({ count: 200, limitReached: true });
    expect(lastPage).not.toHaveProperty('nextPage');
  });
});

describe("Zoho's refusals, typed with hints", () => {
  test('a page past 2,000: LIMIT_REACHED', async () => {
    const error = await failure({ module: 'Leads', word: 'example', page: 11 });
    expect(error).toMatchObject({ code: 'LIMIT_REACHED', category: 'remote', httpStatus: 400 });
    expect(error.hint).toMatch(/2,000/);
  });

  test('an unknown field in the criteria: INVALID_QUERY naming it', async () => {
    const error = await failure({ module: 'Leads', criteria: [{ field: 'No_Such_Field', operator: 'equals', value: 'x' }] });
    expect(error).toMatchObject({ code: 'INVALID_QUERY', category: 'remote', details: { api_name: 'No_Such_Field' } });
    expect(error.hint).toContain('No_Such_Field');
  });

  test('an unknown module: INVALID_MODULE', async () => {
    const error = await failure({ module: 'Nope', word: 'abc' });
    expect(error).toMatchObject({ code: 'INVALID_MODULE', category: 'remote' });
    expect(error.hint).toMatch(/module API name/);
  });

  test('a raw criteria string Zoho cannot parse: INVALID_QUERY', async () => {
    expect(await failure({ module: 'Leads', criteria: '(Last_Name:equals:Smith' })).toMatchObject({ code: 'INVALID_QUERY' });
  });
});

describe('input checks (nothing sent)', () => {
  test.each([
    [{ module: 'Leads' }, '', 'needs one of criteria, email, phone or word'],
    [{ module: 'Leads', word: 'abc', email: 'a@b.example' }, '/word', 'exactly one'],
    [{ module: 'Leads', criteria: [{ field: 'Annual_Revenue', operator: 'between', value: [1] }] }, '/criteria/0/value', 'exactly two'],
    [{ module: 'Leads', criteria: [{ field: 'Last_Name', operator: 'equals', value: ['a', 'b'] }] }, '/criteria/0/value', 'takes one value'],
    [{ module: 'Leads', criteria: { or: [{ field: 'Email', operator: 'in', value: [] }] } }, '/criteria/or/0/value', 'at least one value'],
    [{ module: 'Leads', phone: '12' }, '/phone', 'fewer than 3'],
    [{ module: 'Leads', word: 'abc', limit: 2001 }, '/limit', '<= 2000'],
    [{ module: 'Le ads', word: 'abc' }, '/module', 'invalid format'],
    [{ module: 'Leads', word: 'abc', fields: 'Email' }, '/fields', 'must be array'],
  ])('%j fails at %j', async (input, path, message) => {
    const before = searches().length;
    const error = await failure(input);
    expect(error.category).toBe('input');
    expect((error.details as { issues: { path: string; message: string }[] }).issues).toContainEqual({ path, message: expect.stringContaining(message) });
    expect(searches().length).toBe(before);
  });

  test('a malformed structured condition names where it is', async () => {
    const error = await failure({ module: 'Leads', criteria: [{ field: 'Email', operator: 'like', value: 'x' }] });
    expect(error.code).toBe('VALIDATION_FAILED');
    const paths = (error.details as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(paths).toContain('/criteria/0/operator');
  });
});

describe('the CLI', () => {
  test('zcrm run search-records prints the matches', async () => {
    const res = await sb.cli(['run', 'search-records', '--input', JSON.stringify({ module: 'Leads', criteria: [{ field: 'Last_Name', operator: 'equals', value: TRICKY }], fields: ['Last_Name'] }), '--json']);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual({ ok: true, action: 'search-records', output: { records: [{ id: trickyId, Last_Name: TRICKY }], count: 1, moreRecords: false }, durationMs: expect.any(Number) });
  });

  test('two kinds of search at once exits 2 and names the path', async () => {
    const res = await sb.cli(['run', 'search-records', '--input', JSON.stringify({ module: 'Leads', email: 'a@b.example', phone: '12345' })]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('/phone');
  });
});
