/** `zcrm run <action> --input ...` executes one action and prints its output. */
import type { Command } from 'commander';
import { HostError } from '../../runtime/errors';
import type { CliContext } from '../context';
import { readJsonInput } from '../read-input';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('run <action>')
    .description('run one action; input as JSON text, @file.json, or piped on stdin')
    .option('-i, --input <json>', "the action's input: JSON text, @path/to/file.json, or - for stdin")
    .option('-c, --connection <nickname>', 'connection to use (default: the only one, or ZCRM_CONNECTION)')
    .option('--timeout <ms>', 'stop the action after this many milliseconds', (v) => Number.parseInt(v, 10))
    .option('--json', 'print the whole result as one line of JSON')
    .action(async (actionId: string, opts: { input?: string; connection?: string; timeout?: number; json?: boolean }) => {
      const host = await ctx.host();
      host.action(actionId); // unknown ids fail before any input is read
      const input = await readJsonInput(opts.input, ctx.io);
      const connection = opts.connection ?? ctx.io.env.ZCRM_CONNECTION;
      const result = await host.execute(actionId, input, {
        ...(connection ? { connection } : {}),
        ...(opts.timeout ? { timeoutMs: opts.timeout } : {}),
        log: ctx.log(),
      });
      if (!result.ok) throw new HostError(result.error);
      if (opts.json) ctx.print({ ok: true, action: actionId, output: result.output, durationMs: Math.round(result.durationMs) }, { json: true });
      else ctx.print(result.output, { json: false });
    });
}
