// The Redis credential store: same contract as the file store, encrypted at rest, and update() atomic across writers.
import { Redis } from 'ioredis';
import { RedisCredentialStore } from '../../runtime/credentials/redis-store';
import type { Connection } from '../../runtime/types';
import { REDIS_URL, deleteKeys, describeWithRedis, uniquePrefix } from './support/redis';

const SECRET = 'worker-test-secret-0123456789';

function connection(nickname: string, refreshToken = `1000.${nickname}refresh0123456789abcdef.0123456789abcdef01`): Connection {
  const now = new Date().toISOString();
  return { nickname, connector: 'zoho-crm', createdAt: now, updatedAt: now, settings: { region: 'us', counter: 0 }, secrets: { clientSecret: 'client-secret-value-1', refreshToken } };
}

describeWithRedis('RedisCredentialStore', () => {
  let redis: Redis;
  let prefix: string;
  const store = (secret = SECRET) => new RedisCredentialStore({ redis, secret, prefix });

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  beforeEach(() => {
    prefix = `${uniquePrefix('store')}:`;
  });
  afterEach(() => deleteKeys(redis, prefix));
  afterAll(() => redis.quit());

  test('put, get, list, update and delete round-trip through another instance', async () => {
    const a = store();
    await a.put(connection('alpha'));
    await a.put(connection('beta'));
    const b = store();
    expect((await b.list()).map((c) => c.nickname)).toEqual(['alpha', 'beta']);
    expect((await b.get('alpha'))!.secrets.clientSecret).toBe('client-secret-value-1');
    const updated = await b.update('alpha', (c) => ({ ...c, settings: { ...c.settings, counter: 7 } }));
    expect(updated.settings.counter).toBe(7);
    expect((await a.get('alpha'))!.settings.counter).toBe(7);
    expect(await a.delete('alpha')).toBe(true);
    expect(await a.delete('alpha')).toBe(false);
    expect(await b.get('alpha')).toBeUndefined();
    expect((await b.list()).map((c) => c.nickname)).toEqual(['beta']);
  });

  test('secrets are encrypted at rest: no Redis value holds them in clear', async () => {
    await store().put(connection('gamma'));
    const keys = await redis.keys(`${prefix}*`);
    const values = await Promise.all(keys.map(async (k) => ((await redis.type(k)) === 'string' ? await redis.get(k) : (await redis.smembers(k)).join(','))));
    const all = values.join('\n');
    expect(all).not.toContain('client-secret-value-1');
    expect(all).not.toContain('gammarefresh');
    expect(all).toContain('aes-256-gcm');
  });

  test('another ZCRM_SECRET cannot read the connections, and says so', async () => {
    await store().put(connection('delta'));
    await expect(store('some-other-secret-entirely').get('delta')).rejects.toMatchObject({ code: 'CREDENTIAL_STORE_LOCKED' });
  });

  test('a store without ZCRM_SECRET is refused', () => {
    expect(() => new RedisCredentialStore({ redis, secret: undefined, prefix })).toThrow(expect.objectContaining({ code: 'ZCRM_SECRET_REQUIRED' }));
  });

  test('an entry copied under another nickname is refused, not served under the false name', async () => {
    await store().put(connection('echo'));
    await redis.set(`${prefix}connection:foxtrot`, (await redis.get(`${prefix}connection:echo`))!);
    await expect(store().get('foxtrot')).rejects.toMatchObject({ code: 'CREDENTIAL_STORE_CORRUPT' });
  });

  test('update of an unknown nickname fails with CONNECTION_NOT_FOUND', async () => {
    await expect(store().update('nobody', (c) => c)).rejects.toMatchObject({ code: 'CONNECTION_NOT_FOUND' });
  });

  test('200 concurrent increments from 4 store instances lose none (compare-and-set)', async () => {
    await store().put(connection('counter'));
    const writers = [store(), store(), store(), store()];
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => writers[i % 4]!.update('counter', (c) => ({ ...c, settings: { ...c.settings, counter: (c.settings.counter as number) + 1 } }))),
    );
    expect((await store().get('counter'))!.settings.counter).toBe(200);
  });
});
