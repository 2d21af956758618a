// The README's library example must keep working: it runs as a fresh process against its own sandbox.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

test('examples/library.ts lists the actions, builds a live form, runs actions and the lead-lifecycle flow', async () => {
  const root = join(__dirname, '..', '..');
  const { stdout } = await run(process.execPath, ['--require', 'tsx/cjs', join(root, 'examples', 'library.ts')], { cwd: root, timeout: 60_000 });
  expect(stdout).toMatch(/^17 actions: create-record, get-record/m);
  expect(stdout).toMatch(/create-record form for Leads: Last Name required/);
  expect(stdout).toMatch(/read back: \{"id":"\d{19}","Last_Name":"Library","Company":"Zylker"\}/);
  expect(stdout).toMatch(/flow \S+: succeeded \(5 steps\)/);
});
