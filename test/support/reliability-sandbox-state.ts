/** The sandbox's records read from its saved state, not through the connector: what tests compare journals with. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from './sandbox-host';

export interface StoredRecord {
  id: string;
  createdMs: number;
  modifiedMs: number;
  data: Record<string, unknown>;
}

/** Every live record of `module` (the recycle bin excluded), in id order. */
export async function sandboxRecords(sandbox: RunningSandbox, module: string): Promise<StoredRecord[]> {
  const dir = mkdtempSync(join(tmpdir(), 'zcrm-rel-state-'));
  try {
    const path = join(dir, 'state.json');
    await sandbox.save(path);
    const state = JSON.parse(readFileSync(path, 'utf8')) as { org: { modules: Record<string, [string, number, number, Record<string, unknown>][]> } };
    return (state.org.modules[module] ?? []).map(([id, createdMs, modifiedMs, data]) => ({ id, createdMs, modifiedMs, data }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Waits until the sandbox has no request in flight (a killed client's request is still applied after it died). */
export async function sandboxIdle(sandbox: RunningSandbox, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (sandbox.stats().inFlight > 0) {
    if (Date.now() > until) throw new Error('the sandbox still has requests in flight');
    await new Promise((r) => setTimeout(r, 10));
  }
}
