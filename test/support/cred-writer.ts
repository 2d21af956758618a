// Child process for the credential store tests: puts connections into a FileCredentialStore and reports each save.
// Usage: node --require tsx/cjs cred-writer.ts <dir> <prefix> <count | forever> [padBytes]
// Prints "saved <nickname>" once a put has resolved, and "done" at the end. ZCRM_SECRET is honoured.
import { FileCredentialStore } from '../../runtime/credentials/file-store';

/** The token a writer stores for a nickname, so the parent can check values without being told them. */
export function tokenFor(nickname: string): string {
  return `tok-${nickname}-0123456789abcdef`;
}

async function main(): Promise<void> {
  const [dir, prefix, countArg, padArg] = process.argv.slice(2);
  if (!dir || !prefix || !countArg) throw new Error('usage: cred-writer.ts <dir> <prefix> <count|forever> [padBytes]');
  const count = countArg === 'forever' ? Infinity : Number(countArg);
  // Padding makes each write bigger, so a kill is more likely to land while a write is in progress.
  const padding = 'x'.repeat(Number(padArg ?? 0));
  const store = new FileCredentialStore({ dir, ...(process.env.ZCRM_SECRET ? { secret: process.env.ZCRM_SECRET } : {}), lockStaleMs: 2000 });
  for (let i = 0; i < count; i++) {
    const nickname = `${prefix}-${i}`;
    const now = new Date().toISOString();
    await store.put({
      nickname,
      connector: 'test-connector',
      createdAt: now,
      updatedAt: now,
      settings: { writer: prefix, index: i, padding },
      secrets: { access_token: tokenFor(nickname), refresh_token: `${tokenFor(nickname)}-refresh` },
    });
    process.stdout.write(`saved ${nickname}\n`);
  }
  process.stdout.write('done\n');
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? `${(err as { code?: string }).code ?? ''} ${err.message}` : String(err)}\n`);
    process.exit(1);
  });
}
