/**
 * The catalog test connector (test/forms/fixtures/catalog): one action whose input uses every kind of form
 * field, and a scripted options provider that records its calls and fails on demand.
 */
import { join } from 'node:path';
import { MemoryCredentialStore } from '../../../runtime/credentials/memory-store';
import { loadHost } from '../../../runtime/host';
import { createLogger } from '../../../runtime/logger';
import type { Connection, Host } from '../../../runtime/types';

export const CATALOG_DIR = join(__dirname, '..', 'fixtures', 'catalog');

export interface ProviderCall {
  source: string;
  dependsOn: unknown[];
  actionId: string;
  path: string;
  nickname: string;
}

/** The provider module as the runtime loads it (the same instance: jest's registry is per test file). */
export const provider = require(join(CATALOG_DIR, 'options-provider')) as { calls: ProviderCall[]; script: { failWith: unknown } };

export function catalogConnection(nickname: string): Connection {
  const at = new Date().toISOString();
  return { nickname, connector: 'catalog', createdAt: at, updatedAt: at, settings: { shop: `${nickname} shop` }, secrets: {} };
}

export function catalogHost(nicknames: string[], manifest = 'manifest.json'): Host {
  return loadHost({ manifestPath: join(CATALOG_DIR, manifest), store: new MemoryCredentialStore(nicknames.map(catalogConnection)), log: createLogger({ level: 'silent' }) });
}
