/** Durable file replacement: a private temp file in the same folder, fsynced, renamed over the target, folder fsynced. */
import { randomBytes } from 'node:crypto';
import { link, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const TEMP_SUFFIX = '.tmp';

function tempPathFor(file: string): string {
  return join(dirname(file), `${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
}

/** Writes `data` to a new temp file next to `file` with exactly `mode`, flushed to disk. Returns its path. */
async function writeTemp(file: string, data: string | Buffer, mode: number): Promise<string> {
  const temp = tempPathFor(file);
  const handle = await open(temp, 'wx', mode);
  try {
    // The umask may have narrowed the mode at creation; set it exactly.
    await handle.chmod(mode);
    await handle.writeFile(data);
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw err;
  } finally {
    await handle.close().catch(() => undefined);
  }
  return temp;
}

/** Makes a rename or link in `dir` durable. Some platforms cannot open a folder for fsync; they need not. */
async function syncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw err;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Replaces `file` with `data` so that a reader (or a crash at any instant) sees either the old or the new
 * content, never a mix. `beforeRename` runs last, and may throw to abandon the write.
 */
export async function replaceFile(file: string, data: string | Buffer, mode: number, beforeRename?: () => void): Promise<void> {
  const temp = await writeTemp(file, data, mode);
  try {
    beforeRename?.();
    await rename(temp, file);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  await syncDir(dirname(file));
}

/** Creates `file` with `data` unless it already exists (never replaces it). Returns whether it was created. */
export async function createFileExclusive(file: string, data: string | Buffer, mode: number): Promise<boolean> {
  const temp = await writeTemp(file, data, mode);
  try {
    // link() fails when the target exists, so a complete file appears at once or not at all.
    await link(temp, file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // Some file systems have no hard links; an exclusive create is the next best thing.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
    if (!(await createDirectly(file, data, mode))) return false;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  await syncDir(dirname(file));
  return true;
}

async function createDirectly(file: string, data: string | Buffer, mode: number): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'wx', mode);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    await handle.chmod(mode);
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/** Removes temp files of `file` left by writers that died before renaming them (older than `olderThanMs`). */
export async function removeAbandonedTemps(file: string, olderThanMs: number): Promise<void> {
  const dir = dirname(file);
  const prefix = `${basename(file)}.`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  const cutoff = Date.now() - olderThanMs;
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX)) continue;
    const path = join(dir, name);
    try {
      if ((await stat(path)).mtimeMs < cutoff) await unlink(path);
    } catch {
      // Already gone, or not ours to remove: either way nothing to do.
    }
  }
}
