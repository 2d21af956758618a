/**
 * `zcrm disconnect <nickname>`: revokes the connection's refresh token in Zoho (so it stops counting against
 * the user's limit and cannot be used again), then deletes the connection from the store.
 */
import type { Command } from 'commander';
import { ConnectionError, isHostError } from '../../runtime/errors';
import type { CliContext } from '../context';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('disconnect <nickname>')
    .description('revoke a connection\'s token in Zoho and delete the connection')
    .option('--force', 'delete the connection even when Zoho cannot be reached to revoke the token')
    .option('--json', 'print JSON')
    .action(async (nickname: string, opts: { force?: boolean; json?: boolean }) => {
      const { connectionSpecFrom } = require('../../connector/spec') as typeof import('../../connector/spec');
      const { endpointsOfConnection } = require('../../connector/regions') as typeof import('../../connector/regions');
      const { readZohoConnection } = require('../../connector/connection') as typeof import('../../connector/connection');
      const { TokenClient } = require('../../connector/oauth/token-client') as typeof import('../../connector/oauth/token-client');
      const { forgetSession } = require('../../connector/session') as typeof import('../../connector/session');
      const host = await ctx.host();
      const spec = connectionSpecFrom(host.manifest.id, host.manifest.connection);
      const store = await ctx.store();
      const connection = await store.get(nickname);
      if (!connection) throw new ConnectionError('CONNECTION_NOT_FOUND', `There is no connection "${nickname}".`, 'See `zcrm connections` for the stored ones.');

      let revoked: 'revoked' | 'already invalid' | 'not revoked' = 'not revoked';
      try {
        const view = readZohoConnection(connection);
        const result = await new TokenClient().revoke({ revokeUrl: endpointsOfConnection(spec.auth, view.settings).revokeUrl, token: view.secrets.refreshToken, nickname });
        revoked = result.revoked ? 'revoked' : 'already invalid';
      } catch (err) {
        if (!opts.force) {
          const why = isHostError(err) ? err.message : 'an unexpected error';
          throw new ConnectionError('REVOKE_FAILED', `Could not revoke the token of "${nickname}" in Zoho: ${why}`, `Try again, or run \`zcrm disconnect ${nickname} --force\` to delete it anyway and then remove the app in Zoho (Accounts → Connected Apps).`);
        }
        ctx.io.stderr.write(`warning: the token of "${nickname}" could not be revoked in Zoho; remove the app in Zoho (Accounts → Connected Apps).\n`);
      }
      await store.delete(nickname);
      forgetSession(store, nickname);
      const text = {
        revoked: `Disconnected "${nickname}": its token was revoked in Zoho and the connection deleted.`,
        'already invalid': `Disconnected "${nickname}": Zoho already considered its token invalid; the connection was deleted.`,
        'not revoked': `Deleted "${nickname}" without revoking its token in Zoho.`,
      }[revoked];
      ctx.print({ ok: true, nickname, revoked: revoked === 'revoked', tokenState: revoked }, { json: opts.json === true, text });
    });
}
