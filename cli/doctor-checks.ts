/**
 * The checks behind `zcrm doctor`, each a plain function returning ok, warn or fail with a fix in plain
 * words: Node's version, the config folder's and files' permissions, whether the credential store opens, a
 * connection's health (one cheap call), and whether an endpoint answers. And the exit code they add up to.
 */
import { existsSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { dirname, join } from 'node:path';
import { isHostError } from '../runtime/errors';
import type { Connection, CredentialStore } from '../runtime/types';

export type CheckStatus = 'ok' | 'warn' | 'fail';
/** What a check is about; a failed `store` or `connection` check makes the exit code 3. */
export type CheckKind = 'system' | 'files' | 'store' | 'connection' | 'network';

export interface CheckResult {
  kind: CheckKind;
  status: CheckStatus;
  /** What was checked, e.g. `config folder` or `connection "demo"`. */
  title: string;
  /** What was found. */
  detail: string;
  /** What to do about a warning or a failure. */
  fix?: string;
}

const result = (kind: CheckKind, status: CheckStatus, title: string, detail: string, fix?: string): CheckResult => ({ kind, status, title, detail, ...(fix ? { fix } : {}) });

/** 0 when every check is ok or a warning; 3 when the credential store or a connection failed; 1 otherwise. */
export function doctorExitCode(results: readonly CheckResult[]): number {
  const failed = results.filter((r) => r.status === 'fail');
  if (failed.some((r) => r.kind === 'store' || r.kind === 'connection')) return 3;
  return failed.length > 0 ? 1 : 0;
}

function versionParts(text: string): number[] {
  return (/(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text) ?? []).slice(1, 4).map((p) => Number(p ?? 0));
}

/** The lowest Node version package.json's `engines.node` (`>=20.19`) allows. */
export function requiredNodeVersion(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  const engines = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { engines?: { node?: string } }).engines?.node ?? '';
  const [major = 0, minor = 0, patch = 0] = versionParts(engines);
  return `${major}.${minor}.${patch}`;
}

export function checkNodeVersion(version: string, required: string): CheckResult {
  const have = versionParts(version);
  const need = versionParts(required);
  let cmp = 0;
  for (let i = 0; i < 3 && cmp === 0; i++) cmp = Math.sign(have[i]! - need[i]!);
  return cmp >= 0
    ? result('system', 'ok', 'Node.js', `${version} (${required} or newer is needed)`)
    : result('system', 'fail', 'Node.js', `${version} is too old: ${required} or newer is needed`, `Install Node.js ${required} or newer (https://nodejs.org, or your version manager: nvm install 20).`);
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8).padStart(3, '0')}`;

interface PathCheck {
  title: string;
  path: string;
  /** The mode it should have. */
  mode: number;
  /** Whether group or others having access is a failure (secrets inside) or a warning (a folder). */
  secret: boolean;
  /** What it means when the path does not exist. */
  missing?: string;
  /** Said when it exists, e.g. that ZCRM_SECRET makes it unused. */
  note?: string;
}

async function checkPath(check: PathCheck, platform: NodeJS.Platform, uid: number | undefined): Promise<CheckResult | undefined> {
  let info;
  try {
    info = await stat(check.path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return check.missing ? result('files', 'ok', check.title, check.missing) : undefined;
    return result('files', 'fail', check.title, `${check.path} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`, `Make sure ${check.path} and the folders above it belong to you.`);
  }
  const note = check.note ? `; ${check.note}` : '';
  if (platform === 'win32') return result('files', 'ok', check.title, `${check.path} (permissions are not checked on Windows)${note}`);
  if (uid !== undefined && info.uid !== uid) {
    return result('files', 'fail', check.title, `${check.path} belongs to another user (uid ${info.uid})`, `Give it back to yourself: chown $(id -u) ${check.path}`);
  }
  const open = info.mode & 0o077;
  if (open === 0) return result('files', 'ok', check.title, `${check.path} is mode ${octal(info.mode)}${note}`);
  const who = info.mode & 0o007 ? 'every user on this machine' : 'your group';
  const detail = `${check.path} is mode ${octal(info.mode)}: ${who} can ${check.secret ? 'read it' : 'look inside'}`;
  return result('files', check.secret ? 'fail' : 'warn', check.title, `${detail}${note}`, `chmod ${octal(check.mode).slice(1)} ${check.path}`);
}

export interface PermissionTargets {
  dir: string;
  storeFile: string;
  keyFile: string;
  /** ZCRM_SECRET is set: the key file is not used. */
  usesSecret: boolean;
}

/** The config folder (0700), the store file (0600) and the key file (0600). */
export async function checkPermissions(targets: PermissionTargets, platform: NodeJS.Platform = process.platform, uid: number | undefined = process.getuid?.()): Promise<CheckResult[]> {
  const checks: PathCheck[] = [
    { title: 'config folder', path: targets.dir, mode: 0o700, secret: false, missing: `${targets.dir} does not exist yet: \`zcrm connect\` creates it (mode 0700)` },
    { title: 'credential store file', path: targets.storeFile, mode: 0o600, secret: true, missing: 'no store yet: `zcrm connect` creates it (mode 0600)' },
    {
      title: 'key file',
      path: targets.keyFile,
      mode: 0o600,
      secret: true,
      ...(targets.usesSecret ? { missing: 'none: the store is keyed by ZCRM_SECRET', note: 'not used while ZCRM_SECRET is set' } : {}),
    },
  ];
  const results = await Promise.all(checks.map((c) => checkPath(c, platform, uid)));
  return results.filter((r): r is CheckResult => r !== undefined);
}

/** Opens the store; a wrong key or a damaged file comes back as the store's own error, with its fix. */
export async function checkStore(store: CredentialStore, connectorId: string | undefined): Promise<{ check: CheckResult; connections?: Connection[] }> {
  try {
    const all = await store.list();
    const mine = connectorId === undefined ? all : all.filter((c) => c.connector === connectorId);
    const others = all.length - mine.length;
    const detail = `opens; ${mine.length} connection${mine.length === 1 ? '' : 's'}${others > 0 ? ` (and ${others} of other connectors)` : ''}`;
    return { check: result('store', 'ok', 'credential store', detail), connections: mine };
  } catch (err) {
    if (!isHostError(err)) throw err;
    return { check: result('store', 'fail', 'credential store', `${err.message} (${err.code})`, err.hint ?? 'Move the store file away to start over.') };
  }
}

export interface Probe {
  /** The HTTP status, when anything answered. */
  status?: number;
  /** The body's start, when asked for. */
  body?: string;
  /** Why nothing answered (ECONNREFUSED, ENOTFOUND, TIMEOUT ...). */
  error?: string;
}

/** One request with no connection reuse (nothing lingers after the check), reading at most 64 KiB. */
export function probe(url: string, options: { method?: 'GET' | 'HEAD'; timeoutMs?: number } = {}): Promise<Probe> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ error: 'INVALID_URL' });
      return;
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, { method: options.method ?? 'HEAD', agent: false, timeout: options.timeoutMs ?? 5000, headers: { connection: 'close' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (body.length < 65_536) body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'TIMEOUT' })));
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
    req.end();
  });
}

/** Whether `url`'s server answers at all (any HTTP status counts). */
export async function checkReachable(title: string, url: string, timeoutMs = 5000): Promise<CheckResult> {
  const origin = new URL(url).origin;
  const answer = await probe(origin, { timeoutMs });
  if (answer.status !== undefined) return result('network', 'ok', title, `${origin} answers`);
  const why = answer.error === 'TIMEOUT' ? `did not answer within ${Math.round(timeoutMs / 1000)} s` : `cannot be reached (${answer.error})`;
  return result('network', 'fail', title, `${origin} ${why}`, 'Check the network connection, proxy and firewall. For the local sandbox, start it with `zcrm sandbox`.');
}

/**
 * The local sandbox on `port`: ok when one answers; when none does, a warning if ZCRM_SANDBOX_PORT asked for
 * one there, otherwise nothing to say (undefined).
 */
export async function checkSandbox(port: number, fromEnv: boolean): Promise<CheckResult | undefined> {
  const url = `http://127.0.0.1:${port}`;
  const answer = await probe(`${url}/__sandbox`, { method: 'GET', timeoutMs: 2000 });
  if (answer.status === undefined) {
    return fromEnv ? result('network', 'warn', 'sandbox', `ZCRM_SANDBOX_PORT is ${port}, but no sandbox answers at ${url}`, 'Start one with `zcrm sandbox` (it listens on ZCRM_SANDBOX_PORT), or unset the variable.') : undefined;
  }
  let isSandbox = false;
  try {
    isSandbox = answer.status === 200 && Array.isArray((JSON.parse(answer.body ?? '') as { endpoints?: unknown }).endpoints);
  } catch {
    isSandbox = false;
  }
  return isSandbox
    ? result('network', 'ok', 'sandbox', `a sandbox answers at ${url}`)
    : result('network', 'warn', 'sandbox', `something answers at ${url}, but it is not the zcrm sandbox (HTTP ${answer.status})`, `Stop what listens on port ${port}, or run the sandbox on another port: zcrm sandbox --port N.`);
}

export interface LiveCheck {
  /** Signs in and makes one cheap call; resolves to who answered, e.g. `Jane <jane@x.com>, org Zylker`. */
  call(): Promise<string>;
}

/**
 * A connection: what the store knows (incomplete, last authentication failure, same Zoho user as another),
 * then one cheap call through the connector's client.
 */
export async function checkConnection(nickname: string, stored: { status: 'ok' | 'warning' | 'reconnect'; detail: string }, live: LiveCheck | undefined): Promise<CheckResult> {
  const title = `connection "${nickname}"`;
  if (stored.status === 'reconnect') return result('connection', 'fail', title, stored.detail, `Connect it again: zcrm connect ${nickname}`);
  if (!live) return result('connection', stored.status === 'warning' ? 'warn' : 'ok', title, `${stored.detail} (no live check for this connector)`);
  const started = performance.now();
  try {
    const who = await live.call();
    // The stored token's life is stale once the call ran; a same-user warning still applies.
    const detail = `works: answered in ${Math.round(performance.now() - started)} ms as ${who}${stored.status === 'warning' ? `; ${stored.detail}` : ''}`;
    return stored.status === 'warning'
      ? result('connection', 'warn', title, detail, `Use one connection per Zoho user, or connect the other with a different user: zcrm disconnect <nickname>.`)
      : result('connection', 'ok', title, detail);
  } catch (err) {
    if (!isHostError(err)) throw err;
    return result('connection', 'fail', title, `${err.message}${err.httpStatus !== undefined ? ` (HTTP ${err.httpStatus}, ${err.code})` : ` (${err.code})`}`, err.hint ?? `See \`zcrm connections test ${nickname}\`.`);
  }
}
