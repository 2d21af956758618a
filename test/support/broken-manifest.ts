/** Copies the echo fixture connector to a temporary folder and breaks it in one chosen way. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ECHO_FIXTURE = join(__dirname, '..', 'fixtures', 'echo');

/** A fresh copy of the echo connector; `edit` may change its manifest object before it is written back. */
export function echoCopy(edit?: (manifest: Record<string, any>) => void): { dir: string; manifestPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'zcrm-echo-'));
  cpSync(ECHO_FIXTURE, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  if (edit) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, any>;
    edit(manifest);
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  }
  return { dir, manifestPath };
}
