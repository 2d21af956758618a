/**
 * What every CLI command receives. Commands are registered from their own files (cli/commands/*.ts) with
 * `register(program, ctx)`; heavy modules are loaded inside the action callbacks, so `zcrm --help` stays fast.
 * A command reports failure by throwing a HostError: cli/main.ts prints it and picks the exit code.
 */
import type { Command } from 'commander';
import type { Readable, Writable } from 'node:stream';
import type { CredentialStore, Host, Logger } from '../runtime/types';

export type TtyWritable = Writable & { isTTY?: boolean; columns?: number };

export interface CliIO {
  stdout: TtyWritable;
  stderr: TtyWritable;
  stdin: Readable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface CliContext {
  io: CliIO;
  /** The loaded connector (manifest from --manifest, default: this package's). Loaded once, on first use. */
  host(): Promise<Host>;
  /** The credential store (encrypted file under the config directory). */
  store(): Promise<CredentialStore>;
  /** The CLI's logger (stderr; pretty on a TTY; level from LOG_LEVEL, or debug with --verbose). */
  log(): Logger;
  /** Writes a value to stdout: JSON when `json` is true, otherwise `text` (or pretty JSON when no text is given). */
  print(value: unknown, options: { json: boolean; text?: string }): void;
  /** Whether --verbose was given (stack traces and debug logs). */
  verbose(): boolean;
}

export interface CommandModule {
  register(program: Command, ctx: CliContext): void;
}
