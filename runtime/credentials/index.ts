/** Credential stores: the encrypted file store the CLI uses, and the in-memory store for tests and libraries. */
import { configDir } from '../paths';
import { FileCredentialStore } from './file-store';

export { FileCredentialStore, KEY_FILE_NAME, STORE_FILE_NAME, type FileCredentialStoreOptions } from './file-store';
export { MemoryCredentialStore } from './memory-store';

/** The user's store: `connections.enc.json` in the config folder (ZCRM_HOME), keyed by ZCRM_SECRET or the key file. */
export function openDefaultStore(env: NodeJS.ProcessEnv = process.env): FileCredentialStore {
  return new FileCredentialStore({ dir: configDir(env), ...(env.ZCRM_SECRET ? { secret: env.ZCRM_SECRET } : {}) });
}
