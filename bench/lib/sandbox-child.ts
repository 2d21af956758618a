/**
 * Child-process entry: runs a sandbox with the options given as JSON in argv[2], prints one JSON line (its URL
 * and demo credentials) when ready, and stops on SIGTERM or when the parent closes its stdin (so a crashed
 * benchmark never leaves a server behind).
 */
import { startSandbox, type SandboxOptions } from '../../sandbox';

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as SandboxOptions;
  const sandbox = await startSandbox(options);
  const { url, accountsUrl, apiDomain, clientId, clientSecret, refreshToken, user } = sandbox;
  process.stdout.write(`${JSON.stringify({ url, accountsUrl, apiDomain, clientId, clientSecret, refreshToken, user })}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    sandbox.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGTERM', stop);
  process.stdin.on('end', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
}

main().catch((err: unknown) => {
  process.stderr.write(`sandbox child: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
