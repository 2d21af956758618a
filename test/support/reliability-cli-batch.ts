// Child process of the secrets test: runs zcrm commands one after another in one fresh process (so its secret
// registry knows only what the commands themselves learned), capturing each command's output.
// Usage: node --require tsx/cjs reliability-cli-batch.ts <commands.json> <results.json>
// commands.json: [{ "argv": [...], "env"?: {...} }]; "$RUN_ID" in an argument is the run id the last flow printed.
import { readFileSync, writeFileSync } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../cli/main';

interface Command {
  argv: string[];
  env?: Record<string, string>;
}

async function main(): Promise<void> {
  const [commandsFile, resultsFile] = process.argv.slice(2);
  if (!commandsFile || !resultsFile) throw new Error('usage: reliability-cli-batch.ts <commands.json> <results.json>');
  const commands = JSON.parse(readFileSync(commandsFile, 'utf8')) as Command[];
  const results: { argv: string[]; code: number; stdout: string; stderr: string }[] = [];
  let runId = '';
  for (const command of commands) {
    const argv = command.argv.map((a) => a.replace('$RUN_ID', runId));
    let stdout = '';
    let stderr = '';
    const out = new PassThrough();
    const err = new PassThrough();
    out.on('data', (c: Buffer) => (stdout += c.toString()));
    err.on('data', (c: Buffer) => (stderr += c.toString()));
    const stdin = Object.assign(Readable.from([]), { isTTY: true });
    const code = await runCli(argv, { stdout: out, stderr: err, stdin, env: { ...process.env, ...command.env }, cwd: process.cwd() });
    runId = stderr.match(/^run (\S+): /m)?.[1] ?? runId;
    results.push({ argv, code, stdout, stderr });
  }
  writeFileSync(resultsFile, JSON.stringify(results));
}

main().catch((error: unknown) => {
  process.stderr.write(`batch failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
