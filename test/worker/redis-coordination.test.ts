// Redis locks and semaphores: exclusive, fenced, bounded, and freed within one lease when a holder dies (kill -9).
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { RedisCoordination } from '../../runtime/worker/redis-coordination';
import { REDIS_URL, deleteKeys, describeWithRedis, uniquePrefix } from './support/redis';

const REPO = resolve(__dirname, '..', '..');
const HOLDER = join(__dirname, 'support', 'lock-holder.ts');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts a holder process and resolves once it holds; returns its pid and what it printed. */
function holdInChild(prefix: string, what: 'lock' | 'slot', key: string, leaseMs: number): Promise<{ kill: () => void; line: string }> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', HOLDER, REDIS_URL, prefix, what, key, String(leaseMs)], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolveHeld, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      const line = d.toString().trim();
      if (line.startsWith('held')) resolveHeld({ kill: () => child.kill('SIGKILL'), line });
    });
    child.on('exit', (code) => reject(new Error(`holder exited with ${code}: ${err}`)));
  });
}

describeWithRedis('RedisCoordination', () => {
  let redis: Redis;
  let prefix: string;
  const coordinations: RedisCoordination[] = [];
  const coordination = (slotLeaseMs?: number) => {
    const c = new RedisCoordination({ redis, prefix, ...(slotLeaseMs ? { slotLeaseMs } : {}) });
    coordinations.push(c);
    return c;
  };

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  beforeEach(() => {
    prefix = `${uniquePrefix('coord')}:`;
  });
  afterEach(async () => {
    await Promise.all(coordinations.splice(0).map((c) => c.close()));
    await deleteKeys(redis, prefix);
  });
  afterAll(() => redis.quit());

  test('a lock has one holder at a time across instances, and fencing tokens grow with every grant', async () => {
    const instances = [coordination(), coordination(), coordination()];
    let inside = 0;
    let most = 0;
    const tokens: number[] = [];
    await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const lease = await instances[i % 3]!.lock('shared', 2000);
        inside++;
        most = Math.max(most, inside);
        tokens.push(lease.fencingToken);
        expect(lease.held()).toBe(true);
        await sleep(2);
        inside--;
        await lease.release();
        expect(lease.held()).toBe(false);
      }),
    );
    expect(most).toBe(1);
    expect(tokens).toEqual([...tokens].sort((a, b) => a - b));
    expect(new Set(tokens).size).toBe(30);
  });

  test('a lease is renewed while held, so a long holder keeps the lock past its lease time', async () => {
    const c = coordination();
    const lease = await c.lock('long', 300);
    await sleep(700);
    expect(lease.held()).toBe(true);
    const waiter = new AbortController();
    const other = c.lock('long', 300, waiter.signal);
    await sleep(200);
    waiter.abort();
    await expect(other).rejects.toMatchObject({ code: 'CANCELLED' });
    await lease.release();
  });

  test('a lock whose holder was killed (kill -9) is free again within one lease', async () => {
    const holder = await holdInChild(prefix, 'lock', 'crash', 1500);
    const heldToken = Number(holder.line.split(' ')[1]);
    const c = coordination();
    const early = new AbortController();
    setTimeout(() => early.abort(), 300);
    await expect(c.lock('crash', 1500, early.signal)).rejects.toMatchObject({ code: 'CANCELLED' });
    holder.kill();
    // Nobody releases it: only the lease running out lets this through (else the test times out).
    const lease = await c.lock('crash', 1500);
    expect(lease.fencingToken).toBeGreaterThan(heldToken);
    await lease.release();
  });

  test('a semaphore never lets more than its limit in, across instances', async () => {
    const instances = [coordination(), coordination(), coordination(), coordination()];
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 80 }, async (_, i) => {
        const release = await instances[i % 4]!.semaphore('org', 3).acquire();
        inside++;
        most = Math.max(most, inside);
        await sleep(3);
        inside--;
        await release();
      }),
    );
    expect(most).toBe(3);
    expect(await redis.zcard(`${prefix}sem:org`)).toBe(0);
  });

  test('a waiter for a slot can be cancelled, and its turn passes to the next', async () => {
    const c = coordination();
    const sem = c.semaphore('cancel', 1);
    const release = await sem.acquire();
    const controller = new AbortController();
    const cancelled = sem.acquire(controller.signal);
    const next = sem.acquire();
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
    await release();
    const releaseNext = await next;
    expect(await redis.zcard(`${prefix}sem:cancel`)).toBe(1);
    await releaseNext();
  });

  test('the slot of a holder killed with kill -9 is freed after its lease', async () => {
    const holder = await holdInChild(prefix, 'slot', 'crash-slot', 1200);
    const sem = coordination(1200).semaphore('crash-slot', 1);
    const early = new AbortController();
    setTimeout(() => early.abort(), 300);
    await expect(sem.acquire(early.signal)).rejects.toMatchObject({ code: 'CANCELLED' });
    holder.kill();
    const release = await sem.acquire();
    await release();
  });
});
