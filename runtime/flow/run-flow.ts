/**
 * Runs a flow's steps in order through any Executor, journaling each step before and after it runs, and
 * resumes a failed or killed run without re-running the steps that succeeded. A step whose outcome is unknown
 * (interrupted mid-way, or OUTCOME_UNKNOWN) is re-run only when that is known to be safe.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { HostError, InputError, OutcomeUnknownError, toHostError, type ErrorInfo } from '../errors';
import type { ExecuteResult } from '../types';
import { FLOW_CODES } from './flow-errors';
import { defaultJournalDir, JournalWriter, journalPath, readJournal } from './journal';
import { hashDefinition } from './load-flow';
import { assertRunId, newRunId } from './run-id';
import { acquireRunLock } from './run-lock';
import { foldRun, type FoldedRun } from './run-state';
import { formatPath, resolveTemplates, TemplateUnresolvedError } from './template';
import type {
  FlowEvent,
  FlowPlan,
  JournalEvent,
  LoadedFlow,
  PlannedStep,
  ResumeFlowOptions,
  RunError,
  RunFlowOptions,
  RunOptions,
  RunResult,
  RunStatus,
  StepRecord,
  StepResult,
} from './types';
import { validateFlow } from './validate-flow';

interface Drive {
  flow: LoadedFlow;
  plan: FlowPlan;
  runId: string;
  journal: JournalWriter;
  options: RunOptions;
  /** What earlier attempts of this run recorded, by step id (empty for a new run). */
  prior: Map<string, StepRecord>;
  rerun: Set<string>;
  assumeDone: Map<string, unknown>;
  resumed: boolean;
}

const now = () => new Date().toISOString();

function notify(options: RunOptions, event: FlowEvent): void {
  try {
    options.onEvent?.(event);
  } catch {
    // a progress printer must never break a run
  }
}

/** Outputs pass through JSON, so a fresh run and a resumed one (which reads them back) see the same values. */
function asJson(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

function stepRefs(plan: FlowPlan) {
  return plan.steps.map((s) => ({ id: s.id, action: s.action }));
}

async function execute(drive: Drive, step: PlannedStep, input: unknown): Promise<ExecuteResult> {
  const { executor, signal } = drive.options;
  const started = performance.now();
  try {
    return await executor.execute(step.action, input, { ...(step.connection !== undefined ? { connection: step.connection } : {}), ...(signal ? { signal } : {}) });
  } catch (err) {
    // The Executor contract is to return errors, but a thrown one must still end the step in the journal.
    return { ok: false, error: toHostError(err).toJSON(), durationMs: performance.now() - started };
  }
}

function unknownOutcome(drive: Drive, step: PlannedStep, record: StepRecord): OutcomeUnknownError {
  const why =
    record.status === 'interrupted'
      ? 'started but its result was never recorded (the runner stopped while it ran)'
      : `ended with ${record.error?.code ?? 'OUTCOME_UNKNOWN'}${record.error ? ` (${record.error.message})` : ''}`;
  return new OutcomeUnknownError(
    `Step "${step.id}" (${step.action}) of run ${drive.runId} ${why}, so it may or may not have taken effect. ` +
      `"${step.action}" is not known to be idempotent, so it was not run again.`,
    `Check the remote system for the effect of this step's input (shown in details.input). If it took effect, resume with ` +
      `--assume-done ${step.id}='<its output as JSON>' so later steps can use that output; if it did not, resume with ` +
      `--rerun ${step.id} to run it again.`,
    { runId: drive.runId, step: step.id, action: step.action, input: record.input, ...(record.error ? { previousError: record.error } : {}) },
  );
}

/**
 * The run's error for a step that ended with an unknown outcome: the step's own error, plus the input it sent
 * (the remote error knows only the method and path), so the report alone says what to look for.
 */
function unknownOutcomeReport(drive: Drive, step: PlannedStep, error: ErrorInfo, input: unknown): RunError {
  const own = error.details !== null && typeof error.details === 'object' && !Array.isArray(error.details) ? (error.details as Record<string, unknown>) : {};
  const how = `The input step "${step.id}" sent is in details.input (\`zcrm flow show ${drive.runId}\` shows it); resume with --assume-done ${step.id}='<its output as JSON>' if it took effect, or --rerun ${step.id} if it did not.`;
  return { ...error, hint: error.hint ? `${error.hint.replace(/\.?$/, '.')} ${how}` : how, details: { ...own, input }, step: step.id };
}

async function driveSteps(drive: Drive): Promise<RunResult> {
  const { plan, journal, options, runId } = drive;
  const startedAt = performance.now();
  const results: StepResult[] = plan.steps.map((s) => ({ id: s.id, action: s.action, status: 'not-run' }));
  const outputs: Record<string, { output: unknown }> = {};
  const emit = async (event: FlowEvent) => {
    if (event.type !== 'step-reused') await journal.write(event);
    notify(options, event);
  };
  const finish = async (status: RunStatus, error?: RunError): Promise<RunResult> => {
    const durationMs = performance.now() - startedAt;
    await emit({ type: 'run-end', at: now(), status, durationMs, ...(error ? { error } : {}) });
    return {
      runId,
      status,
      ok: status === 'succeeded',
      journal: journal.path,
      flow: { ...(plan.name !== undefined ? { name: plan.name } : {}), ...(plan.file !== undefined ? { file: plan.file } : {}) },
      resumed: drive.resumed,
      steps: results,
      ...(error ? { error } : {}),
      durationMs,
    };
  };
  const stepEnd = (step: PlannedStep, durationMs: number, end: { ok: true; output: unknown; assumed?: true } | { ok: false; error: ErrorInfo }): JournalEvent => ({
    type: 'step-end',
    at: now(),
    step: step.id,
    index: step.index,
    action: step.action,
    durationMs,
    ...end,
  });

  for (const step of plan.steps) {
    const result = results[step.index]!;
    const prior = drive.prior.get(step.id);
    if (prior?.status === 'succeeded') {
      outputs[step.id] = { output: prior.output };
      Object.assign(result, { status: 'succeeded', output: prior.output, reused: true, ...(prior.durationMs !== undefined ? { durationMs: prior.durationMs } : {}) });
      await emit({ type: 'step-reused', step: step.id, index: step.index, action: step.action, output: prior.output });
      continue;
    }
    if (drive.assumeDone.has(step.id)) {
      const output = asJson(drive.assumeDone.get(step.id));
      await emit(stepEnd(step, 0, { ok: true, output, assumed: true }));
      outputs[step.id] = { output };
      Object.assign(result, { status: 'succeeded', output, assumed: true, durationMs: 0 });
      continue;
    }
    if (prior && (prior.status === 'interrupted' || prior.status === 'outcome-unknown')) {
      const safe = drive.rerun.has(step.id) || options.isIdempotent?.(step.action) === true;
      if (!safe) {
        const error = unknownOutcome(drive, step, prior);
        Object.assign(result, { status: prior.status, error: error.toJSON() });
        return finish('failed', { ...error.toJSON(), step: step.id });
      }
    }
    if (options.signal?.aborted) {
      const error = new HostError({ code: 'CANCELLED', category: 'input', message: `The run was cancelled before step "${step.id}"; nothing of that step ran.`, hint: 'Resume the run to continue from this step.' });
      return finish('cancelled', { ...error.toJSON(), step: step.id });
    }

    let input: unknown;
    try {
      input = resolveTemplates(drive.flow.definition.steps[step.index]!.input ?? {}, { inputs: plan.inputs, steps: outputs });
    } catch (err) {
      if (!(err instanceof TemplateUnresolvedError)) throw err;
      const error = new InputError(
        FLOW_CODES.templateUnresolved,
        `Step "${step.id}", input ${err.pointer || '(the whole input)'}: {{ ${err.ref.expression} }} points at nothing: ${err.message}.`,
        `The output of an earlier step has another shape than the template expects; fix the path (${formatPath(err.ref.path)}) in the flow, then resume with --force.`,
        { step: step.id, path: `/steps/${step.index}/input${err.pointer}` },
      ).toJSON();
      await emit(stepEnd(step, 0, { ok: false, error }));
      Object.assign(result, { status: 'failed', error, durationMs: 0 });
      return finish('failed', { ...error, step: step.id });
    }

    await emit({ type: 'step-start', at: now(), step: step.id, index: step.index, action: step.action, ...(step.connection !== undefined ? { connection: step.connection } : {}), input });
    const outcome = await execute(drive, step, input);
    if (outcome.ok) {
      const output = asJson(outcome.output);
      await emit(stepEnd(step, outcome.durationMs, { ok: true, output }));
      outputs[step.id] = { output };
      Object.assign(result, { status: 'succeeded', output, durationMs: outcome.durationMs });
      continue;
    }
    await emit(stepEnd(step, outcome.durationMs, { ok: false, error: outcome.error }));
    const unknown = outcome.error.category === 'unknown_outcome';
    Object.assign(result, { status: unknown ? 'outcome-unknown' : 'failed', error: outcome.error, durationMs: outcome.durationMs });
    const cancelled = options.signal?.aborted === true && (outcome.error.code === 'CANCELLED' || unknown);
    return finish(cancelled ? 'cancelled' : 'failed', unknown ? unknownOutcomeReport(drive, step, outcome.error, input) : { ...outcome.error, step: step.id });
  }
  return finish('succeeded');
}

async function withJournalDir(options: RunOptions): Promise<string> {
  const dir = options.journalDir ?? defaultJournalDir();
  await mkdir(dir, { recursive: true });
  return dir;
}

/** Starts a new run of `flow` (or continues one when `options.resume` is given). */
export async function runFlow(flow: LoadedFlow, options: RunFlowOptions): Promise<RunResult> {
  if (options.resume) return resumeFlow(flow, { ...options, ...options.resume });
  const plan = validateFlow(flow, options.executor, options.inputs ?? {}, { ...(options.connection !== undefined ? { connection: options.connection } : {}) });
  const runId = options.runId ?? newRunId();
  assertRunId(runId);
  const dir = await withJournalDir(options);
  const release = await acquireRunLock(dir, runId);
  try {
    const journal = await JournalWriter.create(journalPath(dir, runId));
    try {
      const start: JournalEvent = {
        type: 'run-start',
        v: 1,
        runId,
        at: now(),
        flow: { ...(plan.name !== undefined ? { name: plan.name } : {}), ...(plan.file !== undefined ? { file: plan.file } : {}), hash: flow.hash },
        inputs: plan.inputs,
        ...(options.connection !== undefined ? { connection: options.connection } : {}),
        steps: stepRefs(plan),
        pid: process.pid,
      };
      await journal.write(start);
      notify(options, start);
      return await driveSteps({ flow, plan, runId, journal, options, prior: new Map(), rerun: new Set(), assumeDone: new Map(), resumed: false });
    } finally {
      await journal.close();
    }
  } finally {
    await release();
  }
}

function checkResumeSteps(folded: FoldedRun, plan: FlowPlan, rerun: string[], assumeDone: string[], runId: string): void {
  const known = new Set(plan.steps.map((s) => s.id));
  const status = new Map(folded.steps.map((s) => [s.id, s.status] as const));
  for (const [option, ids] of [['--rerun', rerun], ['--assume-done', assumeDone]] as const) {
    for (const id of ids) {
      if (!known.has(id)) {
        throw new InputError(FLOW_CODES.resumeStep, `${option} names step "${id}", which the flow does not have.`, `Steps: ${[...known].join(', ')}.`, { step: id });
      }
      const was = status.get(id) ?? 'not-run';
      if (was === 'succeeded') {
        throw new InputError(FLOW_CODES.resumeStep, `${option} names step "${id}", which already succeeded in run ${runId}; a resume never runs it again.`, 'Start a new run to run it again.', { step: id });
      }
      if (option === '--assume-done' && was !== 'interrupted' && was !== 'outcome-unknown') {
        throw new InputError(
          FLOW_CODES.resumeStep,
          `--assume-done names step "${id}", whose state is ${was}: it applies only to a step whose outcome is unknown.`,
          'Leave it out; the resume runs that step normally.',
          { step: id },
        );
      }
    }
  }
  const both = rerun.filter((id) => assumeDone.includes(id));
  if (both.length) throw new InputError(FLOW_CODES.resumeStep, `Step "${both[0]}" is named by both --rerun and --assume-done.`, 'Choose one: --rerun runs it again, --assume-done records the output you give.');
}

/**
 * Continues run `options.runId`: steps that succeeded keep their recorded outputs and never run again; the run
 * goes on from the first step without a successful end, appending to the same journal.
 */
export async function resumeFlow(flow: LoadedFlow, options: ResumeFlowOptions): Promise<RunResult> {
  const { runId } = options;
  assertRunId(runId);
  const dir = options.journalDir ?? defaultJournalDir();
  const path = journalPath(dir, runId);
  if (!existsSync(path)) {
    throw new InputError(FLOW_CODES.runNotFound, `There is no run ${runId} (no journal at ${path}).`, '`zcrm flow runs` lists the runs; check ZCRM_HOME if you moved the data directory.', { runId, path });
  }
  const release = await acquireRunLock(dir, runId);
  try {
    // Read under the lock, so no other process appends between this read and ours.
    const locked = await readJournal(path);
    const folded = foldRun(locked.events);
    if (!folded) {
      throw new InputError(FLOW_CODES.runNotFound, `Run ${runId} never started (its journal holds no run-start event).`, 'Nothing ran; start a new run.', { runId, path });
    }
    if (folded.start.flow.hash !== flow.hash && !options.force) {
      throw new InputError(
        FLOW_CODES.flowChanged,
        `The flow${flow.file ? ` ${flow.file}` : ''} has changed since run ${runId} started (its content hash was ${folded.start.flow.hash.slice(7, 19)}..., now ${flow.hash.slice(7, 19)}...).`,
        'Restore the flow as it was, or resume with --force to continue with the changed flow (steps that succeeded are matched by id and not run again), or start a new run.',
        { runId, recordedHash: folded.start.flow.hash, currentHash: flow.hash },
      );
    }
    const recorded = folded.start.inputs;
    const given = options.inputs ?? {};
    const changedInputs = Object.keys(given).filter((k) => k in recorded && hashDefinition(given[k]) !== hashDefinition(recorded[k]));
    if (changedInputs.length) {
      throw new InputError(
        FLOW_CODES.resumeInputs,
        `Run ${runId} started with other values for ${changedInputs.map((k) => `"${k}"`).join(', ')}; a resumed run keeps the inputs it started with.`,
        'Resume without giving inputs, or start a new run with the new values.',
        { runId, inputs: changedInputs },
      );
    }
    const declared = flow.definition.inputs ?? {};
    // A forced resume of a changed flow keeps only the recorded inputs it still declares (and may get new ones).
    const kept = options.force ? Object.fromEntries(Object.entries(recorded).filter(([k]) => k in declared)) : recorded;
    const inputs = { ...given, ...kept };
    const connection = options.connection ?? folded.start.connection;
    const plan = validateFlow(flow, options.executor, inputs, { ...(connection !== undefined ? { connection } : {}) });
    const rerun = options.rerun ?? [];
    const assumeDone = Object.keys(options.assumeDone ?? {});
    checkResumeSteps(folded, plan, rerun, assumeDone, runId);

    const prior = new Map(folded.steps.map((s) => [s.id, s] as const));
    const drive = { flow, plan, runId, options: { ...options, ...(connection !== undefined ? { connection } : {}) }, prior, rerun: new Set(rerun), assumeDone: new Map(Object.entries(options.assumeDone ?? {})), resumed: true };
    if (plan.steps.every((s) => prior.get(s.id)?.status === 'succeeded')) {
      // Already complete: report it without touching the journal.
      return {
        runId,
        status: 'succeeded',
        ok: true,
        journal: path,
        flow: { ...(plan.name !== undefined ? { name: plan.name } : {}), ...(plan.file !== undefined ? { file: plan.file } : {}) },
        resumed: true,
        steps: plan.steps.map((s) => {
          const p = prior.get(s.id)!;
          return { id: s.id, action: s.action, status: 'succeeded', output: p.output, reused: true, ...(p.durationMs !== undefined ? { durationMs: p.durationMs } : {}) };
        }),
        durationMs: 0,
      };
    }
    const journal = await JournalWriter.append(path, locked);
    try {
      const resume: JournalEvent = { type: 'run-resume', at: now(), flowHash: flow.hash, force: options.force === true, rerun, assumeDone, steps: stepRefs(plan), pid: process.pid };
      await journal.write(resume);
      notify(options, resume);
      return await driveSteps({ ...drive, journal });
    } finally {
      await journal.close();
    }
  } catch (err) {
    throw err instanceof HostError ? err : toHostError(err);
  } finally {
    await release();
  }
}
