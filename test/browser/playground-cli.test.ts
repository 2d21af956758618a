/**
 * `zcrm playground`: with no connection stored it serves the page on a sandbox started in-process (what
 * `npm start` runs), prints the URL, and stops cleanly on SIGTERM; bad option combinations fail as usage errors.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempHome } from '../support/cli-io';

const ROOT = join(__dirname, '..', '..');

function withoutConnection(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { ZCRM_CONNECTION: _ignored, ...rest } = env;
  return rest;
}

test('with no connection it serves the page on an in-process sandbox, prints the URL, and stops on SIGTERM', async () => {
  const home = tempHome();
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), join(ROOT, 'cli', 'main.ts'), 'playground', '--port', '0'], {
    cwd: ROOT,
    env: { ...withoutConnection(process.env), ZCRM_HOME: home, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        const m = /zcrm playground: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
        if (m) resolve(m[1]!);
      });
      exited.then((code) => reject(new Error(`zcrm playground exited with ${code} before printing its URL:\n${stderr}`)));
    });
    expect(stderr).toContain('No connection exists yet: using a local sandbox');
    const catalogue = (await (await fetch(`${url}api/actions`)).json()) as { connection: { kind: string }; groups: unknown[] };
    expect(catalogue.connection.kind).toBe('sandbox');
    expect(catalogue.groups.length).toBeGreaterThan(0);
    expect((await fetch(url)).status).toBe(200);
  } finally {
    child.kill('SIGTERM');
    const code = await exited;
    rmSync(home, { recursive: true, force: true });
    expect(code).toBe(0);
    expect(stderr).toContain('playground stopped');
  }
});

test('an unknown --connection, or --connection with --sandbox, is a usage error', async () => {
  const home = tempHome();
  try {
    const unknown = await cli(['playground', '--connection', 'nope', '--port', '0'], { env: { ZCRM_HOME: home } });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No connection named "nope"');
    const both = await cli(['playground', '--sandbox', '--connection', 'nope'], { env: { ZCRM_HOME: home } });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--sandbox and --connection cannot be combined');
    const port = await cli(['playground', '--sandbox', '--port', 'eighty'], { env: { ZCRM_HOME: home } });
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port must be a port number');
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
