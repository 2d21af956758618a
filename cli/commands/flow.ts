/**
 * `zcrm flow run <file>` runs (or resumes, or dry-validates) a flow; `zcrm flow runs` lists the runs;
 * `zcrm flow show <runId>` prints one run's journal. Progress (step lines, and on a terminal a bar for the
 * running step) goes to stderr, results to stdout.
 */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { HostError, InputError } from '../../runtime/errors';
import type { FlowEvent, FlowPlan, RunRecord, RunResult, RunSummary } from '../../runtime/flow';
import type { Executor, Host, ProgressEvent } from '../../runtime/types';
import type { CliContext } from '../context';
import type { ProgressBar } from '../progress';
import { readJsonInput } from '../read-input';

interface RunOpts {
  resume?: string;
  dryRun?: boolean;
  input?: string;
  set: string[];
  connection?: string;
  rerun: string[];
  assumeDone: string[];
  force?: boolean;
  json?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function flowModule(): typeof import('../../runtime/flow') {
  return require('../../runtime/flow') as typeof import('../../runtime/flow');
}

function usage(message: string, hint: string): InputError {
  return new InputError('USAGE', message, hint);
}

/** `name=value` pairs; values stay strings (use --input for numbers, objects and arrays). */
function parseSets(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw usage(`--set ${pair}: expected <name>=<value>.`, 'For example --set email=a@b.c (values are strings; use --input for other JSON types).');
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

async function parseAssumeDone(pairs: string[], ctx: CliContext): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw usage(`--assume-done ${pair}: expected <stepId>=<output as JSON or @file.json>.`, `For example --assume-done create='{"id":"123"}'.`);
    out[pair.slice(0, eq)] = await readJsonInput(pair.slice(eq + 1), ctx.io);
  }
  return out;
}

function checkCombinations(opts: RunOpts): void {
  if (opts.resume) {
    if (opts.dryRun) throw usage('--dry-run cannot be combined with --resume.', 'Run --dry-run without --resume to check the flow.');
    if (opts.input !== undefined || opts.set.length) {
      throw usage('--input and --set cannot be combined with --resume: a run keeps the inputs it started with.', 'Leave them out to resume, or start a new run with the new inputs.');
    }
  } else {
    const resumeOnly = [opts.rerun.length ? '--rerun' : '', opts.assumeDone.length ? '--assume-done' : '', opts.force ? '--force' : ''].filter(Boolean);
    if (resumeOnly.length) throw usage(`${resumeOnly.join(', ')} only apply with --resume <runId>.`, 'Add --resume <runId> (zcrm flow runs lists them).');
  }
}

function compact(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line) => by + line)
    .join('\n');
}

/**
 * Step lines on stderr, and on a terminal a progress bar under the running step, fed by its handler's progress
 * events through `progress` (the executor the flow runs with passes them on). The bar is cleared before the
 * step's result line is written.
 */
interface ProgressPrinter {
  onEvent: (event: FlowEvent) => void;
  /** The running step's progress events. */
  progress: (event: ProgressEvent) => void;
  /** Takes the running step's bar off the terminal. */
  stop: () => void;
}

function progressPrinter(ctx: CliContext): ProgressPrinter {
  const { progressBar } = require('../progress') as typeof import('../progress');
  let total = 0;
  let bar: ProgressBar | undefined;
  const write = (line: string) => {
    bar?.stop();
    ctx.io.stderr.write(`${line}\n`);
  };
  const onEvent = (event: FlowEvent) => {
    switch (event.type) {
      case 'run-start':
        total = event.steps.length;
        write(`run ${event.runId}: ${event.flow.name ?? event.flow.file ?? 'flow'}, ${total} step${total === 1 ? '' : 's'}`);
        break;
      case 'run-resume':
        total = event.steps.length;
        write(`resuming${event.force ? ' (forced)' : ''}`);
        break;
      case 'step-reused':
        write(`[${event.index + 1}/${total}] ${event.step} (${event.action}): done earlier, output reused`);
        break;
      case 'step-start':
        write(`[${event.index + 1}/${total}] ${event.step} (${event.action}) ...`);
        bar = progressBar(ctx.io.stderr, `[${event.index + 1}/${total}] ${event.step}`, ctx.io.env);
        break;
      case 'step-end':
        if (event.ok) write(`[${event.index + 1}/${total}] ${event.step}: ${event.assumed ? 'marked done with the given output' : `ok in ${Math.round(event.durationMs)} ms`}`);
        else write(`[${event.index + 1}/${total}] ${event.step}: failed: ${event.error.code}: ${event.error.message}`);
        break;
      case 'run-end':
        write(`run ${event.status} in ${(event.durationMs / 1000).toFixed(1)} s`);
        bar = undefined;
        break;
    }
  };
  return { onEvent, progress: (event) => bar?.update(event), stop: () => bar?.stop() };
}

/** The host as the flow's executor, with each step's progress events routed to the printer's bar. */
function withProgress(host: Executor, printer: ProgressPrinter): Executor {
  return {
    async execute(actionId, input, options) {
      try {
        return await host.execute(actionId, input, { ...options, progress: printer.progress });
      } finally {
        // Whatever happens next, no bar is left drawing (and keeping the process alive).
        printer.stop();
      }
    },
    hasAction: (actionId) => host.hasAction(actionId),
    actionIds: () => host.actionIds(),
  };
}

function resultText(result: RunResult): string {
  const lines = [`run ${result.runId} ${result.status}${result.resumed ? ' (resumed)' : ''}`, `journal: ${result.journal}`];
  for (const step of result.steps) {
    const note = step.reused ? ', output from an earlier attempt' : step.assumed ? ', output given with --assume-done' : '';
    lines.push(`${step.id} (${step.action}): ${step.status}${note}`);
    if (step.output !== undefined) lines.push(indent(JSON.stringify(step.output, null, 2), '  '));
    if (step.error) lines.push(`  ${step.error.code}: ${step.error.message}`);
  }
  return lines.join('\n');
}

function planText(plan: FlowPlan): string {
  const lines = [`${plan.name ?? plan.file ?? 'flow'}: valid, ${plan.steps.length} step${plan.steps.length === 1 ? '' : 's'} (nothing was run)`];
  for (const step of plan.steps) {
    const facts = [step.connection ? `connection ${step.connection}` : '', step.dependsOn.length ? `uses ${step.dependsOn.join(', ')}` : '', step.inputsUsed.length ? `inputs ${step.inputsUsed.join(', ')}` : ''].filter(Boolean);
    lines.push(`  ${step.index + 1}. ${step.id}: ${step.action}${facts.length ? ` (${facts.join('; ')})` : ''}`);
  }
  if (Object.keys(plan.inputs).length) lines.push(`inputs: ${compact(plan.inputs)}`);
  return lines.join('\n');
}

function runsText(runs: RunSummary[], dir: string): string {
  if (!runs.length) return `no runs yet (journals are kept in ${dir})`;
  const rows = runs.map((r) => [r.runId, r.status, `${r.steps.succeeded}/${r.steps.total}`, r.startedAt || '-', r.flowName ?? r.file ?? r.problem ?? '']);
  const header = ['RUN', 'STATUS', 'STEPS', 'STARTED', 'FLOW'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  return [header, ...rows].map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}

function recordText(run: Omit<RunRecord, 'events'>): string {
  const lines = [
    `run ${run.runId}: ${run.status}${run.attempts > 1 ? ` (${run.attempts} attempts)` : ''}`,
    `flow: ${[run.flow.name, run.flow.file].filter(Boolean).join(', ') || '(unnamed)'}`,
    `started ${run.startedAt}${run.endedAt ? `, ended ${run.endedAt}` : ''}`,
    `inputs: ${compact(run.inputs)}`,
  ];
  if (run.connection) lines.push(`connection: ${run.connection}`);
  if (run.error) lines.push(`error${run.error.step ? ` in step ${run.error.step}` : ''}: ${run.error.code}: ${run.error.message}`);
  if (run.tornTail) lines.push('(the journal\'s last line was cut off by a crash and is ignored)');
  lines.push('steps:');
  for (const step of run.steps) {
    const took = step.durationMs !== undefined ? `, ${Math.round(step.durationMs)} ms` : '';
    lines.push(`  ${step.index + 1}. ${step.id} (${step.action}): ${step.status}${took}${step.assumed ? ', assumed done' : ''}${step.starts > 1 ? `, started ${step.starts} times` : ''}`);
    if (step.input !== undefined) lines.push(`     input: ${compact(step.input)}`);
    if (step.output !== undefined) lines.push(`     output: ${compact(step.output)}`);
    if (step.error) lines.push(`     error: ${step.error.code}: ${step.error.message}`);
  }
  return lines.join('\n');
}

/** The run's error as a HostError for main to print and map to an exit code, with the command that resumes. */
function failure(result: RunResult, file: string, json: boolean): HostError {
  const error = result.error!;
  const resumeHint = `To continue this run: zcrm flow run ${file} --resume ${result.runId}`;
  const { step, ...info } = error;
  const own = info.details !== null && typeof info.details === 'object' ? (info.details as object) : {};
  // With --json the result rides in the error (main prints one JSON line); in text mode it was printed already.
  const details = { ...own, step, ...(json ? { run: result } : {}) };
  return new HostError({ ...info, message: `Run ${result.runId} ${result.status} at step "${step}": ${info.message}`, hint: info.hint ? `${info.hint.replace(/\.?$/, '.')} ${resumeHint}` : resumeHint, details });
}

async function runCommand(file: string, opts: RunOpts, ctx: CliContext): Promise<void> {
  checkCombinations(opts);
  const { loadFlowFile, runFlow, validateFlow } = flowModule();
  const flow = await loadFlowFile(resolve(ctx.io.cwd, file));
  const json = opts.json === true;
  const host = await ctx.host();
  if (opts.resume === undefined) {
    const given = opts.input !== undefined ? await readJsonInput(opts.input, ctx.io) : {};
    if (given === null || typeof given !== 'object' || Array.isArray(given)) {
      throw usage('--input must be a JSON object of flow inputs (name to value).', `For example --input '{"email":"a@b.c"}'.`);
    }
    const inputs = { ...(given as Record<string, unknown>), ...parseSets(opts.set) };
    // ZCRM_CONNECTION is the weakest default: a flow's own connection wins over it.
    const connection = opts.connection ?? (flow.definition.connection ? undefined : ctx.io.env.ZCRM_CONNECTION);
    if (opts.dryRun) {
      const plan = validateFlow(flow, host, inputs, connection !== undefined ? { connection } : {});
      ctx.print(json ? { ok: true, plan } : plan, { json, text: planText(plan) });
      return;
    }
    await execute(ctx, file, json, (signal) => runFlow(flow, { inputs, signal, ...(connection !== undefined ? { connection } : {}), ...common(ctx, host) }));
    return;
  }
  const assumeDone = await parseAssumeDone(opts.assumeDone, ctx);
  await execute(ctx, file, json, (signal) =>
    runFlow(flow, {
      signal,
      ...(opts.connection !== undefined ? { connection: opts.connection } : {}),
      ...common(ctx, host),
      resume: { runId: opts.resume!, force: opts.force === true, rerun: opts.rerun, assumeDone },
    }),
  );
}

function common(ctx: CliContext, host: Host) {
  const printer = progressPrinter(ctx);
  return {
    executor: withProgress(host, printer),
    journalDir: flowModule().defaultJournalDir(ctx.io.env),
    isIdempotent: (actionId: string) => host.action(actionId).idempotent,
    onEvent: printer.onEvent,
  };
}

/** Runs with Ctrl-C wired to the run's AbortSignal (a second Ctrl-C kills as usual), then prints the result. */
async function execute(ctx: CliContext, file: string, json: boolean, run: (signal: AbortSignal) => Promise<RunResult>): Promise<void> {
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  let result: RunResult;
  try {
    result = await run(controller.signal);
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
  if (!result.ok) {
    if (!json) ctx.print(result, { json: false, text: resultText(result) });
    throw failure(result, file, json);
  }
  ctx.print(result, { json, text: resultText(result) });
}

export function register(program: Command, ctx: CliContext): void {
  const flow = program.command('flow').description('run flows of actions (JSON or YAML files) and inspect their runs');

  flow
    .command('run <file>')
    .description('run a flow, resume a run, or check a flow with --dry-run')
    .option('--resume <runId>', 'continue this run: steps that succeeded are not run again')
    .option('--dry-run', 'validate the flow and print its plan; run nothing')
    .option('-i, --input <json>', 'flow inputs as a JSON object, or @file.json')
    .option('--set <name=value>', 'one flow input, as a string (repeatable)', collect, [])
    .option('-c, --connection <nickname>', 'default connection for steps that name none (env ZCRM_CONNECTION when the flow names none)')
    .option('--rerun <stepId>', 'with --resume: run again a step whose outcome is unknown (repeatable)', collect, [])
    .option('--assume-done <stepId=json>', "with --resume: record a step whose outcome was unknown as done, with this output (JSON or @file; repeatable)", collect, [])
    .option('--force', 'with --resume: continue even though the flow file changed since the run started')
    .option('--json', 'print the result as one line of JSON (progress lines still go to stderr)')
    .action(async (file: string, opts: RunOpts) => {
      await runCommand(file, opts, ctx);
    });

  flow
    .command('runs')
    .description('list flow runs, newest first')
    .option('--json', 'print the list as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { defaultJournalDir, listRuns } = flowModule();
      const dir = defaultJournalDir(ctx.io.env);
      const runs = await listRuns({ journalDir: dir });
      ctx.print(runs, { json: opts.json === true, text: runsText(runs, dir) });
    });

  flow
    .command('show <runId>')
    .description("print a run: each step's input, output or error, and timing")
    .option('--json', 'print the run as JSON')
    .action(async (runId: string, opts: { json?: boolean }) => {
      const { defaultJournalDir, readRun } = flowModule();
      // The raw events stay in the journal file; the folded steps say the same, readably.
      const { events: _events, ...run } = await readRun(runId, { journalDir: defaultJournalDir(ctx.io.env) });
      ctx.print(run, { json: opts.json === true, text: recordText(run) });
    });
}
