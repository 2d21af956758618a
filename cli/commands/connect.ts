/**
 * `zcrm connect <nickname>`: makes a Zoho CRM connection by signing in through the browser (loopback
 * redirect), by Zoho's self-client flow (`--self-client --code`), or against the local sandbox (`--sandbox`,
 * whose consent page is completed automatically), then records the Zoho user and org and saves it.
 */
import type { Command } from 'commander';
import { InputError } from '../../runtime/errors';
import type { CliContext } from '../context';

interface ConnectOptions {
  dc?: string;
  clientId?: string;
  clientSecret?: string;
  selfClient?: boolean;
  code?: string;
  sandbox?: boolean | string;
  sandboxUser?: string;
  browser?: boolean;
  redirectPort?: number;
  timeout?: number;
  json?: boolean;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new InputError('INVALID_PORT', `"${value}" is not a port number (0-65535).`);
  return n;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new InputError('INVALID_TIMEOUT', `"${value}" is not a number of seconds.`);
  return n;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('connect <nickname>')
    .description('connect to Zoho CRM: sign in with the browser, a self-client grant code, or the local sandbox')
    .option('--dc <dc>', 'Zoho data centre: us, eu, in, au, jp, cn, ca or sa (default us)')
    .option('--client-id <id>', 'OAuth client id from Zoho\'s API Console (env ZOHO_CLIENT_ID)')
    .option('--client-secret <secret>', 'OAuth client secret (env ZOHO_CLIENT_SECRET; prefer the env variable)')
    .option('--self-client', 'use Zoho\'s self-client flow with a grant code from the API Console (no browser)')
    .option('--code <grant>', 'the self-client grant code (with --self-client)')
    .option('--sandbox [url]', 'connect to the local sandbox at url (default http://127.0.0.1:4410; started when none runs)')
    .option('--sandbox-user <email>', 'with --sandbox: the sandbox user to sign in as (default the first)')
    .option('--no-browser', 'print the sign-in URL instead of opening a browser')
    .option('--redirect-port <port>', 'loopback port for Zoho\'s redirect (default: a free one)', port)
    .option('--timeout <seconds>', 'how long to wait for the sign-in (default 300)', seconds)
    .option('--json', 'print the result as JSON')
    .action(async (nickname: string, opts: ConnectOptions) => {
      const { connectionSpecFrom } = require('../../connector/spec') as typeof import('../../connector/spec');
      const { endpointsFor } = require('../../connector/regions') as typeof import('../../connector/regions');
      const { checkNickname, connectWithBrowser, connectWithSelfClient } = require('../../connector/connect-flow') as typeof import('../../connector/connect-flow');
      const { dataDir } = require('../../runtime/paths') as typeof import('../../runtime/paths');
      const io = ctx.io;
      const host = await ctx.host();
      const spec = connectionSpecFrom(host.manifest.id, host.manifest.connection);
      checkNickname(spec, nickname);
      if (opts.code && !opts.selfClient) throw new InputError('USAGE', '--code goes with --self-client.', 'Run `zcrm connect <nickname> --self-client --code <grant>`.');
      if (opts.sandboxUser && opts.sandbox === undefined) throw new InputError('USAGE', '--sandbox-user goes with --sandbox.');

      let env = io.env;
      let clientId = opts.clientId ?? io.env.ZOHO_CLIENT_ID;
      let clientSecret = opts.clientSecret ?? io.env.ZOHO_CLIENT_SECRET;
      let sandboxUrl: string | undefined;
      if (opts.sandbox !== undefined) {
        const { findOrStartSandbox } = require('../../connector/sandbox-connect/launcher') as typeof import('../../connector/sandbox-connect/launcher');
        const target = await findOrStartSandbox({ ...(typeof opts.sandbox === 'string' ? { url: opts.sandbox } : {}), env: io.env, dataDir: dataDir(io.env) });
        if (target.started) io.stderr.write(`Started the Zoho sandbox at ${target.url} (it runs in the background${target.pid ? `; stop it with \`kill ${target.pid}\`` : ''}).\n`);
        sandboxUrl = target.url;
        env = { ...io.env, ZOHO_ACCOUNTS_URL: target.accountsUrl ?? target.url, ZOHO_API_DOMAIN: target.apiDomain ?? target.url };
        clientId ??= target.clientId;
        clientSecret ??= target.clientSecret;
      }
      if (!clientId || !clientSecret) {
        throw new InputError(
          'MISSING_CLIENT',
          'A Zoho OAuth client id and secret are needed.',
          sandboxUrl
            ? 'Pass --client-id and --client-secret from the JSON line `zcrm sandbox` printed when it started.'
            : 'Create a client in Zoho\'s API Console (https://api-console.zoho.com) and pass --client-id, and the secret through ZOHO_CLIENT_SECRET (or --client-secret).',
        );
      }
      const { secrets } = require('../../runtime/secrets') as typeof import('../../runtime/secrets');
      secrets.add(clientSecret);
      const endpoints = endpointsFor(spec.auth, opts.dc ?? spec.auth.defaultRegion, env);
      const base = { nickname, spec, store: await ctx.store(), log: ctx.log(), env, endpoints, clientId, clientSecret };

      let result;
      if (opts.selfClient) {
        if (!opts.code) throw new InputError('MISSING_GRANT_CODE', '--self-client needs --code <grant>.', 'In Zoho\'s API Console open Self Client → Generate Code with the scopes the connector needs, then pass it with --code within a few minutes.');
        result = await connectWithSelfClient({ ...base, method: 'self-client', code: opts.code });
      } else {
        const { openInBrowser } = require('../../connector/oauth/browser-open') as typeof import('../../connector/oauth/browser-open');
        const { completeSandboxConsent } = require('../../connector/sandbox-connect/consent-bot') as typeof import('../../connector/sandbox-connect/consent-bot');
        result = await connectWithBrowser({
          ...base,
          method: sandboxUrl ? 'sandbox' : 'browser',
          ...(opts.redirectPort !== undefined ? { redirectPort: opts.redirectPort } : {}),
          ...(opts.timeout ? { timeoutMs: opts.timeout * 1000 } : {}),
          present: async (url, redirectUri) => {
            if (sandboxUrl) {
              await completeSandboxConsent(url, redirectUri, opts.sandboxUser ? { userEmail: opts.sandboxUser } : {});
              return;
            }
            io.stderr.write(`Sign in to Zoho and accept access at:\n\n  ${url}\n\nWaiting for Zoho's redirect to ${redirectUri} ...\n`);
            if (opts.browser !== false && !(await openInBrowser(url, { env: io.env }))) io.stderr.write('(Could not open a browser: open the URL above yourself.)\n');
          },
        });
      }

      for (const warning of result.warnings) io.stderr.write(`warning: ${warning}\n`);
      const i = result.info;
      const who = i.userName || i.userEmail ? `${i.userName ?? ''}${i.userEmail ? ` <${i.userEmail}>` : ''}`.trim() : 'an unknown Zoho user';
      const org = i.orgName ? `, org ${i.orgName}${i.orgId ? ` (${i.orgId})` : ''}` : '';
      const label = spec.auth.regions[i.region]?.label ?? i.region;
      const text = [
        `${result.replaced ? 'Reconnected' : 'Connected'} "${i.nickname}" as ${who}${org}.`,
        `Data centre: ${label} (${i.region}); API: ${i.apiDomain}.`,
        `Use it with \`zcrm run <action> --connection ${i.nickname}\`.`,
      ].join('\n');
      ctx.print({ ok: true, connection: i, replaced: result.replaced, warnings: result.warnings, sameUser: result.sameUser }, { json: opts.json === true, text });
    });
}
