/**
 * The package's library entry point for platforms: load the Zoho CRM connector (or another connector's
 * manifest) and get a Host that lists actions, hands out their schemas, and executes them.
 */
import { join } from 'node:path';
import { openDefaultStore } from './runtime/credentials';
import { loadHost } from './runtime/host';
import { createLogger } from './runtime/logger';
import type { CredentialStore, Host, Logger } from './runtime/types';

export * from './runtime';
/** The local Zoho CRM sandbox and a ready connection to it, to try the connector with no Zoho account. */
export { startSandbox, type RunningSandbox, type SandboxOptions } from './sandbox';
export { sandboxConnection } from './connector/sandbox-connect/demo-connection';

export interface LoadConnectorOptions {
  /** Defaults to this package's Zoho CRM manifest. */
  manifestPath?: string;
  /** Defaults to the encrypted file store under the config directory (ZCRM_HOME, ZCRM_SECRET). */
  store?: CredentialStore;
  /** Defaults to a JSON logger on stderr at LOG_LEVEL (info). */
  log?: Logger;
  defaultTimeoutMs?: number;
}

export function loadConnector(options: LoadConnectorOptions = {}): Host {
  return loadHost({
    manifestPath: options.manifestPath ?? join(__dirname, 'manifest.json'),
    store: options.store ?? openDefaultStore(),
    log: options.log ?? createLogger({ destination: process.stderr }),
    ...(options.defaultTimeoutMs ? { defaultTimeoutMs: options.defaultTimeoutMs } : {}),
  });
}
