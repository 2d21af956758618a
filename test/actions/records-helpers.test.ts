// The connector helpers behind the record actions, on cases the sandbox never produces: list pages without
import { bulkOutput } from '../../connector/bulk-report';
// Zoho's count, cap settings, and write answers without a result item or id.
import { assertBulkSize, DEFAULT_MAX_BULK_ITEMS, maxBulkItems } from '../../connector/bulk-item-cap';
import type { ZohoClient } from '../../connector/client/zoho-client';
import type { RecordsPage } from '../../connector/pagination';
import { collectList } from '../../connector/record-lists';
import { receiptOf, writeOne } from '../../connector/record-writes';

async function* pages(list: RecordsPage<number>[]): AsyncGenerator<RecordsPage<number>> {
  yield* list;
}

describe('collectList', () => {
  const page = (records: number[], fetched: number, more: boolean, info: Record<string, unknown> = {}): RecordsPage<number> => ({ records, info, fetched, moreRecords: more, nextPageToken: `after-${fetched}` });

  test('without a limit it stops after the first page and keeps its cursor', async () => {
    let pulled = 0;
    async function* counting() {
      for (const p of [page([1, 2], 2, true, { count: 2 }), page([3], 3, false, { count: 1 })]) {
        pulled++;
        yield p;
      }
    }
    expect(await collectList(counting())).toEqual({ records: [1, 2], count: 2, moreRecords: true, nextPageToken: 'after-2' });
    expect(pulled).toBe(1);
  });

  test('without Zoho\'s count, a page the limit ended on gives no cursor (it could skip records)', async () => {
    expect(await collectList(pages([page([1, 2], 2, true), page([3], 3, true)]), { limit: 3 })).toEqual({ records: [1, 2, 3], count: 3, moreRecords: true });
  });

  test('with Zoho\'s count, a page kept whole keeps its cursor', async () => {
    expect(await collectList(pages([page([1, 2], 2, true, { count: 2 })]), { limit: 2 })).toEqual({ records: [1, 2], count: 2, moreRecords: true, nextPageToken: 'after-2' });
  });

  test('no page (204 or 304) is an empty list', async () => {
    expect(await collectList(pages([]), { limit: 10 })).toEqual({ records: [], count: 0, moreRecords: false });
  });
});

describe('the bulk cap', () => {
  test.each([
    [undefined, DEFAULT_MAX_BULK_ITEMS],
    ['', DEFAULT_MAX_BULK_ITEMS],
    [' 250 ', 250],
  ])('ZCRM_MAX_BULK_ITEMS=%j gives %d', (value, expected) => {
    expect(maxBulkItems(value === undefined ? {} : { ZCRM_MAX_BULK_ITEMS: value })).toBe(expected);
  });

  test.each(['0', '-3', '2.5', 'ten'])('ZCRM_MAX_BULK_ITEMS=%j is an INVALID_SETTING', (value) => {
    expect(() => maxBulkItems({ ZCRM_MAX_BULK_ITEMS: value })).toThrow(expect.objectContaining({ code: 'INVALID_SETTING', category: 'input' }));
  });

  test('at the cap passes, one over is TOO_MANY_ITEMS', () => {
    expect(() => assertBulkSize(3, '/ids', { ZCRM_MAX_BULK_ITEMS: '3' })).not.toThrow();
    expect(() => assertBulkSize(4, '/ids', { ZCRM_MAX_BULK_ITEMS: '3' })).toThrow(expect.objectContaining({ code: 'TOO_MANY_ITEMS', details: { path: '/ids', count: 4, max: 3 } }));
  });
});

describe('one-record writes', () => {
  const fakeClient = (status: number, data: unknown) =>
    ({ connection: { nickname: 'fake', scopes: [] }, request: async () => ({ status, headers: {}, data }) }) as unknown as ZohoClient;

  test('an answer without a result item is UNEXPECTED_RESPONSE, with a hint to check before retrying', async () => {
    await expect(writeOne(fakeClient(200, { data: [] }), { method: 'PUT', path: '/Leads/1' })).rejects.toMatchObject({ code: 'UNEXPECTED_RESPONSE', category: 'remote', hint: expect.stringMatching(/check the record/) });
  });

  test('an error item in a 2xx answer is thrown as that Zoho error', async () => {
    const body = { data: [{ code: 'RECORD_LOCKED', details: { id: '1' }, message: 'locked', status: 'error' }] };
    await expect(writeOne(fakeClient(200, body), { method: 'PUT', path: '/Leads/1' })).rejects.toMatchObject({ code: 'RECORD_LOCKED', httpStatus: 400, hint: expect.stringMatching(/locked/) });
  });

  test('the receipt takes the id from the URL when Zoho leaves it out, and refuses to invent one', () => {
    expect(receiptOf({ Modified_Time: 't' }, '42')).toEqual({ id: '42', modifiedTime: 't' });
    expect(() => receiptOf({})).toThrow(expect.objectContaining({ code: 'UNEXPECTED_RESPONSE' }));
  });
});

describe('bulkOutput', () => {
  const failure = (index: number, wholeCall: boolean) => ({
    index,
    ok: false as const,
    error: { code: 'INVALID_MODULE', message: 'the module name given seems to be invalid', category: 'remote' as const, retryable: false, httpStatus: 400 },
    ...(wholeCall ? { wholeCall: true as const } : {}),
  });

  test('every call failing as a whole is thrown as that typed error', () => {
    expect(() => bulkOutput([failure(0, true), failure(1, true)], () => undefined)).toThrow(expect.objectContaining({ code: 'INVALID_MODULE', category: 'remote' }));
  });

  test('item failures, or a whole-call failure beside successes, are listed', () => {
    const ok = { index: 1, ok: true as const, code: 'SUCCESS', message: 'record deleted', details: { id: '1' } };
    expect(bulkOutput([failure(0, true), ok], () => undefined)).toMatchObject({ succeeded: 1, failed: 1 });
    expect(bulkOutput([failure(0, false), failure(1, false)], (i) => String(i))).toMatchObject({ succeeded: 0, failed: 2, results: [{ id: '0' }, { id: '1' }] });
  });
});
