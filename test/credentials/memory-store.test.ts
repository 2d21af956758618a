// The in-memory store: same contract as the file store, copies in and out, serialized updates per nickname.
import { MemoryCredentialStore } from '../../runtime/credentials';
import { HostError } from '../../runtime/errors';
import { secrets } from '../../runtime/secrets';
import type { Connection } from '../../runtime/types';

function connection(nickname: string, extra: Partial<Connection> = {}): Connection {
  return {
    nickname,
    connector: 'test-connector',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    settings: { n: 0 },
    secrets: { access_token: `mem-token-${nickname}-0123456789` },
    ...extra,
  };
}

async function caught(promise: Promise<unknown>): Promise<HostError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof HostError) return err;
    throw err;
  }
  throw new Error('expected a HostError, but the call succeeded');
}

test('starts with the initial connections and lists them by nickname', async () => {
  const store = new MemoryCredentialStore([connection('zeta'), connection('alpha')]);
  expect((await store.list()).map((c) => c.nickname)).toEqual(['alpha', 'zeta']);
  expect(await store.get('zeta')).toEqual(connection('zeta'));
  expect(await store.get('nobody')).toBeUndefined();
});

test('put, update and delete', async () => {
  const store = new MemoryCredentialStore();
  await store.put(connection('alpha'));
  await store.put(connection('alpha', { connector: 'replaced' }));
  expect((await store.get('alpha'))!.connector).toBe('replaced');
  const updated = await store.update('alpha', (c) => ({ ...c, settings: { n: 7 } }));
  expect(updated.settings.n).toBe(7);
  expect((await store.get('alpha'))!.settings.n).toBe(7);
  expect(await store.delete('alpha')).toBe(true);
  expect(await store.delete('alpha')).toBe(false);
  expect(await store.list()).toEqual([]);
});

test('callers cannot change stored state through objects given or returned', async () => {
  const initial = connection('alpha');
  const store = new MemoryCredentialStore([initial]);
  initial.settings.n = 99;
  const got = (await store.get('alpha'))!;
  got.secrets.access_token = 'mutated';
  (await store.list())[0]!.settings.n = 42;
  const returned = await store.update('alpha', (c) => {
    c.settings.n = 1; // mutating the argument must not matter either, unless returned
    return c;
  });
  returned.settings.n = 1000;
  const stored = (await store.get('alpha'))!;
  expect(stored.settings.n).toBe(1);
  expect(stored.secrets.access_token).toBe('mem-token-alpha-0123456789');

  const given = connection('beta');
  await store.put(given);
  given.secrets.access_token = 'mutated-after-put';
  expect((await store.get('beta'))!.secrets.access_token).toBe('mem-token-beta-0123456789');
});

test('updates of one nickname run one after another, even when the change is asynchronous', async () => {
  const store = new MemoryCredentialStore([connection('counter')]);
  // A plain-JavaScript caller may pass an async change; without serialization every one would read n = 0.
  const slowBump = (async (c: Connection) => {
    const n = c.settings.n as number;
    await new Promise((resolve) => setImmediate(resolve));
    return { ...c, settings: { n: n + 1 } };
  }) as unknown as (c: Connection) => Connection;
  await Promise.all(Array.from({ length: 25 }, () => store.update('counter', slowBump)));
  expect((await store.get('counter'))!.settings.n).toBe(25);
});

test('a failing change leaves the connection as it was and does not block later updates', async () => {
  const store = new MemoryCredentialStore([connection('alpha')]);
  await expect(
    store.update('alpha', () => {
      throw new Error('change failed');
    }),
  ).rejects.toThrow('change failed');
  expect((await store.get('alpha'))!.settings.n).toBe(0);
  expect((await store.update('alpha', (c) => ({ ...c, settings: { n: 1 } }))).settings.n).toBe(1);
});

test('unknown nicknames, invalid connections and renames are typed errors', async () => {
  const store = new MemoryCredentialStore([connection('alpha')]);
  expect(await caught(store.update('ghost', (c) => c))).toMatchObject({ code: 'CONNECTION_NOT_FOUND', category: 'auth' });
  expect(await caught(store.put({ ...connection('x'), settings: null as unknown as Record<string, unknown> }))).toMatchObject({ code: 'CONNECTION_INVALID' });
  expect(await caught(store.update('alpha', (c) => ({ ...c, nickname: 'beta' })))).toMatchObject({ code: 'CONNECTION_RENAME_REFUSED' });
  expect(() => new MemoryCredentialStore([{ nickname: 'bad' } as Connection])).toThrow(HostError);
});

test('secrets of stored connections are registered with the scrubber', async () => {
  const token = 'memory-secret-registered-0001';
  const store = new MemoryCredentialStore();
  expect(secrets.scrub(token)).toBe(token);
  await store.put(connection('alpha', { secrets: { access_token: token } }));
  expect(secrets.scrub(`a ${token}`)).toBe('a [REDACTED]');
  const refreshed = 'memory-secret-after-update-0002';
  await store.update('alpha', (c) => ({ ...c, secrets: { access_token: refreshed } }));
  expect(secrets.scrub(refreshed)).toBe('[REDACTED]');
});
