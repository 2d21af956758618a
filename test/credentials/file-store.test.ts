// The encrypted file store in one process: round trip, encryption at rest, modes, typed errors that leave the file alone.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileCredentialStore, KEY_FILE_NAME, STORE_FILE_NAME, openDefaultStore } from '../../runtime/credentials';
import { HostError } from '../../runtime/errors';
import { secrets } from '../../runtime/secrets';
import type { Connection } from '../../runtime/types';

let root: string;
let dir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cred-file-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});
beforeEach(async () => {
  dir = join(await mkdtemp(join(root, 'case-')), 'home');
});

function connection(nickname: string, extra: Partial<Connection> = {}): Connection {
  return {
    nickname,
    connector: 'test-connector',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    settings: { region: 'eu', apiDomain: 'https://api.example.test' },
    secrets: { access_token: `at-${randomBytes(12).toString('hex')}`, refresh_token: `rt-${randomBytes(12).toString('hex')}` },
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

const mode = async (path: string) => (await stat(path)).mode & 0o777;
const storeFile = () => join(dir, STORE_FILE_NAME);

describe('round trip', () => {
  test('put, get, list, update and delete, seen by a second instance', async () => {
    const store = new FileCredentialStore({ dir });
    expect(await store.list()).toEqual([]);
    const a = connection('alpha');
    const b = connection('beta');
    await store.put(b);
    await store.put(a);

    const other = new FileCredentialStore({ dir });
    expect(await other.list()).toEqual([a, b]);
    expect(await other.get('beta')).toEqual(b);
    expect(await other.get('missing')).toBeUndefined();

    const updated = await other.update('alpha', (c) => ({ ...c, settings: { ...c.settings, userId: '42' }, updatedAt: '2026-02-02T00:00:00.000Z' }));
    expect(updated.settings.userId).toBe('42');
    expect((await store.get('alpha'))?.settings.userId).toBe('42');

    expect(await store.delete('beta')).toBe(true);
    expect(await store.delete('beta')).toBe(false);
    expect((await other.list()).map((c) => c.nickname)).toEqual(['alpha']);
  });

  test('put replaces a connection of the same nickname', async () => {
    const store = new FileCredentialStore({ dir });
    await store.put(connection('alpha'));
    const replacement = connection('alpha', { connector: 'other' });
    await store.put(replacement);
    expect(await store.list()).toEqual([replacement]);
  });

  test('callers get copies and cannot change stored state', async () => {
    const store = new FileCredentialStore({ dir });
    const a = connection('alpha');
    await store.put(a);
    a.secrets.access_token = 'changed-by-caller';
    const got = (await store.get('alpha'))!;
    expect(got.secrets.access_token).not.toBe('changed-by-caller');
    got.settings.region = 'mutated';
    expect((await store.get('alpha'))!.settings.region).toBe('eu');
  });

  test('update of an unknown nickname is CONNECTION_NOT_FOUND and writes nothing', async () => {
    const store = new FileCredentialStore({ dir });
    await store.put(connection('alpha'));
    const before = await readFile(storeFile());
    const err = await caught(store.update('ghost', (c) => c));
    expect(err).toMatchObject({ code: 'CONNECTION_NOT_FOUND', category: 'auth' });
    expect(err.hint).toContain('alpha');
    expect(await readFile(storeFile())).toEqual(before);
  });

  test('an invalid connection or a renaming update is refused', async () => {
    const store = new FileCredentialStore({ dir });
    expect(await caught(store.put({ ...connection('x'), secrets: { n: 5 as unknown as string } }))).toMatchObject({ code: 'CONNECTION_INVALID' });
    expect(await caught(store.put({ ...connection('x'), nickname: '' }))).toMatchObject({ code: 'CONNECTION_INVALID' });
    await store.put(connection('alpha'));
    expect(await caught(store.update('alpha', (c) => ({ ...c, nickname: 'beta' })))).toMatchObject({ code: 'CONNECTION_RENAME_REFUSED' });
    expect((await store.list()).map((c) => c.nickname)).toEqual(['alpha']);
  });

  test('concurrent updates from two instances in one process lose none', async () => {
    const one = new FileCredentialStore({ dir });
    const two = new FileCredentialStore({ dir });
    await one.put(connection('counter', { settings: { n: 0 } }));
    const bump = (c: Connection) => ({ ...c, settings: { n: (c.settings.n as number) + 1 } });
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? one : two).update('counter', bump)));
    expect((await one.get('counter'))!.settings.n).toBe(20);
  });
});

describe('at rest', () => {
  test('the file never holds a secret, a setting or a nickname in plain text', async () => {
    const store = new FileCredentialStore({ dir });
    const conns = [connection('alpha-nick'), connection('beta-nick')];
    for (const c of conns) await store.put(c);
    await store.update('alpha-nick', (c) => ({ ...c, secrets: { ...c.secrets, client_secret: 'cs-0123456789abcdef' } }));
    const bytes = await readFile(storeFile());
    const text = bytes.toString('latin1');
    const needles = ['cs-0123456789abcdef', 'alpha-nick', 'api.example.test', ...conns.flatMap((c) => Object.values(c.secrets))];
    for (const needle of needles) {
      expect(text).not.toContain(needle);
      expect(text).not.toContain(Buffer.from(needle).toString('base64').slice(0, 16));
    }
    const envelope = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(envelope).sort()).toEqual(['cipher', 'ciphertext', 'format', 'iv', 'kdf', 'tag', 'version']);
    expect(envelope).toMatchObject({ version: 1, cipher: 'aes-256-gcm', kdf: { name: 'key-file' } });
  });

  test('modes: folder 0700, store and key file 0600, kept after every write', async () => {
    const store = new FileCredentialStore({ dir });
    await store.put(connection('alpha'));
    expect(await mode(dir)).toBe(0o700);
    expect(await mode(storeFile())).toBe(0o600);
    expect(await mode(join(dir, KEY_FILE_NAME))).toBe(0o600);
    await chmod(storeFile(), 0o644);
    await store.put(connection('beta'));
    expect(await mode(storeFile())).toBe(0o600);
    await store.delete('beta');
    expect(await mode(storeFile())).toBe(0o600);
  });

  test('every secret loaded from the file is registered with the scrubber', async () => {
    const a = connection('alpha');
    await new FileCredentialStore({ dir }).put(a);
    secrets.clear();
    expect(secrets.scrub(a.secrets.access_token!)).toBe(a.secrets.access_token);
    await new FileCredentialStore({ dir }).list();
    expect(secrets.scrub(`x ${a.secrets.access_token} y ${a.secrets.refresh_token}`)).toBe('x [REDACTED] y [REDACTED]');
  });

  test('with a secret (ZCRM_SECRET): scrypt with a salt in the envelope, no key file, round trip', async () => {
    const secret = 'correct horse battery staple';
    const a = connection('alpha');
    await new FileCredentialStore({ dir, secret }).put(a);
    expect(await readdir(dir)).not.toContain(KEY_FILE_NAME);
    const envelope = JSON.parse(await readFile(storeFile(), 'utf8')) as { kdf: Record<string, unknown> };
    expect(envelope.kdf).toMatchObject({ name: 'scrypt', N: expect.any(Number), r: expect.any(Number), p: expect.any(Number) });
    expect(Buffer.from(envelope.kdf.salt as string, 'base64')).toHaveLength(16);
    expect(await new FileCredentialStore({ dir, secret }).list()).toEqual([a]);
    expect(secrets.scrub(secret)).toBe('[REDACTED]');
  });

  test('openDefaultStore uses ZCRM_HOME and ZCRM_SECRET', async () => {
    const store = openDefaultStore({ ZCRM_HOME: dir, ZCRM_SECRET: 'a-secret-for-the-default-store' });
    expect(store.file).toBe(storeFile());
    await store.put(connection('alpha'));
    expect(JSON.parse(await readFile(storeFile(), 'utf8'))).toMatchObject({ kdf: { name: 'scrypt' } });
    expect(openDefaultStore({ ZCRM_HOME: dir }).file).toBe(storeFile());
  });
});

describe('a store that cannot be opened is reported and left untouched', () => {
  /** Runs a read and a write against `store`; both must fail with `code`, and the folder must be byte-identical. */
  async function expectRefused(store: FileCredentialStore, code: string): Promise<HostError> {
    const before = await snapshot();
    const readErr = await caught(store.list());
    const writeErr = await caught(store.put(connection('newcomer')));
    const deleteErr = await caught(store.delete('alpha'));
    for (const err of [readErr, writeErr, deleteErr]) expect(err.code).toBe(code);
    expect(await snapshot()).toEqual(before);
    return readErr;
  }

  async function snapshot(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const name of (await readdir(dir)).sort()) {
      out[name] = name.endsWith('.lock') ? 'lock' : (await readFile(join(dir, name))).toString('base64');
    }
    return out;
  }

  test('a different ZCRM_SECRET: CREDENTIAL_STORE_LOCKED, with the hint', async () => {
    await new FileCredentialStore({ dir, secret: 'the-original-secret' }).put(connection('alpha'));
    const err = await expectRefused(new FileCredentialStore({ dir, secret: 'some-other-secret' }), 'CREDENTIAL_STORE_LOCKED');
    expect(err.message).toContain('could not be decrypted with this key');
    expect(err.message).toContain(storeFile());
    expect(err.hint).toMatch(/ZCRM_SECRET differs.*move the file away/);
    expect(err.category).toBe('auth');
  });

  test('a replaced key file: CREDENTIAL_STORE_LOCKED, and the key file is not touched either', async () => {
    await new FileCredentialStore({ dir }).put(connection('alpha'));
    await writeFile(join(dir, KEY_FILE_NAME), `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    const err = await expectRefused(new FileCredentialStore({ dir }), 'CREDENTIAL_STORE_LOCKED');
    expect(err.hint).toMatch(/key file .* was replaced.*Restore/);
  });

  test('a missing key file: CREDENTIAL_STORE_LOCKED, and no new key file is made', async () => {
    await new FileCredentialStore({ dir }).put(connection('alpha'));
    await rm(join(dir, KEY_FILE_NAME));
    const err = await expectRefused(new FileCredentialStore({ dir }), 'CREDENTIAL_STORE_LOCKED');
    expect(err.message).toContain('missing');
    expect(await readdir(dir)).not.toContain(KEY_FILE_NAME);
  });

  test('a secret-keyed store without ZCRM_SECRET, and a key-file store with it: CREDENTIAL_STORE_LOCKED', async () => {
    await new FileCredentialStore({ dir, secret: 'the-original-secret' }).put(connection('alpha'));
    const err = await expectRefused(new FileCredentialStore({ dir }), 'CREDENTIAL_STORE_LOCKED');
    expect(err.hint).toContain('ZCRM_SECRET');

    dir = join(await mkdtemp(join(root, 'case-')), 'home');
    await new FileCredentialStore({ dir }).put(connection('alpha'));
    const err2 = await expectRefused(new FileCredentialStore({ dir, secret: 'now-a-secret' }), 'CREDENTIAL_STORE_LOCKED');
    expect(err2.hint).toContain('Unset ZCRM_SECRET');
  });

  test('tampered ciphertext fails authentication: CREDENTIAL_STORE_LOCKED', async () => {
    await new FileCredentialStore({ dir }).put(connection('alpha'));
    const envelope = JSON.parse(await readFile(storeFile(), 'utf8')) as { ciphertext: string };
    const bytes = Buffer.from(envelope.ciphertext, 'base64');
    bytes[0] = bytes[0]! ^ 0xff;
    await writeFile(storeFile(), JSON.stringify({ ...envelope, ciphertext: bytes.toString('base64') }), { mode: 0o600 });
    await expectRefused(new FileCredentialStore({ dir }), 'CREDENTIAL_STORE_LOCKED');
  });

  test.each([
    ['not JSON', () => 'this is not json {'],
    ['empty', () => ''],
    ['truncated', (text: string) => text.slice(0, Math.floor(text.length / 2))],
    ['not an object', () => '[1,2,3]'],
    ['missing its iv', (text: string) => JSON.stringify({ ...JSON.parse(text), iv: undefined })],
    ['with a short tag', (text: string) => JSON.stringify({ ...JSON.parse(text), tag: 'AAAA' })],
    ['with an unknown kdf', (text: string) => JSON.stringify({ ...JSON.parse(text), kdf: { name: 'rot13' } })],
    ['with a huge scrypt cost', (text: string) => JSON.stringify({ ...JSON.parse(text), kdf: { name: 'scrypt', salt: randomBytes(16).toString('base64'), N: 2 ** 30, r: 8, p: 1 } })],
    ['of another format', (text: string) => JSON.stringify({ ...JSON.parse(text), format: 'something-else' })],
  ])('a file %s: CREDENTIAL_STORE_CORRUPT naming the file and the fix', async (_name, damage) => {
    await new FileCredentialStore({ dir }).put(connection('alpha'));
    await writeFile(storeFile(), damage(await readFile(storeFile(), 'utf8')), { mode: 0o600 });
    const err = await expectRefused(new FileCredentialStore({ dir }), 'CREDENTIAL_STORE_CORRUPT');
    expect(err.message).toContain(storeFile());
    expect(err.hint).toMatch(/Restore it from a backup, or move it away/);
  });

  test('a file from a newer format version: CREDENTIAL_STORE_UNSUPPORTED', async () => {
    await new FileCredentialStore({ dir }).put(connection('alpha'));
    const text = await readFile(storeFile(), 'utf8');
    await writeFile(storeFile(), JSON.stringify({ ...JSON.parse(text), version: 99 }), { mode: 0o600 });
    const err = await expectRefused(new FileCredentialStore({ dir }), 'CREDENTIAL_STORE_UNSUPPORTED');
    expect(err.hint).toContain('Upgrade');
  });

  test('a damaged key file: CREDENTIAL_KEY_INVALID', async () => {
    await new FileCredentialStore({ dir }).put(connection('alpha'));
    await writeFile(join(dir, KEY_FILE_NAME), 'short\n', { mode: 0o600 });
    await expectRefused(new FileCredentialStore({ dir }), 'CREDENTIAL_KEY_INVALID');
  });
});

test('leftovers of a writer killed mid-write (temp file, stale lock) do not block or corrupt the store', async () => {
  const store = new FileCredentialStore({ dir, lockStaleMs: 2000 });
  const a = connection('alpha');
  await store.put(a);
  const past = new Date(Date.now() - 60_000);
  const temp = join(dir, `${STORE_FILE_NAME}.99999.abcdef.tmp`);
  await writeFile(temp, '{"format":"credential-store","vers', { mode: 0o600 });
  await utimes(temp, past, past);
  const lock = `${storeFile()}.lock`;
  await mkdir(lock);
  await utimes(lock, past, past);

  expect(await store.list()).toEqual([a]);
  const b = connection('beta');
  await store.put(b);
  expect(await new FileCredentialStore({ dir }).list()).toEqual([a, b]);
  const names = await readdir(dir);
  expect(names).not.toContain(`${STORE_FILE_NAME}.99999.abcdef.tmp`);
  expect(names.filter((n) => n.endsWith('.lock'))).toEqual([]);
});
