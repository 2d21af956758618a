/**
 * `zcrm doctor [--json]`: checks Node's version, the config folder's permissions, the credential store, each
 * connection (one cheap call), and that the endpoints in use answer; prints ok / warn / fail with a fix for
 * each. Exit code 0 when nothing failed, 3 when the store or a connection failed, 1 for any other failure.
 */
import type { Command } from 'commander';
import { join } from 'node:path';
import { HostError } from '../../runtime/errors';
import type { Connection, Host } from '../../runtime/types';
import type { CliContext } from '../context';
import type { CheckResult, LiveCheck } from '../doctor-checks';

function checks(): typeof import('../doctor-checks') {
  return require('../doctor-checks') as typeof import('../doctor-checks');
}

/** A Zoho connection's live check (as `zcrm connections test`), or undefined for a connector that is not Zoho OAuth. */
function zohoLiveCheck(ctx: CliContext, host: Host, connection: Connection): LiveCheck | undefined {
  const { connectionSpecFrom } = require('../../connector/spec') as typeof import('../../connector/spec');
  let spec;
  try {
    spec = connectionSpecFrom(host.manifest.id, host.manifest.connection);
  } catch {
    return undefined;
  }
  const auth = spec.auth;
  return {
    async call() {
      const { createZohoClient } = require('../../connector/client-factory') as typeof import('../../connector/client-factory');
      const { identify } = require('../../connector/identify') as typeof import('../../connector/identify');
      const client = createZohoClient({ connection, store: await ctx.store(), log: ctx.log(), spec: auth, retry: { maxAttempts: 2 }, timeoutMs: 10_000 });
      const who = await identify(client, AbortSignal.timeout(20_000));
      const user = who.userEmail ? `${who.userName ?? ''} <${who.userEmail}>`.trim() : (who.userName ?? 'an unnamed user');
      return `${user}${who.orgName ? `, org ${who.orgName}` : ''}`;
    },
  };
}

/** The accounts server and API domain of each connection (and the ZOHO_* overrides), each origin once. */
function endpoints(connections: Connection[], env: NodeJS.ProcessEnv): { title: string; url: string }[] {
  const seen = new Map<string, string>();
  const add = (title: string, url: unknown) => {
    if (typeof url !== 'string') return;
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      return;
    }
    if (!seen.has(origin)) seen.set(origin, title);
  };
  add('ZOHO_ACCOUNTS_URL', env.ZOHO_ACCOUNTS_URL);
  add('ZOHO_API_DOMAIN', env.ZOHO_API_DOMAIN);
  for (const c of connections) {
    add(`accounts server of "${c.nickname}"`, c.settings.accountsUrl);
    add(`API domain of "${c.nickname}"`, c.settings.apiDomain);
  }
  return [...seen].map(([url, title]) => ({ title, url }));
}

async function runChecks(ctx: CliContext): Promise<CheckResult[]> {
  const { checkConnection, checkNodeVersion, checkPermissions, checkReachable, checkSandbox, checkStore, requiredNodeVersion } = checks();
  const { configDir } = require('../../runtime/paths') as typeof import('../../runtime/paths');
  const { KEY_FILE_NAME, STORE_FILE_NAME } = require('../../runtime/credentials') as typeof import('../../runtime/credentials');
  const env = ctx.io.env;
  const results: CheckResult[] = [checkNodeVersion(process.versions.node, requiredNodeVersion())];

  const dir = configDir(env);
  results.push(...(await checkPermissions({ dir, storeFile: join(dir, STORE_FILE_NAME), keyFile: join(dir, KEY_FILE_NAME), usesSecret: Boolean(env.ZCRM_SECRET) })));

  let host: Host | undefined;
  try {
    host = await ctx.host();
    results.push({ kind: 'system', status: 'ok', title: 'connector', detail: `${host.manifest.name} ${host.manifest.version}, ${host.actionIds().length} actions` });
  } catch (err) {
    const e = err instanceof HostError ? err : undefined;
    results.push({ kind: 'system', status: 'fail', title: 'connector', detail: e?.message ?? 'the manifest could not be loaded', fix: e?.hint ?? 'Run with --verbose for details.' });
  }

  const store = await checkStore(await ctx.store(), host?.manifest.id);
  results.push(store.check);
  const connections = store.connections ?? [];
  if (host && connections.length > 0) {
    const { connectionHealth } = require('../../connector/health') as typeof import('../../connector/health');
    const h = host;
    results.push(...(await Promise.all(connections.map((c) => checkConnection(c.nickname, connectionHealth(c, connections), zohoLiveCheck(ctx, h, c))))));
  }

  results.push(...(await Promise.all(endpoints(connections, env).map((e) => checkReachable(e.title, e.url)))));
  const port = env.ZCRM_SANDBOX_PORT ? Number.parseInt(env.ZCRM_SANDBOX_PORT, 10) : 4410;
  const sandbox = Number.isInteger(port) && port > 0 && port < 65_536 ? await checkSandbox(port, Boolean(env.ZCRM_SANDBOX_PORT)) : undefined;
  if (sandbox) results.push(sandbox);
  return results;
}

function summary(results: readonly CheckResult[]): { ok: number; warn: number; fail: number } {
  return { ok: results.filter((r) => r.status === 'ok').length, warn: results.filter((r) => r.status === 'warn').length, fail: results.filter((r) => r.status === 'fail').length };
}

export function reportText(results: readonly CheckResult[]): string {
  const width = Math.max(...results.map((r) => r.title.length));
  const lines = results.flatMap((r) => [`${r.status.padEnd(4)}  ${r.title.padEnd(width)}  ${r.detail}`, ...(r.fix ? [`${' '.repeat(6 + width + 2)}fix: ${r.fix}`] : [])]);
  const s = summary(results);
  lines.push('', `${s.ok} ok, ${s.warn} warning${s.warn === 1 ? '' : 's'}, ${s.fail} failed`);
  return lines.join('\n');
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('doctor')
    .description('check Node, config folder permissions, the credential store, connections and endpoints')
    .option('--json', 'print the checks as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { doctorExitCode } = checks();
      const results = await runChecks(ctx);
      const json = opts.json === true;
      const code = doctorExitCode(results);
      const counts = summary(results);
      if (code === 0) {
        ctx.print({ ok: true, checks: results, summary: counts }, { json, text: reportText(results) });
        return;
      }
      // The exit code comes from the error's category; with --json the checks ride in it (one JSON line).
      if (!json) ctx.print(results, { json: false, text: reportText(results) });
      const failed = results.filter((r) => r.status === 'fail').map((r) => r.title);
      throw new HostError({
        code: 'DOCTOR_FOUND_PROBLEMS',
        category: code === 3 ? 'auth' : 'remote',
        message: `${failed.length} check${failed.length === 1 ? '' : 's'} failed: ${failed.join(', ')}.`,
        hint: 'Follow the fix under each failed check, then run `zcrm doctor` again.',
        ...(json ? { details: { checks: results, summary: counts } } : {}),
      });
    });
}
