/**
 * `zcrm playground [--port N] [--connection nick] [--sandbox]` serves the web playground against a stored
 * connection, or (with --sandbox, or when no connection exists yet) against a sandbox started in this process
 * with an in-memory demo connection: `npm start` runs the latter. It prints the page's URL and runs until Ctrl-C.
 */
import type { Command } from 'commander';
import { join } from 'node:path';
import { InputError } from '../../runtime/errors';
import type { CredentialStore, Logger } from '../../runtime/types';
import type { CliContext } from '../context';
import { parsePort } from '../parse-port';

const DEFAULT_PORT = 4400;

interface PlaygroundOpts {
  port?: string;
  host: string;
  connection?: string;
  sandbox?: boolean;
}

/** Which connection the page uses: the one asked for, else the only one; undefined means "use the sandbox". */
async function chooseConnection(store: CredentialStore, connectorId: string, requested: string | undefined): Promise<string | undefined> {
  const mine = (await store.list()).filter((c) => c.connector === connectorId).map((c) => c.nickname);
  if (requested !== undefined) {
    if (!mine.includes(requested)) {
      throw new InputError('CONNECTION_NOT_FOUND', `No connection named "${requested}".`, mine.length ? `Known connections: ${mine.join(', ')}.` : 'Create one with `zcrm connect <nickname>`, or use --sandbox.');
    }
    return requested;
  }
  if (mine.length > 1) throw new InputError('CONNECTION_REQUIRED', 'Several connections exist; say which one the playground should use.', `Pass --connection with one of: ${mine.join(', ')} (or --sandbox).`);
  return mine[0];
}

/** The host's log: every line goes to the run's HTTP trace; lines at the CLI's level also reach stderr. */
function traceLogger(ctx: CliContext, trace: import('../../web/trace').CallTrace): Logger {
  const { createLogger } = require('../../runtime/logger') as typeof import('../../runtime/logger');
  const level = ctx.verbose() ? 'debug' : (ctx.io.env.LOG_LEVEL ?? 'info');
  const cli = ctx.log();
  return createLogger({
    level: 'debug',
    destination: trace.destination({
      forwardLevel: level,
      // re-logged through the CLI's logger, so the terminal gets its usual (pretty) lines
      forward: (line) => {
        const { level: n, msg, time: _time, pid: _pid, hostname: _hostname, ...rest } = JSON.parse(line) as Record<string, unknown>;
        const method = n === 60 ? 'fatal' : n === 50 ? 'error' : n === 40 ? 'warn' : n === 30 ? 'info' : n === 20 ? 'debug' : 'trace';
        cli[method](rest, String(msg ?? ''));
      },
    }),
  });
}

async function listen(start: (port: number) => Promise<import('../../web/server').RunningPlayground>, port: number, explicit: boolean) {
  try {
    return await start(port);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // The default port being busy (another playground, say) is no reason to fail `npm start`.
    if (code === 'EADDRINUSE' && !explicit) return start(0);
    if (code === 'EADDRINUSE') throw new InputError('PLAYGROUND_PORT_IN_USE', `Port ${port} is already in use.`, 'Pick another with --port N, or --port 0 for a free one.');
    if (code === 'EACCES') throw new InputError('PLAYGROUND_PORT_DENIED', `Not allowed to listen on port ${port}.`, 'Use a port above 1024.');
    throw error;
  }
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('playground')
    .description('serve the web playground: run actions through generated forms, see output and HTTP traces, build flows')
    .option('-p, --port <port>', `port to listen on (default ${DEFAULT_PORT}, or ZCRM_PLAYGROUND_PORT; 0 picks a free port)`)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('-c, --connection <nickname>', 'connection to use (default: the only one, or ZCRM_CONNECTION)')
    .option('--sandbox', 'use a local sandbox started in this process, with a demo connection (the default when no connection exists)')
    .action(async (opts: PlaygroundOpts, command: Command) => {
      if (opts.sandbox && opts.connection) throw new InputError('USAGE', '--sandbox and --connection cannot be combined.', 'Use --sandbox for the local sandbox, or --connection for a stored connection.');
      const envPort = ctx.io.env.ZCRM_PLAYGROUND_PORT;
      const explicit = opts.port !== undefined || Boolean(envPort);
      const port = opts.port !== undefined ? parsePort(opts.port, '--port') : envPort ? parsePort(envPort, 'ZCRM_PLAYGROUND_PORT') : DEFAULT_PORT;
      const { loadManifest } = require('../../runtime/manifest-loader') as typeof import('../../runtime/manifest-loader');
      const { loadHost } = require('../../runtime/host') as typeof import('../../runtime/host');
      const { CallTrace } = require('../../web/trace') as typeof import('../../web/trace');
      const { startPlayground } = require('../../web/server') as typeof import('../../web/server');
      const { defaultJournalDir } = require('../../runtime/flow') as typeof import('../../runtime/flow');
      // the same default as cli/main.ts: this package's manifest, beside the compiled CLI in dist/ too
      const manifestPath = command.optsWithGlobals<{ manifest?: string }>().manifest ?? ctx.io.env.ZCRM_MANIFEST ?? join(__dirname, '..', '..', 'manifest.json');
      const connectorId = loadManifest(manifestPath).manifest.id;

      let store: CredentialStore | undefined;
      let nickname: string | undefined;
      if (!opts.sandbox) {
        store = await ctx.store();
        nickname = await chooseConnection(store, connectorId, opts.connection ?? (ctx.io.env.ZCRM_CONNECTION || undefined));
        if (nickname === undefined) ctx.io.stderr.write('No connection exists yet: using a local sandbox (connect to Zoho with `zcrm connect <nickname>`).\n');
      }
      let closeSandbox = async () => undefined;
      const demo = nickname === undefined;
      let journalDir = defaultJournalDir(ctx.io.env);
      if (demo) {
        const { startSandboxDemo } = require('../../web/sandbox-demo') as typeof import('../../web/sandbox-demo');
        const { mkdtemp, rm } = require('node:fs/promises') as typeof import('node:fs/promises');
        const { tmpdir } = require('node:os') as typeof import('node:os');
        const sandbox = await startSandboxDemo({ connectorId, sandbox: { onInternalError: (e) => ctx.io.stderr.write(`sandbox: internal error: ${e instanceof Error ? e.message : String(e)}\n`) } });
        store = sandbox.store;
        nickname = sandbox.nickname;
        // Runs against a throwaway sandbox are not worth keeping among the real runs `zcrm flow runs` lists.
        journalDir = await mkdtemp(join(tmpdir(), 'zcrm-playground-runs-'));
        closeSandbox = async () => {
          await sandbox.close();
          await rm(journalDir, { recursive: true, force: true });
        };
      }

      const trace = new CallTrace();
      const host = loadHost({ manifestPath, store: store!, log: traceLogger(ctx, trace) });
      const playground = await listen((p) => startPlayground({ host, connection: nickname, trace, journalDir, port: p, hostname: opts.host }), port, explicit).catch(async (err: unknown) => {
        await closeSandbox();
        throw err;
      });
      ctx.io.stdout.write(`zcrm playground: ${playground.url}\n`);
      ctx.io.stderr.write(`  connection: ${nickname}${demo ? ' (in memory, to a local sandbox)' : ''}\nPress Ctrl-C to stop.\n`);
      if (!['127.0.0.1', 'localhost', '::1'].includes(opts.host)) {
        ctx.io.stderr.write(`warning: listening on ${opts.host}: anyone who can reach this address can run actions with connection "${nickname}" (the page has no login).\n`);
      }

      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await playground.close();
      await closeSandbox();
      ctx.io.stderr.write('playground stopped\n');
    });
}
