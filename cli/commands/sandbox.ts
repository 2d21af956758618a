/**
 * `zcrm sandbox [--port N] [--state file.json] [--seed N]` runs the local Zoho CRM + Zoho Accounts sandbox until
 * Ctrl-C or SIGTERM. When ready it prints exactly one JSON line on stdout (URLs, the demo client, a ready
 * refresh token, the demo user); everything for people goes to stderr. With --state the data is loaded from
 * the file when it exists and saved to it on shutdown.
 */
import type { Command } from 'commander';
import { InputError } from '../../runtime/errors';
import type { CliContext } from '../context';
import { parsePort } from '../parse-port';

const DEFAULT_PORT = 4410;

function parseInteger(text: string, name: string): number {
  if (!/^-?\d+$/.test(text)) throw new InputError('SANDBOX_BAD_OPTION', `--${name} must be an integer, got "${text}".`);
  return Number(text);
}

function parseCounts(entries: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of entries) {
    const match = /^([A-Za-z][A-Za-z0-9_]*)=(\d+)$/.exec(entry);
    if (!match) throw new InputError('SANDBOX_BAD_OPTION', `--count takes Module=N (e.g. Leads=5000), got "${entry}".`);
    counts[match[1] as string] = Number(match[2]);
  }
  return counts;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('sandbox')
    .description('run the local Zoho CRM and Zoho Accounts sandbox (prints one JSON line with its URL and demo credentials)')
    .option('-p, --port <port>', `port to listen on (default ${DEFAULT_PORT}, or ZCRM_SANDBOX_PORT; 0 picks a free port)`)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--state <file>', 'load the sandbox state from this file when it exists, and save it there on shutdown')
    .option('--seed <n>', 'seed of the generated data (the same seed gives the same records)')
    .option('--count <module=n...>', 'records to generate for a module, e.g. --count Leads=100000 (repeatable)')
    .action(async (opts: { port?: string; host: string; state?: string; seed?: string; count?: string[] }) => {
      const envPort = ctx.io.env.ZCRM_SANDBOX_PORT;
      const port = opts.port !== undefined ? parsePort(opts.port, '--port') : envPort ? parsePort(envPort, 'ZCRM_SANDBOX_PORT') : DEFAULT_PORT;
      const { startSandbox } = require('../../sandbox') as typeof import('../../sandbox');
      let sandbox: Awaited<ReturnType<typeof startSandbox>>;
      try {
        sandbox = await startSandbox({
          port,
          host: opts.host,
          ...(opts.state ? { statePath: opts.state } : {}),
          ...(opts.seed !== undefined ? { seed: parseInteger(opts.seed, 'seed') } : {}),
          ...(opts.count ? { counts: parseCounts(opts.count) } : {}),
          onInternalError: (error) => ctx.io.stderr.write(`sandbox: internal error: ${error instanceof Error ? error.message : String(error)}\n`),
        });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new InputError('SANDBOX_PORT_IN_USE', `Port ${port} is already in use.`, 'Pick another with --port N, or --port 0 for a free one.');
        if (code === 'EACCES') throw new InputError('SANDBOX_PORT_DENIED', `Not allowed to listen on port ${port}.`, 'Use a port above 1024.');
        if (error instanceof Error && error.name === 'StateFileError') throw new InputError('SANDBOX_BAD_STATE', error.message, 'Remove the file or point --state at another path.');
        throw error;
      }

      const { url, accountsUrl, apiDomain, clientId, clientSecret, refreshToken, user } = sandbox;
      ctx.io.stdout.write(`${JSON.stringify({ url, accountsUrl, apiDomain, clientId, clientSecret, refreshToken, user })}\n`);
      ctx.io.stderr.write(
        `Zoho CRM sandbox listening on ${url}\n` +
          `  CRM API:   ${url}/crm/v8/...   OAuth: ${url}/oauth/v2/...   control: ${url}/__sandbox\n` +
          `  demo user: ${user.name} <${user.email}>${opts.state ? `\n  state:     ${opts.state} (saved on shutdown)` : ''}\n` +
          'Press Ctrl-C to stop.\n',
      );

      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          ctx.io.stderr.write(`\n${signal}: shutting down${opts.state ? ` and saving ${opts.state}` : ''}...\n`);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await sandbox.close();
      ctx.io.stderr.write('sandbox stopped\n');
    });
}
