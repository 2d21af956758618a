/** Runs the connector's CLI commands (connect, connections, disconnect) in-process with a given store and env. */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { PassThrough } from 'node:stream';
import { exitCodeFor, toHostError } from '../../../runtime/errors';
import type { CredentialStore, Host } from '../../../runtime/types';
import type { CliContext, CommandModule } from '../../../cli/context';
import { formatError } from '../../../cli/format-error';
import { captureLog } from './connections';

const COMMANDS: CommandModule[] = [require('../../../cli/commands/connect'), require('../../../cli/commands/connections'), require('../../../cli/commands/disconnect')];

function sink(onText?: (text: string) => void): { stream: Writable; text: () => string } {
  let out = '';
  return {
    stream: new Writable({
      write(chunk: Buffer, _e, cb) {
        out += chunk.toString('utf8');
        onText?.(out);
        cb();
      },
    }),
    text: () => out,
  };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `onStderr` sees stderr as it grows (a test can act as the user who opens the printed URL). */
export async function runZcrm(argv: string[], store: CredentialStore, env: NodeJS.ProcessEnv, onStderr?: (text: string) => void): Promise<CliRun> {
  const stdout = sink();
  const stderr = sink(onStderr);
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'manifest.json'), 'utf8')) as Host['manifest'];
  const log = captureLog('warn').log;
  const ctx: CliContext = {
    io: { stdout: stdout.stream, stderr: stderr.stream, stdin: new PassThrough(), env, cwd: process.cwd() },
    host: async () => ({ manifest }) as Host,
    store: async () => store,
    log: () => log,
    print: (value, { json, text }) => stdout.stream.write(`${json ? JSON.stringify(value) : (text ?? JSON.stringify(value, null, 2))}\n`),
    verbose: () => false,
  };
  const program = new Command('zcrm').exitOverride().configureOutput({ writeOut: (s) => stdout.stream.write(s), writeErr: (s) => stderr.stream.write(s) });
  for (const c of COMMANDS) c.register(program, ctx);
  for (const sub of program.commands) sub.exitOverride();
  let code = 0;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) code = err.exitCode === 0 ? 0 : 2;
    else {
      const e = toHostError(err);
      stderr.stream.write(formatError(e, { verbose: false }));
      code = exitCodeFor(e.category);
    }
  }
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
