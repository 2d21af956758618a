// Property tests for COQL: quoted literals round-trip, random bracketed criteria match a direct evaluator,
// and no generated query crashes the parser or the runner.

import fc from 'fast-check';
import { ZohoHttpError } from '../../sandbox/http-error';
import { parseCoql, runCoql, type CoqlSource } from '../../sandbox/query/coql';
import type { FieldMeta, SandboxRecord } from '../../sandbox/query/types';
import { ACCOUNT_FIELDS, ACCOUNTS, LEAD_FIELDS, LEADS } from './query-fixtures';

function quote(value: string, mark: "'" | '"' = "'"): string {
  return `${mark}${value.split(mark).join(mark + mark)}${mark}`;
}

const text = fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom("'", '"', '\\', '%', ' ', '\n', 'a', 'Z', 'é', ',', '(', ')') }), fc.string({ unit: 'binary' }));

describe('COQL literals', () => {
  it('single-quoted strings with doubled quotes round-trip', () => {
    fc.assert(
      fc.property(text, (value) => {
        const query = parseCoql(`select id from Leads where Last_Name = ${quote(value)}`);
        expect(query.where).toMatchObject({ values: [{ kind: 'string', value }] });
      }),
      { numRuns: 500 },
    );
  });

  it('double-quoted values and quoted column names round-trip too', () => {
    fc.assert(
      fc.property(text, text.filter((name) => name !== ''), (value, column) => {
        const query = parseCoql(`select ${quote(column)} from Leads where ${quote(column, '"')} in (${quote(value, '"')}, ${quote(value)})`);
        expect(query.select[0].column.name).toBe(column);
        expect(query.where).toMatchObject({ column: { name: column }, values: [{ value }, { value }] });
      }),
      { numRuns: 300 },
    );
  });

  it('a filter on an exact string finds exactly the records holding it (any case)', () => {
    const fields: FieldMeta[] = [{ api_name: 'Last_Name', data_type: 'text' }];
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 6 }), fc.nat(5), (names, pick) => {
        const records = names.map((name, index) => ({ id: String(1000 + index), Last_Name: name }));
        const wanted = names[pick % names.length];
        const source: CoqlSource = { module: (name) => (name === 'Leads' ? { fields, records } : undefined) };
        const found = runCoql(parseCoql(`select Last_Name from Leads where Last_Name = ${quote(wanted)}`), source).rows.map((row) => row.id);
        const expected = records.filter((record) => record.Last_Name !== '' && record.Last_Name.toLowerCase() === wanted.toLowerCase()).map((record) => record.id);
        expect(found).toEqual(wanted === '' ? [] : expected);
      }),
      { numRuns: 300 },
    );
  });
});

// Random criteria over two numeric fields and a picklist, always bracketed in pairs as Zoho requires.
type Tree = { field: 'A' | 'B' | 'S'; operator: string; values: (number | string)[] } | { kind: 'and' | 'or'; left: Tree; right: Tree };

const numericPredicate = fc.record({
  field: fc.constantFrom('A' as const, 'B' as const),
  operator: fc.constantFrom('=', '!=', '>', '>=', '<', '<=', 'between', 'not between', 'in', 'not in', 'is null', 'is not null'),
  values: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 2, maxLength: 3 }),
});
const picklistPredicate = fc.record({
  field: fc.constant('S' as const),
  operator: fc.constantFrom('=', '!=', 'in', 'not in', 'like', 'not like'),
  values: fc.array(fc.constantFrom('Open', 'open', 'Closed', 'O%', '%en', '%', 'x'), { minLength: 1, maxLength: 3 }),
});
const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numericPredicate,
    picklistPredicate,
    fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), left: tie('tree'), right: tie('tree') }),
  ),
})).tree;

function render(node: Tree, top: boolean): string {
  if ('kind' in node) {
    const inner = `${render(node.left, false)} ${node.kind} ${render(node.right, false)}`;
    return top ? inner : `(${inner})`;
  }
  const literal = (value: number | string) => (typeof value === 'number' ? String(value) : quote(value));
  const [first, second] = node.values;
  switch (node.operator) {
    case 'between':
    case 'not between':
      return `${node.field} ${node.operator} ${literal(first)} and ${literal(second)}`;
    case 'in':
    case 'not in':
      return `${node.field} ${node.operator} (${node.values.map(literal).join(', ')})`;
    case 'is null':
    case 'is not null':
      return `${node.field} ${node.operator}`;
    default:
      return `${node.field} ${node.operator} ${literal(first)}`;
  }
}

function count(node: Tree): number {
  return 'kind' in node ? count(node.left) + count(node.right) : 1;
}

function likeMatches(pattern: string, value: string): boolean {
  const parts = pattern.toLowerCase().split('%');
  const lower = value.toLowerCase();
  if (parts.length === 1) return lower === parts[0];
  if (!lower.startsWith(parts[0]) || !lower.endsWith(parts[parts.length - 1])) return false;
  return lower.length >= parts[0].length + parts[parts.length - 1].length;
}

function evaluate(node: Tree, record: SandboxRecord): boolean {
  if ('kind' in node) return node.kind === 'and' ? evaluate(node.left, record) && evaluate(node.right, record) : evaluate(node.left, record) || evaluate(node.right, record);
  const stored = record[node.field] as number | string | null;
  if (node.operator === 'is null') return stored === null;
  if (node.operator === 'is not null') return stored !== null;
  if (stored === null) return false;
  const same = (value: number | string) => (typeof stored === 'string' ? stored.toLowerCase() === String(value).toLowerCase() : stored === value);
  const [first, second] = node.values;
  switch (node.operator) {
    case '=':
      return same(first);
    case '!=':
      return !same(first);
    case 'in':
      return node.values.some(same);
    case 'not in':
      return !node.values.some(same);
    case 'like':
      return likeMatches(String(first), String(stored));
    case 'not like':
      return !likeMatches(String(first), String(stored));
    case '>':
      return stored > first;
    case '>=':
      return stored >= first;
    case '<':
      return stored < first;
    case '<=':
      return stored <= first;
    case 'between':
      return stored >= first && stored <= second;
    case 'not between':
      return stored < first || stored > second;
  }
  return false;
}

describe('COQL criteria', () => {
  const fields: FieldMeta[] = [
    { api_name: 'A', data_type: 'integer' },
    { api_name: 'B', data_type: 'decimal' },
    { api_name: 'S', data_type: 'picklist' },
  ];
  const record = fc.record({
    A: fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }),
    B: fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }),
    S: fc.option(fc.constantFrom('Open', 'Closed', 'Reopened'), { nil: null }),
  });

  it('random criteria bracketed in pairs select the same records as a direct evaluator, in id order', () => {
    fc.assert(
      fc.property(tree.filter((node) => count(node) <= 25), fc.array(record, { maxLength: 12 }), (node, rows) => {
        const records = rows.map((row, index) => ({ id: String(7000 + index), ...row }));
        const source: CoqlSource = { module: (name) => (name === 'Deals' ? { fields, records } : undefined) };
        const result = runCoql(parseCoql(`select A, S from Deals where ${render(node, true)} limit 2000`), source);
        expect(result.rows.map((row) => row.id)).toEqual(records.filter((item) => evaluate(node, item)).map((item) => item.id));
        expect(result.moreRecords).toBe(false);
      }),
      { numRuns: 400 },
    );
  });
});

describe('COQL robustness', () => {
  const source: CoqlSource = {
    module: (name) => ({ Leads: { fields: LEAD_FIELDS, records: LEADS }, Accounts: { fields: ACCOUNT_FIELDS, records: ACCOUNTS } })[name],
  };
  const vocabulary = fc.constantFrom(
    'select', 'SELECT', 'from', 'where', 'and', 'or', 'not', 'is', 'null', 'in', 'like', 'between', 'order', 'by', 'asc', 'desc',
    'limit', 'offset', 'group', 'as', 'true', 'false', 'Leads', 'Accounts', 'Nope', 'id', 'Last_Name', 'Owner.name', 'Account_Name.Industry',
    'No_of_Employees', 'Created_Time', 'Email_Opt_Out', 'Interests', 'Description', 'Resume', ',', '(', ')', '=', '!=', '<>', '>', '<=',
    '*', ';', "'x'", "'%a%'", "'2024-03-01T00:00:00+00:00'", "'", '"', '0', '-1', '2001', '5725767000000000001', '1.5', '\n',
  );
  const query = fc.oneof(
    fc.string(),
    fc.array(vocabulary, { maxLength: 25 }).map((words) => words.join(' ')),
    fc.array(vocabulary, { maxLength: 20 }).map((words) => `select Last_Name, id from Leads where ${words.join(' ')}`),
  );

  it('any generated query parses or fails with a ZohoHttpError, and so does running it', () => {
    fc.assert(
      fc.property(query, (text) => {
        try {
          const parsed = parseCoql(text);
          const result = runCoql(parsed, source);
          expect(Array.isArray(result.rows)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(ZohoHttpError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
