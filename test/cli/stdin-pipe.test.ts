// A real pipe into a real process: `echo '{...}' | zcrm run <action>` reads the input from standard input.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ECHO_FIXTURE } from '../support/broken-manifest';
import { tempHome } from '../support/cli-io';

const root = join(__dirname, '..', '..');
const zcrm = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['--require', 'tsx/cjs', join(root, 'cli', 'main.ts'), '--manifest', join(ECHO_FIXTURE, 'manifest.json'), ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, ZCRM_HOME: tempHome(), LOG_LEVEL: 'silent' },
    timeout: 30_000,
  });

test('input piped on stdin is read without --input', () => {
  const refused = zcrm(['run', 'now'], '{"unexpected": 1}');
  expect(refused.status).toBe(2);
  expect(refused.stderr).toContain('/unexpected: is not a known property');
  const accepted = zcrm(['run', 'now'], '{}');
  expect(accepted.status).toBe(0);
  expect(JSON.parse(accepted.stdout)).toEqual({ at: expect.any(String) });
});
