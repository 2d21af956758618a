/**
 * One process at a time per run: a lock file `<runId>.lock` holding the owner's pid and host. A lock whose
 * process is gone (kill -9) is stale and taken over, so a resume right after a crash never waits.
 */
import { randomBytes } from 'node:crypto';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../errors';
import { FLOW_CODES } from './flow-errors';

interface LockOwner {
  pid: number;
  host: string;
  token: string;
  at: string;
}

export function lockPath(dir: string, runId: string): string {
  return join(dir, `${runId}.lock`);
}

function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true; // another machine's process cannot be checked: assume it runs
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(path, 'utf8')) as LockOwner;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** The live process holding the run, if any. */
export async function runHolder(dir: string, runId: string): Promise<{ pid: number; host: string; at: string } | undefined> {
  const owner = await readOwner(lockPath(dir, runId));
  return owner && isAlive(owner) ? { pid: owner.pid, host: owner.host, at: owner.at } : undefined;
}

/** Takes the run's lock (RUN_LOCKED when a live process has it); resolves to its release. */
export async function acquireRunLock(dir: string, runId: string): Promise<() => Promise<void>> {
  const path = lockPath(dir, runId);
  const owner: LockOwner = { pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex'), at: new Date().toISOString() };
  // Written whole to a private file first, then linked into place: link() fails if the lock exists, so the
  // lock file appears atomically with its content.
  const temp = `${path}.${owner.token}.tmp`;
  await writeFile(temp, JSON.stringify(owner), { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        await link(temp, path);
        return async () => {
          const current = await readOwner(path);
          if (current?.token === owner.token) await unlink(path).catch(() => undefined);
        };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = await readOwner(path);
      if (holder && isAlive(holder)) {
        throw new InputError(
          FLOW_CODES.runLocked,
          `Run ${runId} is in progress in process ${holder.pid}${holder.host === owner.host ? '' : ` on ${holder.host}`} (since ${holder.at}).`,
          `Wait for it to finish. If that process is certainly gone, delete ${path} and try again.`,
          { runId, pid: holder.pid, host: holder.host },
        );
      }
      await unlink(path).catch(() => undefined); // stale: its process is gone
    }
    throw new InputError(FLOW_CODES.runLocked, `Could not take the lock of run ${runId}: other processes keep taking it.`, `Try again; if it persists, check for processes running this run.`);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}
