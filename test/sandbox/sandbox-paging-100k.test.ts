// 100,000 seeded Leads page through with page_token: every record once, in order, then more_records false.
import { startHarness, type Harness } from './crm-harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ seed: 11, counts: { Leads: 100_000 } });
});

afterAll(async () => {
  expect(h.internalErrors).toEqual([]);
  await h.sb.close();
});

test('pages through 100,000 leads with page_token, 200 at a time', async () => {
  const seen = new Set<string>();
  let previous = '9999999999999999999';
  let outOfOrder = 0;
  let token: string | null = null;
  let pages = 0;
  for (;;) {
    const res = await h.get(`/crm/v8/Leads?fields=Last_Name&per_page=200${token ? `&page_token=${token}` : ''}`);
    if (res.status !== 200) throw new Error(`page ${pages + 1}: ${res.status} ${res.text}`);
    pages++;
    for (const r of res.json.data as Array<{ id: string }>) {
      if (!(r.id < previous)) outOfOrder++;
      previous = r.id;
      seen.add(r.id);
    }
    if (!res.json.info.more_records) {
      expect(res.json.info.next_page_token).toBeNull();
      break;
    }
    token = res.json.info.next_page_token;
  }
  expect(outOfOrder).toBe(0);
  expect(pages).toBe(500);
  expect(seen.size).toBe(100_000);
}, 60_000);

test('a token past 100,000 records is PAGINATION_LIMIT_EXCEEDED', async () => {
  h.sb.seed('Leads', 300);
  let token: string | null = null;
  let fetched = 0;
  for (;;) {
    const res = await h.get(`/crm/v8/Leads?fields=id&per_page=200${token ? `&page_token=${token}` : ''}`);
    if (res.status !== 200) {
      expect(fetched).toBe(100_000);
      expect(res.json).toEqual({ code: 'PAGINATION_LIMIT_EXCEEDED', details: { param_name: 'page_token' }, message: 'You can only get upto 100000 records using page_token param', status: 'error' });
      break;
    }
    fetched += res.json.data.length;
    token = res.json.info.next_page_token;
  }
}, 60_000);
