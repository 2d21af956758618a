import { join } from 'node:path';
import { loadHost } from '../../runtime/host';
import { MemoryCredentialStore } from '../../runtime/credentials/memory-store';
import { createLogger } from '../../runtime/logger';
import type { Connection, Host } from '../../runtime/types';
import { ECHO_FIXTURE } from '../support/broken-manifest';
import { startEchoServer, type EchoServer } from '../support/echo-server';

const silent = createLogger({ level: 'silent' });

function connection(nickname: string, baseUrl: string, connector = 'echo'): Connection {
  const now = new Date().toISOString();
  return { nickname, connector, createdAt: now, updatedAt: now, settings: { baseUrl }, secrets: {} };
}

describe('host runtime with a non-Zoho connector', () => {
  let server: EchoServer;
  let host: Host;

  beforeAll(async () => {
    server = await startEchoServer();
    host = loadHost({ manifestPath: join(ECHO_FIXTURE, 'manifest.json'), store: new MemoryCredentialStore([connection('local', server.url)]), log: silent });
  });
  afterAll(() => server.close());

  test('runs an action: input defaults applied, client injected, output validated', async () => {
    const result = await host.execute('echo', { message: 'ab', repeat: 2 });
    expect(result).toMatchObject({ ok: true, output: { echoed: 'abab', count: 0 } });
  });

  test("the caller's input object is not mutated by defaults", async () => {
    const input = { message: 'x' };
    await host.execute('echo', input);
    expect(input).toEqual({ message: 'x' });
  });

  test('unknown action lists the valid ids', async () => {
    const result = await host.execute('ecko', {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'UNKNOWN_ACTION', category: 'input' });
    expect(result.error.hint).toContain('echo, post-message, wait, bad-output, now');
  });

  test('invalid input returns every issue with its path and runs nothing', async () => {
    const before = server.requests;
    const result = await host.execute('echo', { repeat: 9 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION_FAILED');
    expect((result.error.details as { issues: unknown[] }).issues).toEqual([
      { path: '/message', message: 'is required' },
      { path: '/repeat', message: 'must be <= 5' },
    ]);
    expect(server.requests).toBe(before);
  });

  test("a connector's own typed error keeps its code, status and category", async () => {
    const result = await host.execute('echo', { message: 'x', status: 503 });
    expect(result).toMatchObject({ ok: false, error: { code: 'ECHO_HTTP_503', category: 'remote', httpStatus: 503, retryable: true } });
  });

  test('output that breaks its schema is a loud internal error', async () => {
    const result = await host.execute('bad-output', { message: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'OUTPUT_INVALID', category: 'internal' } });
    if (!result.ok) expect((result.error.details as { issues: unknown[] }).issues).toEqual([{ path: '/count', message: 'must be integer (got string "many")' }]);
  });

  test('the per-action timeout stops a slow idempotent action as retryable TIMEOUT', async () => {
    const result = await host.execute('wait', { ms: 5000 });
    expect(result).toMatchObject({ ok: false, error: { code: 'TIMEOUT', retryable: true } });
  });

  test('cancelling a non-idempotent action reports OUTCOME_UNKNOWN', async () => {
    const controller = new AbortController();
    const slowServer = await startEchoServer();
    const h = loadHost({ manifestPath: join(ECHO_FIXTURE, 'manifest.json'), store: new MemoryCredentialStore([connection('local', slowServer.url)]), log: silent });
    controller.abort();
    const result = await h.execute('post-message', { message: 'm' }, { signal: controller.signal });
    expect(result).toMatchObject({ ok: false, error: { code: 'OUTCOME_UNKNOWN', category: 'unknown_outcome' } });
    await slowServer.close();
  });

  test('progress events reach the caller', async () => {
    const events: unknown[] = [];
    await host.execute('wait', { ms: 1 }, { progress: (e) => events.push(e) });
    expect(events).toEqual([{ done: 0, total: 1, label: 'waiting' }, { done: 1, total: 1 }]);
  });

  test('an action marked connection:false runs with no connection at all', async () => {
    const h = loadHost({ manifestPath: join(ECHO_FIXTURE, 'manifest.json'), store: new MemoryCredentialStore(), log: silent });
    const result = await h.execute('now', {});
    expect(result.ok).toBe(true);
  });

  describe('connection resolution', () => {
    test('no connection at all says how to create one', async () => {
      const h = loadHost({ manifestPath: join(ECHO_FIXTURE, 'manifest.json'), store: new MemoryCredentialStore(), log: silent });
      expect(await h.execute('echo', { message: 'x' })).toMatchObject({ ok: false, error: { code: 'NO_CONNECTION', category: 'auth' } });
    });

    test('an unknown nickname lists the known ones', async () => {
      const result = await host.execute('echo', { message: 'x' }, { connection: 'nope' });
      expect(result).toMatchObject({ ok: false, error: { code: 'CONNECTION_NOT_FOUND', category: 'auth', hint: 'Known connections: local.' } });
    });

    test('several connections require a choice', async () => {
      const h = loadHost({
        manifestPath: join(ECHO_FIXTURE, 'manifest.json'),
        store: new MemoryCredentialStore([connection('a', server.url), connection('b', server.url)]),
        log: silent,
      });
      expect(await h.execute('echo', { message: 'x' })).toMatchObject({ ok: false, error: { code: 'CONNECTION_REQUIRED', category: 'input' } });
      expect(await h.execute('echo', { message: 'x' }, { connection: 'b' })).toMatchObject({ ok: true });
    });

    test("another connector's connection is refused", async () => {
      const h = loadHost({ manifestPath: join(ECHO_FIXTURE, 'manifest.json'), store: new MemoryCredentialStore([connection('z', server.url, 'zoho-crm')]), log: silent });
      expect(await h.execute('echo', { message: 'x' }, { connection: 'z' })).toMatchObject({ ok: false, error: { code: 'CONNECTION_WRONG_CONNECTOR' } });
    });
  });
});
