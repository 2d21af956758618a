/**
 * Where the runtime keeps its files. ZCRM_HOME, when set, holds everything (config and data); otherwise the
 * platform's usual places are used.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

const APP = 'zcrm';

/** Config directory: the credential store and its key file. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ZCRM_HOME) return env.ZCRM_HOME;
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP);
}

/** Data directory: flow run journals and other files that are not configuration. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ZCRM_HOME) return join(env.ZCRM_HOME, 'data');
  if (process.platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), APP, 'data');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP, 'data');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), APP);
}
