/**
 * `zcrm run <action> --input ...` executes one action and prints its output (pretty JSON, a table with
 * `--output table`, or one line of JSON with `--json`); `--dry-run` validates the input and prints the HTTP
 * calls the action would make, sending nothing. A progress bar on stderr follows bulk actions and long lists.
 */
import { Option, type Command } from 'commander';
import { HostError, InputError } from '../../runtime/errors';
import type { DryRunCall, ExecuteResult } from '../../runtime/types';
import type { CliContext } from '../context';
import { readJsonInput } from '../read-input';

interface RunOpts {
  input?: string;
  connection?: string;
  timeout?: number;
  json?: boolean;
  output?: 'table' | 'json';
  dryRun?: boolean;
}

/** Longest body shown per call in text; --json has them whole. */
const BODY_PREVIEW = 2000;

function timeout(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InputError('USAGE', `--timeout ${value}: expected a whole number of milliseconds.`, 'For example --timeout 30000.');
  return n;
}

function preview(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > BODY_PREVIEW ? `${text.slice(0, BODY_PREVIEW)}… (${(text.length - BODY_PREVIEW).toLocaleString('en-US')} more characters; --json shows all)` : text;
}

export function dryRunText(actionId: string, calls: DryRunCall[]): string {
  const lines = [`Dry run of ${actionId}: the input is valid. Nothing was sent.`];
  if (calls.length === 0) lines.push('It would make no HTTP call.');
  else lines.push(`It would make ${calls.length === 1 ? 'this call' : `these ${calls.length} calls`}:`);
  calls.forEach((call, i) => {
    lines.push(`  ${i + 1}. ${call.method} ${call.url}`);
    for (const [name, value] of Object.entries(call.headers ?? {})) lines.push(`     ${name}: ${value}`);
    if (call.body !== undefined) lines.push(`     body: ${preview(call.body)}`);
  });
  if (calls.length > 0) lines.push('Answers in a dry run are empty, so a real run may make more calls (further pages, for example).');
  return lines.join('\n');
}

function outputText(ctx: CliContext, output: unknown, format: 'table' | 'json'): string {
  if (format === 'table') {
    const { outputTable } = require('../output-table') as typeof import('../output-table');
    const width = ctx.io.stdout.columns ?? (Number.parseInt(ctx.io.env.COLUMNS ?? '', 10) || 120);
    const table = outputTable(output, width);
    if (table !== undefined) return table;
  }
  return JSON.stringify(output, null, 2);
}

async function execute(ctx: CliContext, actionId: string, input: unknown, opts: RunOpts): Promise<ExecuteResult> {
  const { progressBar } = require('../progress') as typeof import('../progress');
  const host = await ctx.host();
  const connection = opts.connection ?? ctx.io.env.ZCRM_CONNECTION;
  const bar = progressBar(ctx.io.stderr, actionId, ctx.io.env);
  try {
    return await host.execute(actionId, input, {
      ...(connection ? { connection } : {}),
      ...(opts.timeout ? { timeoutMs: opts.timeout } : {}),
      ...(opts.dryRun ? { dryRun: true } : {}),
      ...(bar.enabled ? { progress: (event) => bar.update(event) } : {}),
      log: ctx.log(),
    });
  } finally {
    bar.stop();
  }
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('run <action>')
    .description('run one action; input as JSON text, @file.json, or piped on stdin')
    .option('-i, --input <json>', "the action's input: JSON text, @path/to/file.json, or - for stdin")
    .option('-c, --connection <nickname>', 'connection to use (default: the only one, or ZCRM_CONNECTION)')
    .option('--timeout <ms>', 'stop the action after this many milliseconds', timeout)
    .addOption(new Option('-o, --output <format>', 'how to print the output: json (pretty, the default) or table (for lists of records)').choices(['table', 'json']))
    .option('--dry-run', 'validate the input and print the HTTP calls the action would make; send nothing')
    .option('--json', 'print the whole result as one line of JSON')
    .action(async (actionId: string, opts: RunOpts) => {
      if (opts.json && opts.output === 'table') throw new InputError('USAGE', '--json and --output table do not go together.', 'Use --json for one line of JSON, or --output table for people.');
      const host = await ctx.host();
      host.action(actionId); // unknown ids fail before any input is read
      const input = await readJsonInput(opts.input, ctx.io);
      const result = await execute(ctx, actionId, input, opts);
      const durationMs = Math.round(result.durationMs);
      if (!result.ok) {
        const calls = result.calls ?? [];
        if (calls.length === 0) throw new HostError(result.error);
        // The calls made before a dry run failed still tell what a real run would send.
        if (!opts.json) ctx.io.stderr.write(`${dryRunText(actionId, calls)}\n`);
        const own = result.error.details !== null && typeof result.error.details === 'object' ? (result.error.details as object) : {};
        throw new HostError({ ...result.error, details: { ...own, calls } });
      }
      if (opts.dryRun) {
        const calls = result.calls ?? [];
        ctx.print({ ok: true, action: actionId, dryRun: true, calls, durationMs }, { json: opts.json === true, text: dryRunText(actionId, calls) });
        return;
      }
      if (opts.json) ctx.print({ ok: true, action: actionId, output: result.output, durationMs }, { json: true });
      else ctx.print(result.output, { json: false, text: outputText(ctx, result.output, opts.output ?? 'json') });
    });
}
