/** Runs the CLI in-process with captured stdout/stderr and an optional piped stdin. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'zcrm-home-'));
}

export interface CliOptions {
  env?: NodeJS.ProcessEnv;
  stdin?: string;
  cwd?: string;
  /** Make stderr a terminal (100 columns), as progress bars need. */
  stderrTTY?: boolean;
  /** Make stdout a terminal this many columns wide. */
  stdoutColumns?: number;
}

export async function cli(argv: string[], options: CliOptions = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  if (options.stderrTTY) Object.assign(stderr, { isTTY: true, columns: 100 });
  if (options.stdoutColumns !== undefined) Object.assign(stdout, { isTTY: true, columns: options.stdoutColumns });
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const stdin = options.stdin === undefined ? Object.assign(Readable.from([]), { isTTY: true }) : Object.assign(Readable.from([options.stdin]), { isTTY: false });
  const code = await runCli(argv, {
    stdout,
    stderr,
    stdin,
    env: { LOG_LEVEL: 'silent', ...options.env },
    cwd: options.cwd ?? process.cwd(),
  });
  return { code, stdout: out, stderr: err };
}
