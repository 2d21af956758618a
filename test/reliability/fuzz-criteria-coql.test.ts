// Fuzzing the criteria builder and COQL paging. test/connector/criteria.test.ts checks escaping against a
// one-line unescape and test/connector/sandbox-search.test.ts 30 values from a small alphabet; here any text
// (every code point, URL and criteria syntax, quotes, controls) and random and/or trees go through the URL
// encoding and Zoho's grammar as the sandbox parses it, then through real searches; COQL paging is checked
// against the sandbox's own records for random page sizes, limits and offsets, and COQL string quoting
// round-trips through real queries.
import { fc } from '@fast-check/jest';
import { serializeQuery } from '../../connector/client/base-url';
import type { ZohoClient } from '../../connector/client-factory';
import { buildCriteria, type Condition, type Criteria, type Operator } from '../../connector/criteria';
import { splitCoqlLimit } from '../../connector/pagination';
import { parseCriteria, type Criteria as Parsed } from '../../sandbox/query/criteria-parse';
import { anyText } from '../support/reliability-action-inputs';
import { recordFigures } from '../support/reliability-figures';
import { sandboxRecords } from '../support/reliability-sandbox-state';
import { startWorld, type World } from '../support/reliability-world';

const SEED = Number(process.env.RELIABILITY_SEED ?? 424242);
let world: World;
let client: ZohoClient;
const figures: Record<string, number | string> = {};

beforeAll(async () => {
  world = await startWorld({ label: 'fuzz-query', sandbox: { seed: 12, counts: { Leads: 420 } } });
  client = (await world.host.clientFor(world.nickname)) as ZohoClient;
});
afterAll(async () => {
  recordFigures('6 fuzzing (criteria, COQL)', 'criteria builder and COQL paging', figures);
  await world?.close();
});

/** The conditions of a parsed criteria tree, left to right. */
function conditions(tree: Parsed): { field: string; operator: string; values: string[] }[] {
  return tree.kind === 'condition' ? [{ field: tree.field, operator: tree.operator, values: tree.values }] : tree.operands.flatMap(conditions);
}

/** What a condition's values become as Zoho reads them. */
function asText(value: Condition['value']): string[] {
  return (Array.isArray(value) ? value : [value]).map((v) => (v === null ? 'null' : String(v)));
}

function leaves(c: Criteria): Condition[] {
  if (Array.isArray(c)) return (c as Criteria[]).flatMap(leaves);
  if ('and' in c) return c.and.flatMap(leaves);
  if ('or' in c) return c.or.flatMap(leaves);
  return [c as Condition];
}

const value = fc.oneof({ weight: 4, arbitrary: anyText(30) }, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
const operator = fc.constantFrom<Operator>('equals', 'not_equal', 'starts_with', 'greater_than', 'less_equal', 'in', 'between');
const condition: fc.Arbitrary<Condition> = fc.tuple(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,15}$/), operator, fc.array(value, { minLength: 1, maxLength: 5 })).map(([field, op, values]) => ({
  field,
  operator: op,
  value: op === 'in' ? values : op === 'between' ? [values[0]!, values[1] ?? values[0]!] : values[0]!,
}));
const tree: fc.Arbitrary<Criteria> = fc.letrec<{ node: Criteria }>((tie) => ({
  node: fc.oneof({ maxDepth: 3, depthIdentifier: 'criteria' }, condition, fc.record({ and: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }), fc.record({ or: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) })),
})).node.filter((c) => leaves(c).length <= 15);

test('any value, any and/or tree: built, URL-encoded and decoded, then parsed as Zoho reads it, gives back every value', () => {
  let runs = 0;
  fc.assert(
    fc.property(tree, (criteria) => {
      runs++;
      const text = buildCriteria(criteria);
      // Through the query string exactly as the client sends it and a server decodes it.
      const decoded = new URL(`http://zoho.invalid/?${serializeQuery({ criteria: text })}`).searchParams.get('criteria');
      expect(decoded).toBe(text);
      const parsed = conditions(parseCriteria(decoded!));
      expect(parsed).toEqual(leaves(criteria).map((c) => ({ field: c.field, operator: c.operator, values: asText(c.value) })));
    }),
    { numRuns: 4000, seed: SEED },
  );
  figures['criteria trees built, encoded and parsed back (values from every code point)'] = runs;
});

test('any value found by a real search: equals on a record holding it', async () => {
  let runs = 0;
  let serial = 0;
  await fc.assert(
    fc.asyncProperty(anyText(30), async (v) => {
      runs++;
      const name = `fz${++serial}q ${v}`;
      const created = await world.host.execute('create-record', { module: 'Leads', record: { Last_Name: name, Company: 'Fuzz' } }, { connection: world.nickname });
      if (!created.ok) throw new Error(`create failed: ${JSON.stringify(created.error)}`);
      const id = (created.output as { id: string }).id;
      const found = await world.host.execute('search-records', { module: 'Leads', criteria: [{ field: 'Last_Name', operator: 'equals', value: name }], fields: ['Last_Name'] }, { connection: world.nickname });
      if (!found.ok) throw new Error(`search failed for ${JSON.stringify(name)}: ${JSON.stringify(found.error)}`);
      const records = (found.output as { records: { id: string; Last_Name: string }[] }).records;
      expect(records.find((r) => r.id === id)?.Last_Name).toBe(name);
    }),
    { numRuns: 80, seed: SEED },
  );
  figures['values searched for through the sandbox, each found'] = runs;
}, 60_000);

test('COQL string quoting round-trips any value through real queries', async () => {
  let runs = 0;
  let serial = 0;
  await fc.assert(
    fc.asyncProperty(anyText(30), async (v) => {
      runs++;
      const name = `cq${++serial}w${v}`;
      const created = await world.host.execute('create-record', { module: 'Leads', record: { Last_Name: name, Company: 'Quote' } }, { connection: world.nickname });
      if (!created.ok) throw new Error(`create failed: ${JSON.stringify(created.error)}`);
      const query = `select Last_Name from Leads where Last_Name = '${name.replace(/'/g, "''")}'`;
      const result = await world.host.execute('execute-coql', { query }, { connection: world.nickname });
      if (!result.ok) throw new Error(`COQL failed for ${JSON.stringify(query)}: ${JSON.stringify(result.error)}`);
      expect((result.output as { records: { id: string; Last_Name: string }[] }).records).toEqual([{ id: (created.output as { id: string }).id, Last_Name: name }]);
    }),
    { numRuns: 60, seed: SEED },
  );
  figures['values quoted into COQL and found exactly'] = runs;
}, 60_000);

test('COQL paging: any page size, limit and offset give exactly the slice of the records, in order, with no gap or repeat', async () => {
  const all = (await sandboxRecords(world.sandbox, 'Leads')).map((r) => r.id).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
  const base = 'select id from Leads where id is not null order by id asc';
  let runs = 0;
  let calls = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 7, max: 160 }),
      fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
      fc.integer({ min: 0, max: 480 }),
      fc.option(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 300 })), { nil: undefined }),
      async (pageSize, limit, offset, own) => {
        runs++;
        const query = own ? `${base} LIMIT ${own[0]}, ${own[1]}` : base;
        const ids: string[] = [];
        for await (const page of client.coqlPages<{ id: string }>(query, { pageSize, offset, ...(limit !== undefined ? { limit } : {}) })) {
          calls++;
          ids.push(...page.records.map((r) => r.id));
        }
        const start = offset + (own?.[0] ?? 0);
        const count = Math.min(limit ?? Infinity, own?.[1] ?? Infinity);
        expect(ids).toEqual(all.slice(start, start + count));
      },
    ),
    { numRuns: 120, seed: SEED },
  );
  figures['COQL paging runs checked against the records (calls made)'] = `${runs} (${calls})`;
}, 60_000);

test('execute-coql: nextOffset continues exactly where a run stopped', async () => {
  const all = (await sandboxRecords(world.sandbox, 'Leads')).map((r) => r.id).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 150 }), fc.integer({ min: 0, max: 400 }), async (limit, offset) => {
      runs++;
      const res = await world.host.execute('execute-coql', { query: 'select id from Leads where id is not null order by id asc', limit, offset }, { connection: world.nickname });
      if (!res.ok) throw new Error(JSON.stringify(res.error));
      const out = res.output as { records: { id: string }[]; moreRecords: boolean; nextOffset?: number };
      expect(out.records.map((r) => r.id)).toEqual(all.slice(offset, offset + limit));
      if (offset + limit < all.length) expect(out.nextOffset).toBe(offset + limit);
      else expect(out.nextOffset).toBeUndefined();
    }),
    { numRuns: 60, seed: SEED },
  );
  figures['execute-coql limit/offset runs checked'] = runs;
}, 60_000);

test("splitCoqlLimit reads any trailing LIMIT form and never one inside a string", () => {
  let runs = 0;
  const space = fc.stringMatching(/^[ \t\n]{1,3}$/);
  const word = (w: string) => fc.constantFrom(w, w.toUpperCase(), w[0]!.toUpperCase() + w.slice(1));
  fc.assert(
    fc.property(
      fc.constantFrom("select id from Leads where Last_Name = 'x'", 'select id, Email from Contacts where id is not null order by id desc', "select id from Leads where Description = 'limit 5'"),
      fc.integer({ min: 0, max: 99_999 }),
      fc.integer({ min: 1, max: 2000 }),
      fc.constantFrom('count', 'offset-comma', 'offset-word', 'none'),
      space,
      word('limit'),
      word('offset'),
      fc.constantFrom('', ';', ' ;'),
      (base, a, b, form, ws, limitWord, offsetWord, end) => {
        runs++;
        const tail = form === 'count' ? `${ws}${limitWord}${ws}${b}` : form === 'offset-comma' ? `${ws}${limitWord}${ws}${a},${ws}${b}` : form === 'offset-word' ? `${ws}${limitWord} ${b}${ws}${offsetWord} ${a}` : '';
        const { base: rest, ...numbers } = splitCoqlLimit(`${base}${tail}${end}`);
        const split = { base: rest.trim(), ...numbers };
        if (form === 'none') expect(split).toEqual({ base });
        else expect(split).toEqual({ base, limit: b, ...(form === 'count' ? {} : { offset: a }) });
      },
    ),
    { numRuns: 2000, seed: SEED },
  );
  figures['trailing LIMIT forms parsed'] = runs;
});
