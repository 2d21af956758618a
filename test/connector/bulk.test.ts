// The bulk helper: calls of 100, results back in input order, 207 per item, whole-call failures, auth stops.
import { ConnectionError, HostError } from '../../runtime/errors';
import { chunk, runBulk } from '../../connector/bulk';
import type { ZohoResponse } from '../../connector/client/types';

const ok = (id: string) => ({ code: 'SUCCESS', details: { id }, message: 'record updated', status: 'success' });
const bad = (id: string) => ({ code: 'INVALID_DATA', details: { id }, message: 'record not deleted', status: 'error' });

test('chunk splits into calls of at most n', () => {
  expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  expect(chunk([], 100)).toEqual([]);
});

test('250 items go in three calls and come back in input order, with 207 items failing alone', async () => {
  const items = Array.from({ length: 250 }, (_, i) => `id${i}`);
  const sizes: number[] = [];
  const results = await runBulk<string>({
    items,
    send: async (part): Promise<ZohoResponse> => {
      sizes.push(part.length);
      const data = part.map((id) => (id === 'id150' ? bad(id) : ok(id)));
      return { status: data.some((d) => d.status === 'error') ? 207 : 200, headers: {}, data: { data } };
    },
  });
  expect(sizes).toEqual([100, 100, 50]);
  expect(results.map((r) => r.index)).toEqual(items.map((_, i) => i));
  expect(results.filter((r) => !r.ok).map((r) => r.index)).toEqual([150]);
  expect(results[150]).toMatchObject({ ok: false, error: { code: 'INVALID_DATA', hint: expect.stringContaining('id150') } });
  expect(results[3]).toMatchObject({ ok: true, code: 'SUCCESS', details: { id: 'id3' } });
});

test('an all-failed 400 answer in the data[] shape still gives one result per item', async () => {
  const results = await runBulk<string>({ items: ['a', 'b'], send: async (part) => ({ status: 400, headers: {}, data: { data: part.map(bad) } }) });
  expect(results.map((r) => r.ok)).toEqual([false, false]);
});

test('a call that fails as a whole marks its items and the other calls go on', async () => {
  let call = 0;
  const results = await runBulk<number>({
    items: Array.from({ length: 150 }, (_, i) => i),
    send: async (part) => {
      if (call++ === 0) throw new HostError({ code: 'OUTCOME_UNKNOWN', category: 'unknown_outcome', message: 'lost' });
      return { status: 200, headers: {}, data: { data: part.map((i) => ok(String(i))) } };
    },
  });
  expect(results.slice(0, 100).every((r) => !r.ok && r.error.code === 'OUTCOME_UNKNOWN' && r.wholeCall === true)).toBe(true);
  expect(results.slice(100).every((r) => r.ok)).toBe(true);
});

test('a connection problem stops the whole run', async () => {
  let calls = 0;
  await expect(
    runBulk<number>({
      items: Array.from({ length: 300 }, (_, i) => i),
      send: async () => {
        calls++;
        throw new ConnectionError('TOKEN_REVOKED', 'revoked');
      },
    }),
  ).rejects.toMatchObject({ code: 'TOKEN_REVOKED' });
  expect(calls).toBe(1);
});

test('progress is reported per call', async () => {
  const seen: number[] = [];
  await runBulk<number>({ items: Array.from({ length: 201 }, (_, i) => i), send: async (p) => ({ status: 200, headers: {}, data: { data: p.map((i) => ok(String(i))) } }), onProgress: (d) => seen.push(d) });
  expect(seen).toEqual([100, 200, 201]);
});
