/**
 * `zcrm connections [--json]` lists the stored connections with data centre, Zoho user and org and health;
 * `zcrm connections test <nickname>` makes one cheap call and explains the result in plain words.
 */
import type { Command } from 'commander';
import { ConnectionError, isHostError } from '../../runtime/errors';
import type { CliContext } from '../context';

export function register(program: Command, ctx: CliContext): void {
  const connections = program
    .command('connections')
    .description('list the stored connections: data centre, Zoho user and org, health')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { connectionHealth } = require('../../connector/health') as typeof import('../../connector/health');
      const host = await ctx.host();
      const store = await ctx.store();
      // Connections of other connectors in the same store are not this command's business.
      const all = (await store.list()).filter((c) => c.connector === host.manifest.id);
      const rows = all.map((c) => {
        const s = c.settings as Record<string, string | undefined>;
        return {
          nickname: c.nickname,
          region: s.region,
          apiDomain: s.apiDomain,
          user: { id: s.userId, name: s.userName, email: s.userEmail },
          org: { id: s.orgId, name: s.orgName },
          createdAt: c.createdAt,
          health: connectionHealth(c, all),
        };
      });
      const text = rows.length === 0
        ? 'No connections yet. Make one with `zcrm connect <nickname> --dc <dc>` (or `--sandbox` to try the local sandbox).'
        : rows
            .map((r) => {
              const who = r.user.email ? `${r.user.name ?? ''} <${r.user.email}>`.trim() : 'user unknown';
              const org = r.org.name ? `org ${r.org.name}` : 'org unknown';
              return `${r.nickname}  [${r.region ?? '?'}]  ${who}, ${org}\n  ${r.health.status}: ${r.health.detail}`;
            })
            .join('\n');
      ctx.print(rows, { json: opts.json === true, text });
    });

  connections
    .command('test <nickname>')
    .description('make one cheap call with a connection and explain the result')
    .option('--json', 'print JSON')
    .action(async (nickname: string, opts: { json?: boolean }) => {
      const { connectionSpecFrom } = require('../../connector/spec') as typeof import('../../connector/spec');
      const { createZohoClient } = require('../../connector/client-factory') as typeof import('../../connector/client-factory');
      const { identify } = require('../../connector/identify') as typeof import('../../connector/identify');
      const host = await ctx.host();
      const spec = connectionSpecFrom(host.manifest.id, host.manifest.connection);
      const store = await ctx.store();
      const connection = await store.get(nickname);
      if (!connection) {
        const known = (await store.list()).map((c) => c.nickname);
        throw new ConnectionError('CONNECTION_NOT_FOUND', `There is no connection "${nickname}".`, known.length ? `Known connections: ${known.join(', ')}.` : `Make one with \`zcrm connect ${nickname}\`.`);
      }
      const client = createZohoClient({ connection, store, log: ctx.log(), spec: spec.auth, retry: { maxAttempts: 2 } });
      const started = performance.now();
      let who;
      try {
        who = await identify(client);
      } catch (err) {
        if (isHostError(err)) ctx.io.stderr.write(`Connection "${nickname}" does not work.\n`);
        throw err;
      }
      const ms = Math.round(performance.now() - started);
      // Keep the recorded user and org current (they are what the same-user check compares).
      const changed = Object.entries(who).some(([k, v]) => connection.settings[k] !== v);
      if (changed) await store.update(nickname, (c) => ({ ...c, settings: { ...c.settings, ...who } }));
      const i = client.connection;
      const label = spec.auth.regions[i.region]?.label ?? i.region;
      const text =
        `Connection "${nickname}" works: Zoho CRM answered in ${ms} ms.\n` +
        `Signed in as ${who.userName ?? 'an unnamed user'}${who.userEmail ? ` <${who.userEmail}>` : ''}${who.orgName ? ` in org ${who.orgName}` : ''}` +
        `${who.orgId ? ` (${who.orgId})` : ''}; data centre ${label} (${i.region}), API ${i.apiDomain}.`;
      ctx.print({ ok: true, nickname, durationMs: ms, connection: { ...i, ...who } }, { json: opts.json === true, text });
    });
}
