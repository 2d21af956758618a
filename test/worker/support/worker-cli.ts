/**
 * The zcrm CLI with the worker commands registered (until cli/main.ts lists them), in-process for tests and as
 * a child-process entry: `node --require tsx/cjs test/worker/support/worker-cli.ts worker --redis ...`.
 */
import { CommanderError } from 'commander';
import { PassThrough, Readable } from 'node:stream';
import { register } from '../../../cli/commands/worker';
import type { CliIO } from '../../../cli/context';
import { formatError } from '../../../cli/format-error';
import { buildProgram, processIO } from '../../../cli/main';
import { EXIT_CODES, exitCodeFor, toHostError } from '../../../runtime/errors';

export async function runWorkerCli(argv: string[], io: CliIO): Promise<number> {
  const { program, ctx } = buildProgram(io);
  if (!program.commands.some((c) => c.name() === 'worker')) {
    register(program, ctx);
    for (const sub of program.commands) sub.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_CODES.ok;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.input;
    const error = toHostError(err);
    if (argv.includes('--json')) io.stdout.write(`${JSON.stringify({ ok: false, error: error.toJSON() })}\n`);
    io.stderr.write(formatError(error, { verbose: ctx.verbose(), original: err }));
    return exitCodeFor(error.category);
  }
}

/** Runs it in-process with captured output. */
export async function workerCli(argv: string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await runWorkerCli(argv, { stdout, stderr, stdin: Object.assign(Readable.from([]), { isTTY: true }), env: { LOG_LEVEL: 'silent', ...env }, cwd });
  return { code, stdout: out, stderr: err };
}

if (require.main === module) {
  runWorkerCli(process.argv.slice(2), processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = EXIT_CODES.internal;
    },
  );
}
