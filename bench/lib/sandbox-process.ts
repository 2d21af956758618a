/**
 * A sandbox in its own process, driven through its control API (/__sandbox/...). Benchmarks that time the
 * client use it so the server's work runs on the other core, as a real Zoho server would not share the
 * client's CPU.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import type { SandboxConfig } from '../../sandbox/config';
import type { SandboxStats } from '../../sandbox/core';
import type { RunningSandbox, SandboxOptions } from '../../sandbox';

/** What the sandbox's ready line says (its URLs, the demo client and refresh token, the demo user), and its control API. */
export interface SandboxProcess extends Pick<RunningSandbox, 'url' | 'accountsUrl' | 'apiDomain' | 'clientId' | 'clientSecret' | 'refreshToken' | 'user'> {
  pid: number;
  stats(): Promise<SandboxStats>;
  resetStats(): Promise<void>;
  setConfig(partial: Partial<SandboxConfig>): Promise<void>;
  seed(module: string, count: number): Promise<void>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** `node --require tsx/cjs <file> ...args`: runs one of the bench's TypeScript files as a child process. */
export function tsArgs(file: string, ...args: string[]): string[] {
  return ['--require', require.resolve('tsx/cjs'), file, ...args];
}

function waitForLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const fail = (why: string) => reject(new Error(`sandbox process ${why}`));
    child.once('exit', (code) => fail(`exited (code ${code}) before it was ready`));
    child.once('error', (err) => fail(`failed to start: ${err.message}`));
    lines.once('line', (line) => {
      lines.close();
      resolve(line);
    });
  });
}

export async function startSandboxProcess(options: SandboxOptions = {}): Promise<SandboxProcess> {
  const merged: SandboxOptions = { ...options, config: { accessTokensPer10Min: 100_000, ...options.config } };
  const child = spawn(process.execPath, tsArgs(join(__dirname, 'sandbox-child.ts'), JSON.stringify(merged)), { stdio: ['pipe', 'pipe', 'inherit'] });
  const ready = JSON.parse(await waitForLine(child)) as Omit<SandboxProcess, 'pid' | 'stats' | 'resetStats' | 'setConfig' | 'seed' | 'reset' | 'close'>;
  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${ready.url}/__sandbox/${path}`, {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
    });
    if (!res.ok) throw new Error(`sandbox control ${method} ${path}: HTTP ${res.status}`);
    return res.json();
  };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    ...ready,
    pid: child.pid!,
    stats: async () => (await control('GET', 'stats')) as SandboxStats,
    resetStats: async () => void (await control('DELETE', 'stats')),
    setConfig: async (partial) => void (await control('POST', 'config', partial)),
    seed: async (module, count) => void (await control('POST', 'seed', { module, count })),
    async reset() {
      // A reset also clears the config: the options' config is applied again.
      await control('POST', 'reset', {});
      await control('POST', 'config', merged.config);
    },
    async close() {
      child.stdin!.end();
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** CRM calls in a stats snapshot (OAuth and control calls excluded), optionally only routes matching `route`. */
export function crmCallsIn(stats: SandboxStats, route?: RegExp): number {
  let n = 0;
  for (const [name, statuses] of Object.entries(stats.byRoute)) {
    if (!name.includes('/crm/') || (route && !route.test(name))) continue;
    for (const count of Object.values(statuses)) n += count;
  }
  return n;
}
