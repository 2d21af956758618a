/**
 * The `zcrm` command line: parses arguments with commander, hands each command a CliContext, and turns any
 * HostError into a clean message on stderr and the exit code of its category (no stack trace for a user's
 * mistake; --verbose shows one).
 */
import { Command, CommanderError } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EXIT_CODES, HostError, exitCodeFor, toHostError } from '../runtime/errors';
import type { CredentialStore, Host, Logger } from '../runtime/types';
import type { CliContext, CliIO, CommandModule } from './context';
import { formatError } from './format-error';

/** Each command lives in its own file of cli/commands/; this list is the whole CLI. */
const COMMANDS = ['actions', 'run', 'flow', 'connect', 'connections', 'disconnect', 'sandbox', 'form', 'completion', 'doctor', 'playground', 'worker'];

/*
 * Loading and registering every command costs more start-up time than `zcrm actions` itself, so only the file
 * of the command being run is loaded. This map and the file names are only a shortcut: when the file does not
 * register the word (or for help, completion and unknown words) every command is registered, as before.
 */
const REGISTERED_BY: Record<string, string> = { describe: 'actions', modules: 'form', fields: 'form', enqueue: 'worker' };
const NEEDS_EVERY_COMMAND = new Set(['help', 'completion']);

function loadCommand(file: string): CommandModule {
  return require(`./commands/${file}`) as CommandModule;
}

/** The command word of argv: the first argument that is not a global option; none when global help is asked. */
function commandWord(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help' || arg === '--') return undefined;
    if (arg === '--manifest') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

function packageVersion(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The manifest this package ships (source tree, or dist/ where the build copies it). */
export const DEFAULT_MANIFEST = join(__dirname, '..', 'manifest.json');

/*
 * Listing or describing actions needs neither the credential store (its lock library) nor the logger (pino,
 * pino-pretty, and axios for its error serializer): the host gets stand-ins that open the real ones on first
 * use, so `zcrm actions` starts without loading them.
 */
function deferredStore(open: () => Promise<CredentialStore>): CredentialStore {
  return {
    list: async () => (await open()).list(),
    get: async (nickname) => (await open()).get(nickname),
    put: async (connection) => (await open()).put(connection),
    update: async (nickname, change) => (await open()).update(nickname, change),
    delete: async (nickname) => (await open()).delete(nickname),
  };
}

function deferredLogger(make: () => Logger): Logger {
  let real: Logger | undefined;
  const target = () => (real ??= make());
  return new Proxy({} as Logger, {
    get(_, key) {
      const value = Reflect.get(target(), key) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target()) : value;
    },
    set: (_, key, value) => Reflect.set(target(), key, value),
    has: (_, key) => Reflect.has(target(), key),
  });
}

function createContext(io: CliIO, program: Command): CliContext {
  let logger: Logger | undefined;
  let store: Promise<CredentialStore> | undefined;
  let host: Promise<Host> | undefined;
  const globals = () => program.opts<{ manifest?: string; verbose?: boolean }>();
  const ctx: CliContext = {
    io,
    verbose: () => globals().verbose === true,
    log() {
      logger ??= (() => {
        const { createLogger } = require('../runtime/logger') as typeof import('../runtime/logger');
        const level = globals().verbose ? 'debug' : io.env.LOG_LEVEL;
        return createLogger({ ...(level ? { level } : {}), pretty: io.stderr.isTTY === true, destination: io.stderr, name: 'zcrm' });
      })();
      return logger;
    },
    store() {
      store ??= Promise.resolve().then(() => {
        const { openDefaultStore } = require('../runtime/credentials') as typeof import('../runtime/credentials');
        return openDefaultStore(io.env);
      });
      return store;
    },
    host() {
      host ??= Promise.resolve().then(() => {
        const { loadHost } = require('../runtime/host') as typeof import('../runtime/host');
        const manifestPath = globals().manifest ?? io.env.ZCRM_MANIFEST ?? DEFAULT_MANIFEST;
        return loadHost({ manifestPath, store: deferredStore(() => ctx.store()), log: deferredLogger(() => ctx.log()) });
      });
      return host;
    },
    print(value, { json, text }) {
      if (json) io.stdout.write(`${JSON.stringify(value)}\n`);
      else io.stdout.write(`${text ?? JSON.stringify(value, null, 2)}\n`);
    },
  };
  return ctx;
}

/** The program with its commands; given `argv`, only the command it names is loaded when that is enough. */
export function buildProgram(io: CliIO, argv?: readonly string[]): { program: Command; ctx: CliContext } {
  const program = new Command('zcrm')
    .description('Run Zoho CRM actions and flows from the terminal, against Zoho or the local sandbox.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .option('--manifest <path>', 'connector manifest to load (default: this package\'s; env ZCRM_MANIFEST)')
    .option('-v, --verbose', 'debug logs and stack traces on stderr')
    .showHelpAfterError('(run `zcrm help` for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  const ctx = createContext(io, program);
  const word = argv ? commandWord(argv) : undefined;
  const file = word === undefined || NEEDS_EVERY_COMMAND.has(word) ? undefined : REGISTERED_BY[word] ?? (COMMANDS.includes(word) ? word : undefined);
  if (file) loadCommand(file).register(program, ctx);
  if (!file || !program.commands.some((c) => c.name() === word)) {
    for (const name of COMMANDS) if (name !== file) loadCommand(name).register(program, ctx);
  }
  for (const sub of program.commands) sub.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  return { program, ctx };
}

/** Runs the CLI with `argv` (without node and script) and resolves to the exit code. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const { program, ctx } = buildProgram(io, argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_CODES.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and --version "fail" with exit code 0; every other parse failure is a usage error.
      return err.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.input;
    }
    const error = toHostError(err);
    const json = argv.includes('--json');
    if (json) io.stdout.write(`${JSON.stringify({ ok: false, error: error.toJSON() })}\n`);
    io.stderr.write(formatError(error, { verbose: ctx.verbose(), original: err }));
    return exitCodeFor(error.category);
  }
}

export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    // A getter: touching process.stdin sets up a stream (and its modules), which most commands never read.
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd(),
  };
}

export function runFromProcess(): void {
  runCli(process.argv.slice(2), processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`zcrm: ${err instanceof HostError ? err.message : 'unexpected failure'}\n`);
      process.exitCode = EXIT_CODES.internal;
    },
  );
}

if (require.main === module) runFromProcess();
