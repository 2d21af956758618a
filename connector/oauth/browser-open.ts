/**
 * Opens a URL in the user's browser with the platform's opener (no shell: the URL is one argument), and
 * reports whether that worked so the caller can print the URL instead.
 */
import { spawn } from 'node:child_process';

function opener(platform: NodeJS.Platform): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [] };
  // `start` is a cmd built-in; the empty "" is its window title, so the URL is never taken for one.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""'] };
  return { command: 'xdg-open', args: [] };
}

export interface OpenOptions {
  platform?: NodeJS.Platform;
  /** The environment the opener runs with (its PATH finds the opener). */
  env?: NodeJS.ProcessEnv;
}

export async function openInBrowser(url: string, options: OpenOptions = {}): Promise<boolean> {
  const platform = options.platform ?? process.platform;
  if (!/^https?:\/\//.test(url)) return false;
  const { command, args } = opener(platform);
  return new Promise((resolve) => {
    try {
      const child = spawn(command, [...args, platform === 'win32' ? url.replace(/&/g, '^&') : url], { stdio: 'ignore', detached: true, windowsHide: true, ...(options.env ? { env: options.env } : {}) });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
