// The per-org limiter: never more than N in flight, the heavy sub-limit, sizes by edition, cancellation.
import { limiterFor, OrgLimiter, sizesFor } from '../../connector/limiter';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

async function flush() {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

test('at most `concurrency` tasks run at once, and every task runs', async () => {
  const limiter = new OrgLimiter({ concurrency: 3, heavyConcurrency: 2 });
  let running = 0;
  let max = 0;
  const g = gate();
  const tasks = Array.from({ length: 20 }, () =>
    limiter.run('default', async () => {
      running++;
      max = Math.max(max, running);
      await g.opened;
      running--;
      return 1;
    }),
  );
  await flush();
  expect(running).toBe(3);
  g.open();
  expect((await Promise.all(tasks)).length).toBe(20);
  expect(max).toBe(3);
  expect(limiter.stats()).toMatchObject({ inFlight: 0, maxInFlight: 3, waiting: 0 });
});

test('heavy calls keep their own lower limit and still count against the total', async () => {
  const limiter = new OrgLimiter({ concurrency: 4, heavyConcurrency: 2 });
  let heavy = 0;
  let all = 0;
  let maxHeavy = 0;
  let maxAll = 0;
  const task = (isHeavy: boolean) => async () => {
    all++;
    if (isHeavy) heavy++;
    maxAll = Math.max(maxAll, all);
    maxHeavy = Math.max(maxHeavy, heavy);
    await new Promise((r) => setTimeout(r, 1));
    all--;
    if (isHeavy) heavy--;
  };
  await Promise.all(Array.from({ length: 30 }, (_, i) => limiter.run(i % 2 ? 'heavy' : 'default', task(i % 2 === 1))));
  expect(maxHeavy).toBe(2);
  expect(maxAll).toBe(4);
});

test('a queued call can be cancelled and gives up its place', async () => {
  const limiter = new OrgLimiter({ concurrency: 1, heavyConcurrency: 1 });
  const g = gate();
  const first = limiter.run('default', () => g.opened);
  const ac = new AbortController();
  const second = limiter.run('default', async () => 'ran', ac.signal);
  ac.abort();
  await expect(second).rejects.toMatchObject({ code: 'CANCELLED' });
  g.open();
  await first;
  await expect(limiter.run('default', async () => 'third')).resolves.toBe('third');
});

test.each([
  [{}, 10, 10],
  [{ edition: 'Free' }, 5, 5],
  [{ edition: 'professional' }, 15, 10],
  [{ edition: 'Ultimate' }, 25, 10],
  [{ edition: 'enterprise', concurrency: 8 }, 8, 8],
  [{ concurrency: 20, heavyConcurrency: 4 }, 20, 4],
])('sizes for %j: %i in flight, %i heavy', (options, concurrency, heavy) => {
  expect(sizesFor(options)).toEqual({ concurrency, heavyConcurrency: heavy });
});

test('clients of the same org share one limiter', () => {
  const a = limiterFor('org:shared-test', { concurrency: 5, heavyConcurrency: 5 });
  const b = limiterFor('org:shared-test', { concurrency: 7, heavyConcurrency: 5 });
  expect(a).toBe(b);
  expect(a.stats().sizes.concurrency).toBe(7);
});
