// Opening the sign-in URL: the platform opener gets the URL as one argument (no shell); failures say false.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openInBrowser } from '../../connector/oauth/browser-open';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zcrm-open-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function waitForFile(file: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  throw new Error('the opener never ran');
}

test('xdg-open receives the whole URL as a single argument, shell characters untouched', async () => {
  const out = join(dir, 'args.txt');
  writeFileSync(join(dir, 'xdg-open'), `#!/bin/sh\nprintf '%s|%s' "$#" "$1" > '${out}'\n`);
  chmodSync(join(dir, 'xdg-open'), 0o755);
  const url = 'https://accounts.zoho.com/oauth/v2/auth?scope=a,b&client_id=x&state=$(touch /tmp/pwned);`id`';
  expect(await openInBrowser(url, { platform: 'linux', env: { PATH: dir } })).toBe(true);
  expect(await waitForFile(out)).toBe(`1|${url}`);
});

test('no opener on the PATH, or a URL that is not http(s): false, so the caller prints the URL', async () => {
  expect(await openInBrowser('https://accounts.zoho.com/oauth/v2/auth', { platform: 'linux', env: { PATH: dir } })).toBe(false);
  expect(await openInBrowser('file:///etc/passwd', { platform: 'linux', env: { PATH: dir } })).toBe(false);
});
