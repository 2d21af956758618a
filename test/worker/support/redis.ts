/**
 * Redis for the worker tests: REDIS_URL (default the local one), a key prefix and queue name per test run so
 * runs never collide, and cleanup. Without a reachable Redis the suites are skipped locally with the command
 * that starts one; in CI (CI=true) they fail instead.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

export const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/** Pings Redis from a child process (jest decides what to skip synchronously, when the file loads). */
function reachable(): boolean {
  const probe = `
    const url = new URL(process.argv[1]);
    const s = require('node:net').connect(Number(url.port || 6379), url.hostname);
    const auth = url.password ? '*3\\r\\n$4\\r\\nAUTH\\r\\n$' + Buffer.byteLength(decodeURIComponent(url.username || 'default')) + '\\r\\n' + decodeURIComponent(url.username || 'default') + '\\r\\n$' + Buffer.byteLength(decodeURIComponent(url.password)) + '\\r\\n' + decodeURIComponent(url.password) + '\\r\\n' : '';
    let got = '';
    s.setTimeout(1500, () => process.exit(2));
    s.on('error', () => process.exit(1));
    s.on('connect', () => s.write(auth + 'PING\\r\\n'));
    s.on('data', (d) => { got += d; if (got.includes('+PONG')) process.exit(0); if (got.includes('-')) process.exit(3); });`;
  try {
    execFileSync(process.execPath, ['-e', probe, REDIS_URL], { stdio: 'ignore', timeout: 4000 });
    return true;
  } catch {
    return false;
  }
}

export const REDIS_REACHABLE = reachable();
const HOW_TO_START = `No Redis answers at ${REDIS_URL.replace(/\/\/[^@]*@/, '//')}. Start one with \`redis-server --daemonize yes\` (apt-get install redis-server if missing), or set REDIS_URL.`;

/** `describe` when Redis answers; otherwise skipped with a note (locally) or one failing test (CI=true). */
export function describeWithRedis(name: string, body: () => void): void {
  if (REDIS_REACHABLE) return describe(name, body);
  if (process.env.CI === 'true') {
    return describe(name, () => {
      test('needs a Redis server', () => {
        throw new Error(HOW_TO_START);
      });
    });
  }
  process.stderr.write(`[worker tests skipped] ${HOW_TO_START}\n`);
  return describe.skip(name, body);
}

/** A prefix unique to this run, e.g. `t-store-1a2b3c4d:`. */
export function uniquePrefix(label: string): string {
  return `t-${label}-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key that starts with `prefix`. */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
}
