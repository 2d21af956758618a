// Refresh single-flight across processes: N processes (each its own store instance, session and coordination,
// as separate workers have) with an expired token make exactly one token request per expiry.
import { Redis } from 'ioredis';
import { createZohoClient } from '../../connector/client-factory';
import { packagedConnectionSpec } from '../../connector/spec';
import { RedisCredentialStore } from '../../runtime/credentials/redis-store';
import { createLogger } from '../../runtime/logger';
import type { Connection } from '../../runtime/types';
import { RedisCoordination } from '../../runtime/worker/redis-coordination';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { REDIS_URL, deleteKeys, describeWithRedis, uniquePrefix } from './support/redis';
import { sandboxConnection } from './support/sandbox-connections';

const SECRET = 'shared-refresh-test-secret';
const SPEC = packagedConnectionSpec().auth;
const log = createLogger({ level: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeWithRedis('token refresh across processes', () => {
  let redis: Redis;
  let sandbox: RunningSandbox;
  let prefix: string;
  const coordinations: RedisCoordination[] = [];

  beforeAll(async () => {
    redis = new Redis(REDIS_URL);
    sandbox = await startSandbox();
  });
  beforeEach(() => {
    prefix = uniquePrefix('refresh');
    sandbox.reset();
  });
  afterEach(async () => {
    await Promise.all(coordinations.splice(0).map((c) => c.close()));
    await deleteKeys(redis, prefix);
  });
  afterAll(async () => {
    await sandbox.close();
    await redis.quit();
  });

  /** `count` processes' worth of clients of one stored connection: each its own store instance (so its own session). */
  async function processes(connection: Connection, count: number, shared: boolean) {
    await new RedisCredentialStore({ redis, secret: SECRET, prefix: `${prefix}:store:` }).put(connection);
    return Array.from({ length: count }, () => {
      const store = new RedisCredentialStore({ redis, secret: SECRET, prefix: `${prefix}:store:` });
      const coordination = new RedisCoordination({ redis, prefix: `${prefix}:coord:` });
      coordinations.push(coordination);
      return createZohoClient({ connection, store, log, spec: SPEC, ...(shared ? { coordination } : {}) });
    });
  }

  const refreshes = () => sandbox.stats().tokenRequests.byGrantType.refresh_token ?? 0;
  const callAll = (clients: ReturnType<typeof createZohoClient>[], perClient: number) => Promise.all(clients.flatMap((c) => Array.from({ length: perClient }, () => c.get('/org'))));

  test('4 processes with no token, 25 calls each: one token request, saved for all', async () => {
    const connection = await sandboxConnection(sandbox, 'one');
    sandbox.resetStats();
    await callAll(await processes(connection, 4, true), 25);
    expect(refreshes()).toBe(1);
    const stored = (await new RedisCredentialStore({ redis, secret: SECRET, prefix: `${prefix}:store:` }).get('one'))!;
    expect(stored.settings.tokenMints).toHaveLength(1);
    expect(typeof stored.settings.tokenFence).toBe('number');
  });

  test('without the shared lock the same processes ask for several tokens (what the lock prevents)', async () => {
    const connection = await sandboxConnection(sandbox, 'unshared');
    sandbox.resetStats();
    await callAll(await processes(connection, 4, false), 25);
    expect(refreshes()).toBeGreaterThan(1);
  });

  test('short-lived tokens: one request per expiry, also from processes that only adopted the token', async () => {
    sandbox.setConfig({ accessTokenTtlSec: 2 });
    const connection = await sandboxConnection(sandbox, 'short');
    sandbox.resetStats();
    const clients = await processes(connection, 4, true);
    await callAll(clients, 10);
    expect(refreshes()).toBe(1);
    // Past 90% of the lifetime every process wants a new token at once.
    await sleep(1900);
    await callAll(clients, 10);
    expect(refreshes()).toBe(2);
    expect(sandbox.stats().byRoute).not.toHaveProperty(['GET /crm/{version}/org', '401']);
  });
});
