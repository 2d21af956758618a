/**
 * Saving and loading the sandbox's state (records, recycle bin, OAuth clients and tokens, clock offset) as one
 * JSON file, written atomically so a crash mid-write leaves the previous file intact.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { SandboxCore } from './core';
import type { OrgSnapshot } from './org';

interface StateFile {
  org: OrgSnapshot;
  accounts: unknown;
}

export class StateFileError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'StateFileError';
  }
}

export async function saveState(core: SandboxCore, path: string): Promise<void> {
  const state: StateFile = { org: core.org.snapshot(), accounts: core.accounts.snapshot() };
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(state), { mode: 0o600 });
  await rename(temp, path);
}

export async function loadState(core: SandboxCore, path: string): Promise<void> {
  let state: StateFile;
  try {
    state = JSON.parse(await readFile(path, 'utf8')) as StateFile;
  } catch (error) {
    throw new StateFileError(path, `cannot read sandbox state ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!state || typeof state !== 'object' || state.org?.format !== 'zcrm-sandbox-state' || state.org.version !== 1) {
    throw new StateFileError(path, `${path} is not a sandbox state file (version 1)`);
  }
  core.org.restore(state.org);
  core.accounts.restore(state.accounts);
}
