// The search and COQL routes over the org's records (the parsers themselves are tested under query*).
import { selfClientToken, startHarness, type Harness } from './crm-harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ seed: 6, counts: { Leads: 300 } });
  await h.call('POST', '/crm/v8/Leads', {
    body: {
      data: [
        { Last_Name: 'Burns,B', First_Name: 'Monty', Company: 'Power (Plant)', Email: 'monty@plant.example', Phone: '+1 555-700-1234', Annual_Revenue: 5_000_000 },
        { Last_Name: 'Smithers', First_Name: 'Waylon', Company: 'Power (Plant)', Email: 'waylon@plant.example', Annual_Revenue: 10 },
      ],
    },
  });
});

afterAll(async () => {
  expect(h.internalErrors).toEqual([]);
  await h.sb.close();
});

const q = (criteria: string) => `/crm/v8/Leads/search?criteria=${encodeURIComponent(criteria)}`;

test('criteria with escapes, and/or, numbers; fields projection; 204 when nothing matches', async () => {
  const escaped = await h.get(q('(Last_Name:equals:Burns\\,B)'));
  expect(escaped.status).toBe(200);
  expect(escaped.json.data.map((r: { Last_Name: string }) => r.Last_Name)).toEqual(['Burns,B']);
  expect(escaped.json.info).toEqual({ per_page: 200, count: 1, page: 1, more_records: false });
  const both = await h.get(`${q('((Company:equals:Power \\(Plant\\))and(Annual_Revenue:greater_than:100))')}&fields=Last_Name`);
  expect(both.json.data).toEqual([{ id: expect.any(String), Last_Name: 'Burns,B' }]);
  const either = await h.get(q('((Last_Name:equals:Smithers)or(Last_Name:equals:Burns\\,B))'));
  expect(either.json.data).toHaveLength(2);
  expect((await h.get(q('(Last_Name:equals:Nobody Here)'))).status).toBe(204);
});

test('email, phone and word searches', async () => {
  expect((await h.get('/crm/v8/Leads/search?email=monty@plant.example')).json.data[0].Last_Name).toBe('Burns,B');
  expect((await h.get('/crm/v8/Leads/search?phone=7001234')).json.data[0].Last_Name).toBe('Burns,B');
  expect((await h.get('/crm/v8/Leads/search?word=Smithers')).json.data[0].Last_Name).toBe('Smithers');
  expect((await h.get('/crm/v8/Leads/search?word=a')).json.code).toBe('INVALID_QUERY');
  // criteria wins over the others
  const prio = await h.get(`${q('(Last_Name:equals:Smithers)')}&email=monty@plant.example`);
  expect(prio.json.data[0].Last_Name).toBe('Smithers');
});

test('search pages, sorted by id desc by default', async () => {
  const page1 = await h.get('/crm/v8/Leads/search?word=example&per_page=100');
  expect(page1.json.info.more_records).toBe(true);
  const page2 = await h.get('/crm/v8/Leads/search?word=example&per_page=100&page=2');
  const ids = [...page1.json.data, ...page2.json.data].map((r: { id: string }) => r.id);
  expect(new Set(ids).size).toBe(200);
  expect([...ids].sort().reverse()).toEqual(ids);
});

test('COQL: rows, more_records, 204, lookups by dot path, credits by rows', async () => {
  h.sb.resetStats();
  const res = await h.call('POST', '/crm/v8/coql', { body: { select_query: "select Last_Name, Email from Leads where Company = 'Power (Plant)' order by Last_Name asc" } });
  expect(res.status).toBe(200);
  expect(res.json.data.map((r: { Last_Name: string }) => r.Last_Name)).toEqual(['Burns,B', 'Smithers']);
  expect(res.json.info).toEqual({ count: 2, more_records: false });
  const limited = await h.call('POST', '/crm/v8/coql', { body: { select_query: 'select Last_Name from Leads where Last_Name is not null limit 5' } });
  expect(limited.json.info).toEqual({ count: 5, more_records: true });
  expect((await h.call('POST', '/crm/v8/coql', { body: { select_query: "select Last_Name from Leads where Last_Name = 'Nobody'" } })).status).toBe(204);
  const contacts = await h.call('POST', '/crm/v8/coql', { body: { select_query: 'select Last_Name, Account_Name.Account_Name from Contacts where Account_Name is not null limit 2' } });
  expect(contacts.status).toBe(200);
  expect(contacts.json.data[0]['Account_Name.Account_Name']).toEqual(expect.any(String));
  const before = h.sb.stats().credits.used;
  await h.call('POST', '/crm/v8/coql', { body: { select_query: 'select Last_Name from Leads where Last_Name is not null limit 250' } });
  expect(h.sb.stats().credits.used - before).toBe(2);
});

test('v2 search also needs ZohoSearch.securesearch.READ, as Zoho documents for v2', async () => {
  const withoutSearchScope = await selfClientToken(h.sb, ['ZohoCRM.modules.ALL']);
  expect((await h.get('/crm/v2/Leads/search?word=Smithers', { token: withoutSearchScope })).json.code).toBe('OAUTH_SCOPE_MISMATCH');
  const token = await selfClientToken(h.sb, ['ZohoCRM.modules.ALL', 'ZohoSearch.securesearch.READ']);
  const res = await h.get('/crm/v2/Leads/search?word=Smithers', { token });
  expect(res.status).toBe(200);
  expect(res.json.data[0].Last_Name).toBe('Smithers');
});
