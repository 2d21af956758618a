import { cellText, findRecordList, outputTable, renderTable } from '../../cli/output-table';
import { cli } from '../support/cli-io';
import { startSandboxHome, type SandboxHome } from './sandbox-home';

describe('output table', () => {
  test('finds the list under records, notes or results, or the output itself', () => {
    expect(findRecordList({ records: [{ id: '1' }], count: 1 })).toEqual({ key: 'records', rows: [{ id: '1' }], rest: { count: 1 } });
    expect(findRecordList({ notes: [], count: 0 })?.key).toBe('notes');
    expect(findRecordList({ results: [{ index: 0, ok: true }], succeeded: 1 })?.key).toBe('results');
    expect(findRecordList([{ a: 1 }])).toEqual({ rows: [{ a: 1 }], rest: {} });
    expect(findRecordList({ record: { id: '1' } })).toBeUndefined();
    expect(findRecordList({ ids: ['1', '2'] })).toBeUndefined();
  });

  test('cells read as people do: names of lookups, code and message of errors, lists joined', () => {
    expect(cellText({ id: '9', name: 'Jane Doe' })).toBe('Jane Doe');
    expect(cellText({ code: 'INVALID_DATA', message: 'bad\nvalue', details: {} })).toBe('INVALID_DATA: bad value');
    expect(cellText(['a', 'b'])).toBe('a, b');
    expect(cellText(null)).toBe('');
    expect(cellText(false)).toBe('false');
  });

  test('the id column comes first; no line is wider than the terminal; hidden columns are named', () => {
    const rows = Array.from({ length: 3 }, (_, i) => ({
      Last_Name: `Name ${i}`,
      id: `57257670000005241${i}`,
      Description: 'x'.repeat(120),
      Email: `person${i}@example.com`,
      Phone: '+1 555 0100',
      Company: 'Zylker International Holdings',
      Lead_Source: 'Web',
    }));
    for (const width of [40, 80, 120]) {
      const text = renderTable(rows, width);
      const lines = text.split('\n');
      expect(lines[0]!.startsWith('id')).toBe(true);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
      if (width === 40) expect(text.replace(/\n/g, ' ')).toMatch(/\(\d+ more columns not shown: .*Lead_Source; --output json shows everything\)/);
    }
    expect(renderTable(rows, 400)).toContain('…');
  });

  test('an empty list says so, and the other values follow the table', () => {
    expect(outputTable({ records: [], count: 0, moreRecords: false }, 80)).toBe('(no records)\n\ncount: 0\nmoreRecords: false');
    expect(outputTable({ statusCode: 204 }, 80)).toBeUndefined();
  });
});

describe('zcrm run --output table', () => {
  let sh: SandboxHome;
  beforeAll(async () => {
    sh = await startSandboxHome();
    for (const n of [1, 2]) {
      const run = await cli(['run', 'create-record', '--input', JSON.stringify({ module: 'Leads', record: { Last_Name: 'Tablerow', Company: 'Zylker', Email: `tablerow${n}@zylker.com` } })], { env: sh.env });
      expect(run.code).toBe(0);
    }
  });
  afterAll(() => sh.close());

  test('search results print as a table within the terminal width', async () => {
    const input = JSON.stringify({ module: 'Leads', criteria: '(Last_Name:equals:Tablerow)', fields: ['Last_Name', 'Company', 'Email'] });
    const run = await cli(['run', 'search-records', '--input', input, '--output', 'table'], { env: sh.env, stdoutColumns: 60 });
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id\s+Last_Name\s+Company/);
    expect(lines.filter((l) => l.includes('Tablerow'))).toHaveLength(2);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
    expect(run.stdout).toMatch(/\ncount: 2\n/);
  });

  test('an output without a list falls back to pretty JSON', async () => {
    const run = await cli(['run', 'custom-api-request', '--input', '{"method":"GET","relativeUrl":"/v8/org"}', '--output', 'table'], { env: sh.env });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ statusCode: 200 });
    expect(run.stdout).toContain('\n  "statusCode": 200');
  });

  test('--output json is the pretty JSON of before; an unknown format or --json with table is a usage error', async () => {
    const input = JSON.stringify({ module: 'Leads', criteria: '(Last_Name:equals:Tablerow)' });
    const json = await cli(['run', 'search-records', '--input', input, '--output', 'json'], { env: sh.env });
    expect(JSON.parse(json.stdout)).toMatchObject({ count: 2 });
    const bad = await cli(['run', 'search-records', '--input', input, '--output', 'csv'], { env: sh.env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Allowed choices are table, json/);
    const both = await cli(['run', 'search-records', '--input', input, '--output', 'table', '--json'], { env: sh.env });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--json and --output table do not go together/);
  });
});
