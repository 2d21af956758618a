// `zcrm sandbox`: one JSON line on stdout when ready, a working server, clean shutdown on SIGTERM with --state.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawCall, tokenFor } from './crm-harness';

const ROOT = join(__dirname, '../..');

/** Runs the command module under commander, as cli/main.ts does (the lead wires it into the CLI). */
const SCRIPT = `
const { Command } = require('commander');
const program = new Command('zcrm').exitOverride();
const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
require('./cli/commands/sandbox').register(program, { io });
program.parseAsync(process.argv.slice(1), { from: 'user' }).catch((e) => { process.stderr.write(String(e && e.message) + '\\n'); process.exitCode = 2; });
`;

function start(args: string[]): { child: ChildProcess; line: Promise<string>; exit: Promise<number | null>; stdout: () => string } {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', '-e', SCRIPT, 'sandbox', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const line = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before ready`)));
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, line, exit, stdout: () => out };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zcrm-sandbox-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('prints exactly one JSON line, serves, and saves --state on SIGTERM', async () => {
  const statePath = join(dir, 'cli-state.json');
  const run = start(['--port', '0', '--state', statePath, '--seed', '3']);
  const info = JSON.parse(await run.line) as Record<string, unknown>;
  expect(Object.keys(info)).toEqual(['url', 'accountsUrl', 'apiDomain', 'clientId', 'clientSecret', 'refreshToken', 'user']);
  expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(info.apiDomain).toBe(info.url);
  const sb = { url: info.url as string, refreshToken: info.refreshToken as string, clientId: info.clientId as string, clientSecret: info.clientSecret as string };
  const token = await tokenFor(sb as never);
  const res = await rawCall(`${sb.url}/crm/v8/Leads?fields=Last_Name&per_page=1`, 'GET', { token });
  expect(res.status).toBe(200);
  run.child.kill('SIGTERM');
  expect(await run.exit).toBe(0);
  expect(run.stdout().trim().split('\n')).toHaveLength(1);
  expect(existsSync(statePath)).toBe(true);
}, 30_000);

test('a port in use is a clear input error', async () => {
  const first = start(['--port', '0']);
  const { url } = JSON.parse(await first.line) as { url: string };
  const port = new URL(url).port;
  const second = start(['--port', port]);
  let stderr = '';
  second.child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  second.line.catch(() => undefined);
  expect(await second.exit).toBe(2);
  expect(stderr).toContain(`Port ${port} is already in use`);
  first.child.kill('SIGINT');
  expect(await first.exit).toBe(0);
}, 30_000);
