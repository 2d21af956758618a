/** Reads run journals back for people: one run in full (`zcrm flow show`) and the list of runs (`zcrm flow runs`). */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { InputError } from '../errors';
import { FLOW_CODES } from './flow-errors';
import { defaultJournalDir, journalPath, readJournal } from './journal';
import { assertRunId } from './run-id';
import { runHolder } from './run-lock';
import { foldRun } from './run-state';
import type { RunRecord, RunSummary } from './types';

export interface RunsOptions {
  /** Where journals live (default `<dataDir>/runs`). */
  journalDir?: string;
}

export async function readRun(runId: string, options: RunsOptions = {}): Promise<RunRecord> {
  assertRunId(runId);
  const dir = options.journalDir ?? defaultJournalDir();
  const path = journalPath(dir, runId);
  if (!existsSync(path)) {
    throw new InputError(FLOW_CODES.runNotFound, `There is no run ${runId} (no journal at ${path}).`, '`zcrm flow runs` lists the runs; check ZCRM_HOME if you moved the data directory.', { runId, path });
  }
  const content = await readJournal(path);
  const folded = foldRun(content.events);
  if (!folded) throw new InputError(FLOW_CODES.runNotFound, `Run ${runId} never started (its journal holds no run-start event).`, 'Nothing ran; start a new run.', { runId, path });
  const live = folded.open ? await runHolder(dir, runId) : undefined;
  const status: RunRecord['status'] = folded.end ? folded.end.status : live ? 'running' : 'interrupted';
  const steps = folded.steps.map((s) => (live && s.status === 'interrupted' ? { ...s, status: 'running' as const } : s));
  return {
    runId,
    journal: path,
    flow: folded.start.flow,
    inputs: folded.start.inputs,
    ...(folded.start.connection !== undefined ? { connection: folded.start.connection } : {}),
    status,
    startedAt: folded.start.at,
    ...(folded.end ? { endedAt: folded.end.at } : {}),
    attempts: folded.attempts,
    steps,
    ...(folded.end?.error ? { error: folded.end.error } : {}),
    tornTail: content.tornTail,
    events: content.events,
  };
}

/** Every run in the journal folder, newest first. A journal that cannot be read is listed as `unreadable`. */
export async function listRuns(options: RunsOptions = {}): Promise<RunSummary[]> {
  const dir = options.journalDir ?? defaultJournalDir();
  const names = await readdir(dir).catch((err: unknown) => {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [] as string[];
    throw err;
  });
  const runs: RunSummary[] = [];
  for (const name of names) {
    if (!name.endsWith('.jsonl')) continue;
    const runId = name.slice(0, -'.jsonl'.length);
    try {
      const run = await readRun(runId, { journalDir: dir });
      runs.push({
        runId,
        ...(run.flow.name !== undefined ? { flowName: run.flow.name } : {}),
        ...(run.flow.file !== undefined ? { file: run.flow.file } : {}),
        status: run.status,
        startedAt: run.startedAt,
        ...(run.endedAt !== undefined ? { endedAt: run.endedAt } : {}),
        steps: { total: run.steps.length, succeeded: run.steps.filter((s) => s.status === 'succeeded').length },
      });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      runs.push({ runId, status: 'unreadable', startedAt: '', steps: { total: 0, succeeded: 0 }, problem: err.message });
    }
  }
  return runs.sort((a, b) => (a.startedAt === b.startedAt ? b.runId.localeCompare(a.runId) : b.startedAt.localeCompare(a.startedAt)));
}
