/**
 * Which stored connection feeds live form options (and the `zcrm modules`/`fields` listings): the one named,
 * or the connector's only connection. Fails with the same typed errors the executor gives.
 */
import { ConnectionError, InputError } from '../errors';
import type { Host } from '../types';

export async function pickConnection(host: Host, requested?: string): Promise<string> {
  if (requested) return requested;
  const mine = (await host.store.list()).filter((c) => c.connector === host.manifest.id);
  if (mine.length === 1) return mine[0]!.nickname;
  if (mine.length === 0) throw new ConnectionError('NO_CONNECTION', `No ${host.manifest.name} connection exists yet.`, 'Create one with `zcrm connect <nickname>`.');
  throw new InputError('CONNECTION_REQUIRED', `Several ${host.manifest.name} connections exist; say which one to use.`, `Pass --connection with one of: ${mine.map((c) => c.nickname).join(', ')}.`);
}
