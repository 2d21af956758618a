/**
 * The ZohoClient of a dry run: the same URL building, host guard and error mapping as a real client, then the
 * recording transport. No token manager, no refresh, no retry, no limiter slot, and a metadata cache of its
 * own, so a dry run neither asks Zoho Accounts for a token nor leaves synthetic answers in the shared cache.
 */
import type { Connection, DryRunCall, Logger } from '../../runtime/types';
import { connectionInfo, readZohoConnection } from '../connection';
import { OrgLimiter, sizesFor } from '../limiter';
import { DEFAULT_METADATA_TTL_MS, Metadata } from '../metadata';
import type { OAuthSpec } from '../spec';
import { baseUrl } from './base-url';
import { dryRunTransport } from './dry-run-transport';
import { hostGuard } from './host-guard';
import { logCall } from './log-call';
import { throwForStatus } from './throw-for-status';
import { compose } from './types';
import { ZohoClient } from './zoho-client';

export interface DryRunClientOptions {
  connection: Connection;
  spec: OAuthSpec;
  log: Logger;
  recordCall: (call: DryRunCall) => void;
}

export function createDryRunClient(options: DryRunClientOptions): ZohoClient {
  // Checked as for a real run: a connection that could not work is reported, not papered over.
  const view = readZohoConnection(options.connection);
  const settings = view.settings;
  const hintContext = () => ({ nickname: view.nickname, grantedScopes: settings.scopes });
  const log = options.log.child({ dryRun: true });
  const chain = [baseUrl(settings.apiDomain), hostGuard(settings.apiDomain), throwForStatus(hintContext), logCall(log)];
  const handler = compose(chain, dryRunTransport(options.recordCall, { authHeader: options.spec.token.header }));
  let client: ZohoClient;
  const metadata = new Metadata(new Map(), (path, query) => client.get(path, query), DEFAULT_METADATA_TTL_MS);
  client = new ZohoClient({ handler, info: connectionInfo(view), limiter: new OrgLimiter(sizesFor()), metadata, hintContext, defaultTimeoutMs: 60_000 });
  return client;
}
