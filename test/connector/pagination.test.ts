// Paging strategies with scripted answers: page numbers to 2,000 then page_token, limits, 204, COQL offsets.
import { coqlPages, recordPages, splitCoqlLimit, type ListBody } from '../../connector/pagination';
import type { Query } from '../../connector/client/types';

/** A fake list endpoint over `total` records that behaves like Zoho v8 (2,000 discrete reach, tokens). */
function zohoList(total: number) {
  const calls: Query[] = [];
  const fetchPage = async (q: Query): Promise<ListBody<{ n: number }> | undefined> => {
    calls.push(q);
    const per = Number(q.per_page);
    const start = q.page_token ? Number(String(q.page_token).slice(4)) : (Number(q.page) - 1) * per;
    if (!q.page_token && start + per > 2000 && start >= 2000) throw new Error('DISCRETE_PAGINATION_LIMIT_EXCEEDED');
    const data = Array.from({ length: Math.max(0, Math.min(per, total - start)) }, (_, i) => ({ n: start + i }));
    if (data.length === 0) return undefined;
    const more = start + data.length < total;
    return { data, info: { more_records: more, per_page: per, count: data.length, next_page_token: more ? `tok-${start + data.length}` : null } };
  };
  return { calls, fetchPage };
}

async function collect<T>(it: AsyncIterable<{ records: T[] }>): Promise<T[]> {
  const out: T[] = [];
  for await (const p of it) out.push(...p.records);
  return out;
}

test('pages 1..10 by number, then continues with page_token past 2,000', async () => {
  const { calls, fetchPage } = zohoList(2450);
  const records = await collect(recordPages(fetchPage, { query: { fields: 'Last_Name' } }));
  expect(records.map((r) => r.n)).toEqual(Array.from({ length: 2450 }, (_, i) => i));
  expect(calls.slice(0, 10).map((c) => c.page)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  expect(calls[10]).toEqual({ fields: 'Last_Name', per_page: 200, page_token: 'tok-2000' });
  expect(calls.every((c) => c.fields === 'Last_Name')).toBe(true);
});

test('a limit stops early and trims the last page', async () => {
  const { calls, fetchPage } = zohoList(5000);
  const pages = [];
  for await (const p of recordPages(fetchPage, { limit: 450 })) pages.push(p);
  expect(pages.map((p) => p.records.length)).toEqual([200, 200, 50]);
  expect(pages[2]).toMatchObject({ fetched: 450, moreRecords: true });
  expect(calls).toHaveLength(3);
});

test('204 (no records) ends at once', async () => {
  const { fetchPage } = zohoList(0);
  expect(await collect(recordPages(fetchPage))).toEqual([]);
});

test('without a next_page_token past 2,000 (search) it stops instead of asking for page 11', async () => {
  const calls: Query[] = [];
  const fetchPage = async (q: Query) => {
    calls.push(q);
    return { data: Array.from({ length: 200 }, (_, i) => ({ i })), info: { more_records: true } };
  };
  expect(await collect(recordPages(fetchPage))).toHaveLength(2000);
  expect(calls).toHaveLength(10);
});

test('continues from a page_token given by the caller', async () => {
  const { calls, fetchPage } = zohoList(3500);
  const first = await recordPages(fetchPage, { pageToken: 'tok-2800' }).next();
  expect(calls[0]).toMatchObject({ page_token: 'tok-2800' });
  expect(first.value).toMatchObject({ records: expect.any(Array), nextPageToken: 'tok-3000' });
});

test('memory stays flat: pages are produced one at a time, on demand', async () => {
  const { calls, fetchPage } = zohoList(100_000);
  const it = recordPages(fetchPage);
  await it.next();
  await it.next();
  expect(calls).toHaveLength(2);
  await it.return(undefined);
});

test('COQL pages with LIMIT offset, count and stops when Zoho says no more', async () => {
  const queries: string[] = [];
  const run = async (q: string) => {
    queries.push(q);
    const [, offset, count] = /LIMIT (\d+), (\d+)$/.exec(q)!.map(Number);
    const total = 4500;
    const data = Array.from({ length: Math.max(0, Math.min(count!, total - offset!)) }, (_, i) => ({ n: offset! + i }));
    return data.length ? { data, info: { count: data.length, more_records: offset! + data.length < total } } : undefined;
  };
  const rows = await collect(coqlPages(run, 'select Last_Name from Leads where Last_Name is not null'));
  expect(rows).toHaveLength(4500);
  expect(queries).toEqual([
    'select Last_Name from Leads where Last_Name is not null LIMIT 0, 2000',
    'select Last_Name from Leads where Last_Name is not null LIMIT 2000, 2000',
    'select Last_Name from Leads where Last_Name is not null LIMIT 4000, 2000',
  ]);
});

test('COQL never reads past 100,000 rows and says when it was cut', async () => {
  const run = async (q: string) => {
    const [, , count] = /LIMIT (\d+), (\d+)$/.exec(q)!.map(Number);
    return { data: Array.from({ length: count! }, () => ({})), info: { more_records: true } };
  };
  const pages = [];
  for await (const p of coqlPages(run, 'select id from Leads where id is not null', { offset: 99_000 })) pages.push(p);
  expect(pages.map((p) => p.records.length)).toEqual([1000]);
  expect(pages[0]).toMatchObject({ truncated: true });
});

test.each([
  ['select id from Leads where a = 1 limit 50', { limit: 50 }],
  ['select id from Leads where a = 1 LIMIT 10, 50;', { offset: 10, limit: 50 }],
  ['select id from Leads where a = 1 limit 50 offset 10', { offset: 10, limit: 50 }],
  ["select id from Leads where Name = 'limit 5'", {}],
])('splitCoqlLimit(%j)', (q, expected) => {
  const { base: _base, ...rest } = splitCoqlLimit(q);
  expect(rest).toEqual(expected);
});

test('a LIMIT in the query is honoured', async () => {
  const queries: string[] = [];
  const run = async (q: string) => {
    queries.push(q);
    return { data: Array.from({ length: 30 }, () => ({})), info: { more_records: true } };
  };
  expect(await collect(coqlPages(run, 'select id from Leads where id is not null limit 5, 30'))).toHaveLength(30);
  expect(queries).toEqual(['select id from Leads where id is not null LIMIT 5, 30']);
});
