/**
 * Runs one job through the host: an action through `host.execute`, a flow through the flow runner (resumed
 * from its journal on a later try). Then decides what BullMQ does next: a retryable error is thrown for a retry
 * with backoff; an unknown outcome, or any other error, fails the job for good. A note in Redis marks the job as
 * running, so a job picked up again after its worker died mid-run is not run blindly a second time; once the
 * try ends, the note keeps its result until BullMQ has recorded it, so a worker that dies in between does not
 * make the next one run the job again.
 */
import { existsSync } from 'node:fs';
import { UnrecoverableError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { OutcomeUnknownError, toHostError, type ErrorInfo } from '../errors';
import { secrets } from '../secrets';
import { defaultJournalDir, flowFromDefinition, journalPath, resumeFlow, runFlow } from '../flow';
import type { RunResult } from '../flow/types';
import type { Host, Logger } from '../types';
import { checkPayload, jobLabel, type ActionJobPayload, type FlowJobPayload, type JobPayload } from './job-payload';
import { errorLogLine, type JobData, type JobOutput } from './job-result';
import { DEFAULT_KEEP_FAILED_SEC } from './queue-defaults';

export interface JobRunnerContext {
  host: Host;
  redis: Redis;
  /** The Redis key of the running-note of a job. */
  runningKey: (jobId: string) => string;
  /** Where flow journals are kept; workers that should resume each other's flows must share it. */
  journalDir?: string;
  log: Logger;
  worker: string;
}

export interface TryOutcome {
  label: string;
  kind: JobPayload['kind'];
  /** completed; retry (thrown for a later try); failed (for good); outcome_unknown (failed for good, write may have happened). */
  result: 'completed' | 'retry' | 'failed' | 'outcome_unknown';
  durationMs: number;
  code?: string;
}

type Ran = { ok: true; output: unknown; durationMs: number } | { ok: false; error: ErrorInfo; durationMs: number };

interface RunningNote {
  worker: string;
  attempt: number;
  at: string;
  /** Set when the try ended: the result BullMQ was about to record when (if) the worker died. */
  outcome?: Ran;
}

function isIdempotent(host: Host, actionId: string): boolean {
  return host.hasAction(actionId) && host.action(actionId).idempotent === true;
}

function runIdFor(jobId: string): string {
  return `job-${jobId.replace(/[^A-Za-z0-9_.-]/g, '_')}`.slice(0, 128);
}

async function runAction(ctx: JobRunnerContext, payload: ActionJobPayload, note: RunningNote | undefined, signal: AbortSignal | undefined, log: Logger): Promise<Ran> {
  if (note && !isIdempotent(ctx.host, payload.actionId)) {
    const error = new OutcomeUnknownError(
      `This job was running on worker ${note.worker} (try ${note.attempt}, started ${note.at}) when that worker stopped, so "${payload.actionId}" may or may not have taken effect. It is not idempotent, so it was not run again.`,
      `Check the remote system for the effect of this job's input; if it did not happen, enqueue the job again with a new idempotency key.`,
      { previousWorker: note.worker, previousAttempt: note.attempt },
    );
    return { ok: false, error: error.toJSON(), durationMs: 0 };
  }
  if (note) log.info({ previousWorker: note.worker }, 'running the job again: its last worker stopped mid-run and the action is idempotent');
  return ctx.host.execute(payload.actionId, payload.input, { ...(payload.connection ? { connection: payload.connection } : {}), ...(signal ? { signal } : {}), log });
}

async function runFlowJob(ctx: JobRunnerContext, payload: FlowJobPayload, job: Job<JobData, JobOutput>, note: RunningNote | undefined, signal: AbortSignal | undefined): Promise<Ran> {
  const started = performance.now();
  const flow = flowFromDefinition(payload.flow);
  const runId = runIdFor(job.id!);
  const journalDir = ctx.journalDir ?? defaultJournalDir();
  const common = { executor: ctx.host, journalDir, isIdempotent: (id: string) => isIdempotent(ctx.host, id), ...(signal ? { signal } : {}) };
  const triedBefore = note !== undefined || job.attemptsMade > 0;
  let run: RunResult;
  if (existsSync(journalPath(journalDir, runId))) {
    // A later try, or a pick-up after a crash: steps that succeeded are not run again; an interrupted write is not either.
    run = await resumeFlow(flow, { ...common, runId });
  } else if (triedBefore && !flow.definition.steps.every((s) => isIdempotent(ctx.host, s.action))) {
    const error = new OutcomeUnknownError(
      `Flow run ${runId} was started before${note ? ` on worker ${note.worker}` : ''}, but its journal is not in ${journalDir} on this machine, so which steps took effect is unknown.`,
      'Give every worker the same journal folder (--journal-dir on shared storage), or resume the run on the machine that has its journal (`zcrm flow resume`).',
      { runId, journalDir },
    );
    return { ok: false, error: error.toJSON(), durationMs: 0 };
  } else {
    run = await runFlow(flow, { ...common, runId, ...(payload.inputs ? { inputs: payload.inputs } : {}), ...(payload.connection ? { connection: payload.connection } : {}) });
  }
  const durationMs = performance.now() - started;
  if (run.ok) return { ok: true, output: run, durationMs };
  const error: ErrorInfo = run.error ?? { code: 'FLOW_FAILED', category: 'internal', retryable: false, message: `Flow run ${runId} ended ${run.status}.` };
  // A cancelled run (worker shutting down) is handed back: the next try resumes it.
  return { ok: false, error: run.status === 'cancelled' ? { ...error, retryable: true } : error, durationMs };
}

/** The BullMQ processor body for one try of one job; `report` hears how the try ended (once, unless Redis failed first). */
export async function runJob(ctx: JobRunnerContext, job: Job<JobData, JobOutput>, signal?: AbortSignal, report: (outcome: TryOutcome) => void = () => undefined): Promise<JobOutput> {
  const attempt = job.attemptsMade + 1;
  const jobId = job.id!;
  const log = ctx.log.child({ job: jobId, attempt });
  let payload: JobPayload;
  try {
    payload = checkPayload(job.data?.payload);
  } catch (err) {
    const error = secrets.scrubDeep(toHostError(err).toJSON()) as ErrorInfo;
    report({ label: job.name, kind: 'action', result: 'failed', durationMs: 0, code: error.code });
    await job.log(errorLogLine(attempt, error));
    throw new UnrecoverableError(`${error.code}: ${error.message}`);
  }
  const label = jobLabel(payload);
  const key = ctx.runningKey(jobId);
  const raw = await ctx.redis.get(key);
  const note = raw ? (JSON.parse(raw) as RunningNote) : undefined;
  const mine: RunningNote = { worker: ctx.worker, attempt, at: new Date().toISOString() };

  let ran: Ran;
  if (note?.outcome) {
    // The last worker finished this try and died before BullMQ recorded it: record its result, run nothing.
    log.info({ previousWorker: note.worker }, 'the job had finished on a worker that stopped before recording it; its result is used');
    ran = note.outcome;
  } else {
    await ctx.redis.set(key, JSON.stringify(mine), 'EX', DEFAULT_KEEP_FAILED_SEC);
    try {
      ran = payload.kind === 'action' ? await runAction(ctx, payload, note, signal, log) : await runFlowJob(ctx, payload, job, note, signal);
    } catch (err) {
      // The executor returns errors; anything thrown here is a runtime problem, known to have ended the try.
      ran = { ok: false, error: secrets.scrubDeep(toHostError(err).toJSON()) as ErrorInfo, durationMs: 0 };
    }
  }
  const retryable = !ran.ok && ran.error.category !== 'unknown_outcome' && ran.error.retryable && attempt < (job.opts.attempts ?? 1);
  // A retryable failure took no effect, so the next try may run freely; any other end is kept until BullMQ has it.
  if (retryable) await ctx.redis.del(key);
  else await ctx.redis.set(key, JSON.stringify({ ...mine, outcome: ran }), 'EX', DEFAULT_KEEP_FAILED_SEC);

  if (ran.ok) {
    report({ label, kind: payload.kind, result: 'completed', durationMs: ran.durationMs });
    return { ok: true, output: ran.output, durationMs: Math.round(ran.durationMs), attempt, worker: ctx.worker };
  }
  const { error } = ran;
  await job.log(errorLogLine(attempt, error));
  const unknown = error.category === 'unknown_outcome';
  const result: TryOutcome['result'] = unknown ? 'outcome_unknown' : retryable ? 'retry' : 'failed';
  report({ label, kind: payload.kind, result, durationMs: ran.durationMs, code: error.code });
  log.info({ code: error.code, result }, unknown ? 'job failed: outcome unknown, not retried' : retryable ? 'job try failed; it will be retried' : 'job failed');
  const message = `${error.code}: ${error.message}`;
  // UnrecoverableError stops BullMQ's retries; a plain Error gets the next try after the backoff.
  if (retryable) throw new Error(message);
  throw new UnrecoverableError(message);
}
