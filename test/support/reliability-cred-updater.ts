// Child process of the credential-store chaos test: read-modify-writes one connection's counters through
// FileCredentialStore.update, the way token refreshes from several processes do.
// Usage: node --require tsx/cjs reliability-cred-updater.ts <dir> <nickname> <name> <count>
// Prints "updated <n>" once the n-th update has resolved, and "done" at the end.
import { FileCredentialStore } from '../../runtime/credentials/file-store';

async function main(): Promise<void> {
  const [dir, nickname, name, countArg] = process.argv.slice(2);
  if (!dir || !nickname || !name || !countArg) throw new Error('usage: reliability-cred-updater.ts <dir> <nickname> <name> <count>');
  const store = new FileCredentialStore({ dir, lockStaleMs: 2000 });
  for (let n = 1; n <= Number(countArg); n++) {
    await store.update(nickname, (c) => {
      const settings = c.settings as Record<string, unknown>;
      return { ...c, settings: { ...settings, [name]: Number(settings[name] ?? 0) + 1, total: Number(settings.total ?? 0) + 1 } };
    });
    process.stdout.write(`updated ${n}\n`);
  }
  process.stdout.write('done\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? `${(err as { code?: string }).code ?? ''} ${err.message}` : String(err)}\n`);
  process.exit(1);
});
