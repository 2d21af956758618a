// The file store across processes: concurrent writers lose nothing, and a writer killed with SIGKILL leaves a loadable store.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FileCredentialStore, STORE_FILE_NAME } from '../../runtime/credentials';
import { tokenFor } from '../support/cred-writer';

const REPO = resolve(__dirname, '..', '..');
const WRITER = join(REPO, 'test', 'support', 'cred-writer.ts');

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cred-procs-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

interface Writer {
  child: ChildProcess;
  /** Nicknames whose put had resolved, as the child reported them. */
  saved: string[];
  stderr: () => string;
  exited: Promise<number | null>;
}

function startWriter(dir: string, prefix: string, count: string, env: NodeJS.ProcessEnv = {}, padBytes = 0): Writer {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', WRITER, dir, prefix, count, String(padBytes)], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const saved: string[] = [];
  let err = '';
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) if (line.startsWith('saved ')) saved.push(line.slice(6));
  });
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  return { child, saved, stderr: () => err, exited };
}

async function untilSaved(writer: Writer, count: number): Promise<void> {
  while (writer.saved.length < count) {
    if (writer.child.exitCode !== null) throw new Error(`writer exited early: ${writer.stderr()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

test.each([
  ['a key file created by whichever writer comes first', {} as NodeJS.ProcessEnv],
  ['ZCRM_SECRET', { ZCRM_SECRET: 'shared-secret-for-all-writers' } as NodeJS.ProcessEnv],
])('4 processes writing 10 connections each at once lose none (%s)', async (_name, env) => {
  const dir = join(await mkdtemp(join(root, 'concurrent-')), 'home');
  const writers = ['w1', 'w2', 'w3', 'w4'].map((prefix) => startWriter(dir, prefix, '10', env));
  const codes = await Promise.all(writers.map((w) => w.exited));
  expect({ codes, stderr: writers.map((w) => w.stderr()) }).toEqual({ codes: [0, 0, 0, 0], stderr: ['', '', '', ''] });

  const store = new FileCredentialStore({ dir, ...(env.ZCRM_SECRET ? { secret: env.ZCRM_SECRET } : {}) });
  const all = await store.list();
  // Compared by nickname and by count of mismatches, so a failure prints no token.
  const expected = writers.flatMap((_w, i) => Array.from({ length: 10 }, (_x, j) => `w${i + 1}-${j}`)).sort();
  expect(all.map((c) => c.nickname).sort()).toEqual(expected);
  expect(all.filter((c) => c.secrets.access_token !== tokenFor(c.nickname)).length).toBe(0);
  const bytes = (await readFile(join(dir, STORE_FILE_NAME))).toString('latin1');
  expect(all.filter((c) => bytes.includes(c.secrets.access_token!)).length).toBe(0);
  expect((await stat(join(dir, STORE_FILE_NAME))).mode & 0o777).toBe(0o600);
  expect((await readdir(dir)).filter((n) => n.endsWith('.tmp') || n.endsWith('.lock'))).toEqual([]);
});

test('a writer killed with SIGKILL mid-write leaves a loadable store holding every save that returned', async () => {
  const dir = join(await mkdtemp(join(root, 'killed-')), 'home');
  // Large records make each write take a while, so the kill usually lands inside one (or while the lock is held).
  const writer = startWriter(dir, 'killed', 'forever', {}, 200_000);
  await untilSaved(writer, 2 + Math.floor(Math.random() * 4));
  writer.child.kill('SIGKILL');
  await writer.exited;
  const confirmed = [...writer.saved];

  const store = new FileCredentialStore({ dir, lockStaleMs: 2000 });
  const nicknames = new Set((await store.list()).map((c) => c.nickname));
  for (const nickname of confirmed) expect(nicknames).toContain(nickname);

  // The dead writer may still "hold" the lock: the next writer takes it over once it is stale.
  const now = new Date().toISOString();
  await store.put({ nickname: 'after-kill', connector: 'test-connector', createdAt: now, updatedAt: now, settings: {}, secrets: { access_token: tokenFor('after-kill') } });
  const reloaded = await new FileCredentialStore({ dir }).list();
  expect(reloaded.map((c) => c.nickname)).toEqual(expect.arrayContaining([...confirmed, 'after-kill']));
  expect((await readdir(dir)).filter((n) => n.endsWith('.lock'))).toEqual([]);
});
