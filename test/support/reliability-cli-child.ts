/** The zcrm CLI as a child process (`node --require tsx/cjs cli/main.ts`), for scenarios that kill it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const REPO = join(__dirname, '..', '..');
const MAIN = join(REPO, 'cli', 'main.ts');

export interface CliChild {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stderr matches `pattern` (rejects if the child exits first). */
  waitForStderr(pattern: RegExp): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv): CliChild {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', MAIN, ...args], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const watchers: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => {
    err += c.toString();
    for (const w of [...watchers]) {
      const m = err.match(w.pattern);
      if (m) {
        watchers.splice(watchers.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitForStderr(pattern) {
      const now = err.match(pattern);
      if (now) return Promise.resolve(now);
      return new Promise((resolve, reject) => {
        watchers.push({ pattern, resolve });
        void exited.then(() => {
          const m = err.match(pattern);
          if (m) resolve(m);
          else reject(new Error(`the CLI exited before printing ${pattern}: ${err.slice(-2000)}`));
        });
      });
    },
    exited,
  };
}
