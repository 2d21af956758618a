/**
 * Finds the local sandbox for `zcrm connect --sandbox`: the one at the given URL, or a running one on the
 * default port, or starts one detached (`zcrm sandbox --port N --state <dataDir>/sandbox-state.json`) and
 * waits for the JSON line it prints when ready. The demo client's credentials from that line are kept in
 * <dataDir>/sandbox.json (mode 0600) so later connects to the same sandbox can use them.
 */
import axios from 'axios';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HostError, InputError } from '../../runtime/errors';
import { secrets } from '../../runtime/secrets';
import { normalizeBaseUrl } from '../regions';

export const DEFAULT_SANDBOX_PORT = 4410;

/** What `zcrm sandbox` prints when ready (the fields this command uses). */
export interface SandboxReady {
  url: string;
  accountsUrl?: string;
  apiDomain?: string;
  clientId?: string;
  clientSecret?: string;
}

export interface SandboxTarget extends SandboxReady {
  /** True when this call started the sandbox. */
  started: boolean;
  /** The process id of the sandbox this call started. */
  pid?: number;
}

export interface LaunchOptions {
  /** --sandbox <url>; absent: the default port on 127.0.0.1. */
  url?: string;
  env: NodeJS.ProcessEnv;
  dataDir: string;
  /** The command that starts a sandbox (default: this package's bin/zcrm.js under the current node). */
  command?: { file: string; args: string[] };
  timeoutMs?: number;
}

async function isUp(url: string): Promise<boolean> {
  try {
    const res = await axios.get(`${url}/__sandbox`, { timeout: 2000, validateStatus: () => true, maxRedirects: 0 });
    return res.status === 200 && Array.isArray((res.data as { endpoints?: unknown }).endpoints);
  } catch {
    return false;
  }
}

/** The demo client of a running sandbox, so connecting needs no id and secret copied by hand. */
async function demoClient(url: string): Promise<Partial<SandboxReady>> {
  try {
    const res = await axios.get(`${url}/__sandbox/demo-client`, { timeout: 2000, validateStatus: () => true, maxRedirects: 0 });
    const data = res.data as { clientId?: unknown; clientSecret?: unknown };
    if (res.status !== 200 || typeof data.clientId !== 'string' || typeof data.clientSecret !== 'string') return {};
    secrets.add(data.clientSecret);
    return { clientId: data.clientId, clientSecret: data.clientSecret };
  } catch {
    return {};
  }
}

function packageBin(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'bin', 'zcrm.js');
}

function savedFile(dataDir: string): string {
  return join(dataDir, 'sandbox.json');
}

function readSaved(dataDir: string, url: string): SandboxReady | undefined {
  try {
    const saved = JSON.parse(readFileSync(savedFile(dataDir), 'utf8')) as SandboxReady;
    if (saved.url !== url) return undefined;
    if (saved.clientSecret) secrets.add(saved.clientSecret);
    return saved;
  } catch {
    return undefined;
  }
}

function save(dataDir: string, ready: SandboxReady): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(savedFile(dataDir), `${JSON.stringify({ url: ready.url, clientId: ready.clientId, clientSecret: ready.clientSecret })}\n`, { mode: 0o600 });
}

/** Waits for the first JSON line written to `logFile` after byte `from`. */
async function waitForReadyLine(logFile: string, from: number, timeoutMs: number, exited: () => number | null): Promise<SandboxReady> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const text = existsSync(logFile) ? readFileSync(logFile).subarray(from).toString('utf8') : '';
    for (const line of text.split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        const ready = JSON.parse(line) as SandboxReady;
        if (typeof ready.url === 'string') return ready;
      } catch {
        // A partly written line: read again.
      }
    }
    const code = exited();
    if (code !== null) throw new HostError({ code: 'SANDBOX_START_FAILED', category: 'remote', message: `The sandbox exited (code ${code}) before it was ready.`, hint: `See ${logFile} for its output.` });
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new HostError({ code: 'SANDBOX_START_FAILED', category: 'remote', message: `The sandbox did not get ready within ${Math.round(timeoutMs / 1000)} s.`, hint: `See ${logFile} for its output.` });
}

export async function findOrStartSandbox(options: LaunchOptions): Promise<SandboxTarget> {
  const port = Number.parseInt(options.env.ZCRM_SANDBOX_PORT ?? '', 10) || DEFAULT_SANDBOX_PORT;
  const url = normalizeBaseUrl(options.url ?? `http://127.0.0.1:${port}`, 'The sandbox URL');
  if (await isUp(url)) return { ...(readSaved(options.dataDir, url) ?? (await demoClient(url))), url, started: false };
  if (options.url) {
    throw new InputError('SANDBOX_UNREACHABLE', `No sandbox answers at ${url}.`, 'Start one with `zcrm sandbox`, or leave out the URL to let `zcrm connect --sandbox` start one.');
  }
  mkdirSync(options.dataDir, { recursive: true });
  const logFile = join(options.dataDir, 'sandbox.log');
  const from = existsSync(logFile) ? statSync(logFile).size : 0;
  const fd = openSync(logFile, 'a', 0o600);
  const command = options.command ?? { file: process.execPath, args: [packageBin()] };
  const child = spawn(command.file, [...command.args, 'sandbox', '--port', String(port), '--state', join(options.dataDir, 'sandbox-state.json')], {
    detached: true,
    stdio: ['ignore', fd, fd],
    windowsHide: true,
  });
  closeSync(fd);
  let exitCode: number | null = null;
  child.once('exit', (code) => (exitCode = code ?? 1));
  child.once('error', () => (exitCode = 127));
  child.unref();
  const ready = await waitForReadyLine(logFile, from, options.timeoutMs ?? 20_000, () => exitCode);
  if (ready.clientSecret) secrets.add(ready.clientSecret);
  const target = { ...ready, url: normalizeBaseUrl(ready.url, 'The sandbox URL') };
  save(options.dataDir, target);
  return { ...target, started: true, ...(child.pid ? { pid: child.pid } : {}) };
}
