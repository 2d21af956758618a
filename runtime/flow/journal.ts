/**
 * The run journal: one JSON event per line, appended and fsynced line by line, so a kill -9 loses at most the
 * line being written. The reader ignores a torn last line; the writer cuts it off before appending again.
 */
import { constants } from 'node:fs';
import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { HostError, InputError } from '../errors';
import { dataDir } from '../paths';
import { FLOW_CODES } from './flow-errors';
import type { JournalEvent } from './types';

export function defaultJournalDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDir(env), 'runs');
}

export function journalPath(dir: string, runId: string): string {
  return join(dir, `${runId}.jsonl`);
}

export interface JournalContent {
  events: JournalEvent[];
  /** Bytes of complete lines; anything after it is a torn line. */
  cleanLength: number;
  /** The last complete event had no newline after it (it must get one before anything is appended). */
  missingNewline: boolean;
  tornTail: boolean;
}

const EVENT_TYPES = new Set(['run-start', 'run-resume', 'step-start', 'step-end', 'run-end']);

function asEvent(line: string): JournalEvent | undefined {
  try {
    const value = JSON.parse(line) as { type?: unknown; step?: unknown };
    if (value === null || typeof value !== 'object' || typeof value.type !== 'string' || !EVENT_TYPES.has(value.type)) return undefined;
    if ((value.type === 'step-start' || value.type === 'step-end') && typeof value.step !== 'string') return undefined;
    return value as JournalEvent;
  } catch {
    return undefined;
  }
}

/** Reads a journal. A bad line anywhere but last means the file was damaged: JOURNAL_CORRUPT, never a guess. */
export async function readJournal(path: string): Promise<JournalContent> {
  const bytes = await readFile(path);
  const events: JournalEvent[] = [];
  let cleanLength = 0;
  let missingNewline = false;
  let tornTail = false;
  let start = 0;
  let line = 0;
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const last = newline < 0;
    const end = last ? bytes.length : newline;
    const text = bytes.subarray(start, end).toString('utf8');
    line += 1;
    if (text.trim() === '') {
      if (last) tornTail = true;
      else cleanLength = end + 1;
    } else {
      const event = asEvent(text);
      if (event) {
        events.push(event);
        cleanLength = last ? end : end + 1;
        missingNewline = last;
      } else if (last) {
        tornTail = true;
      } else {
        throw new InputError(FLOW_CODES.journalCorrupt, `The run journal ${path} is damaged at line ${line}.`, 'The journal was edited or the disk failed; it is left as it is. Start a new run.', { path, line });
      }
    }
    start = end + 1;
  }
  if (events[0] !== undefined && events[0].type !== 'run-start') {
    throw new InputError(FLOW_CODES.journalCorrupt, `The run journal ${path} does not begin with a run-start event.`, 'Start a new run.', { path, line: 1 });
  }
  return { events, cleanLength, missingNewline, tornTail };
}

function writeFailed(path: string, err: unknown): HostError {
  return new HostError({
    code: 'JOURNAL_WRITE_FAILED',
    category: 'internal',
    message: `Cannot write the run journal ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`,
    hint: 'Check free disk space and permissions of the data directory (ZCRM_HOME moves it).',
    cause: err,
  });
}

/** Appends events durably. One writer per run (the run lock sees to it). */
export class JournalWriter {
  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
  ) {}

  /** A new journal; RUN_EXISTS when a run with this id already has one. */
  static async create(path: string): Promise<JournalWriter> {
    await mkdir(dirname(path), { recursive: true });
    let handle: FileHandle;
    try {
      handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_APPEND, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new InputError(FLOW_CODES.runExists, `A run with this id already exists (${path}).`, 'Resume it with --resume <runId>, or choose another run id.');
      }
      throw writeFailed(path, err);
    }
    // The file's directory entry must survive a crash too, or the journal could vanish with its run.
    await syncDirectory(dirname(path));
    return new JournalWriter(handle, path);
  }

  /** Reopens an existing journal for appending, first cutting off a torn last line. */
  static async append(path: string, content: JournalContent): Promise<JournalWriter> {
    const handle = await open(path, constants.O_WRONLY | constants.O_APPEND).catch((err: unknown) => {
      throw writeFailed(path, err);
    });
    const writer = new JournalWriter(handle, path);
    try {
      if (content.tornTail) {
        await handle.truncate(content.cleanLength);
        await handle.sync();
      }
      if (content.missingNewline) await writer.writeDurably('\n');
    } catch (err) {
      await handle.close();
      throw err instanceof HostError ? err : writeFailed(path, err);
    }
    return writer;
  }

  async write(event: JournalEvent): Promise<void> {
    await this.writeDurably(`${JSON.stringify(event)}\n`);
  }

  private async writeDurably(text: string): Promise<void> {
    try {
      const buffer = Buffer.from(text, 'utf8');
      let offset = 0;
      while (offset < buffer.length) offset += (await this.handle.write(buffer, offset)).bytesWritten;
      await this.handle.sync();
    } catch (err) {
      throw writeFailed(this.path, err);
    }
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the file itself is still synced per line.
  } finally {
    await handle?.close();
  }
}
