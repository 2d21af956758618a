/**
 * `npm run bench [-- <name> ...] [--smoke] [--no-build]`: runs the benchmarks against the sandbox on loopback,
 * prints each one's figures (ratios measured side by side in this run), its target and PASS or MISS, then a
 * summary table; writes bench/results/latest.json and latest.html. A MISS never fails the command: only a
 * benchmark that cannot run does (exit code 1).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { BENCHMARKS } from './benchmarks';
import { writeChartPage } from './lib/chart-page';
import { formatCheck, type BenchResult } from './lib/report';
import { mergeResults, stored, summaryTable, writeResults, type StoredResult } from './lib/summary';

const ROOT = join(__dirname, '..');
const RESULTS = join(__dirname, 'results');

interface Args {
  names: string[];
  smoke: boolean;
  build: boolean;
  help: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { names: [], smoke: false, build: true, help: false };
  for (const arg of argv) {
    if (arg === '--smoke') args.smoke = true;
    else if (arg === '--no-build') args.build = false;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg} (run with --help)`);
    else args.names.push(arg);
  }
  return args;
}

function usage(): string {
  return [
    'usage: npm run bench [-- <name> ...] [--smoke] [--no-build]',
    '',
    'benchmarks:',
    ...BENCHMARKS.map((b) => `  ${b.name.padEnd(22)} ${b.title}`),
    '',
    '--smoke      small counts, a few seconds: checks the benchmarks run; never builds, writes no results',
    '--no-build   use dist/ as it is (cold-start runs the built CLI; by default it is rebuilt first)',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    console.log(usage());
    return 0;
  }
  const unknown = args.names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length > 0) {
    console.error(`unknown benchmark: ${unknown.join(', ')}\n\n${usage()}`);
    return 2;
  }
  const selected = args.names.length > 0 ? BENCHMARKS.filter((b) => args.names.includes(b.name)) : BENCHMARKS;
  // A smoke run only proves the benchmarks work, and never rebuilds dist/ under tests that may be using it.
  if (args.build && !args.smoke && selected.some((b) => b.needsBuild)) {
    console.log('building dist/ (npm run build) for the cold-start benchmark ...');
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.js')], { cwd: ROOT, stdio: 'inherit' });
  }

  const results: StoredResult[] = [];
  for (const bench of selected) {
    console.log(`\n== ${bench.name}: ${bench.title}${args.smoke ? ' (smoke)' : ''}`);
    const started = performance.now();
    try {
      const out = await bench.run({ smoke: args.smoke, say: (line) => console.log(line) });
      const result: BenchResult = { name: bench.name, title: bench.title, ...out, durationMs: Math.round(performance.now() - started) };
      const s = stored(result);
      results.push(s);
      for (const c of s.checks) console.log(formatCheck(c));
      for (const note of s.notes) console.log(`  note: ${note}`);
      console.log(`  -> ${s.verdict} (${(s.durationMs / 1000).toFixed(1)} s)`);
    } catch (err) {
      const message = err instanceof Error ? err.stack ?? err.message : String(err);
      console.error(`  ERROR: ${message}`);
      results.push({ name: bench.name, title: bench.title, checks: [], figures: {}, notes: [], durationMs: Math.round(performance.now() - started), verdict: 'ERROR', ranAt: new Date().toISOString(), error: message.split('\n')[0]! });
    }
  }

  console.log(`\n== summary${args.smoke ? ' (smoke: small counts, figures not meaningful)' : ''}\n`);
  console.log(summaryTable(results));
  if (!args.smoke) {
    const file = mergeResults(join(RESULTS, 'latest.json'), results, BENCHMARKS.map((b) => b.name));
    writeResults(join(RESULTS, 'latest.json'), file);
    writeChartPage(join(RESULTS, 'latest.html'), file);
    console.log(`\nwrote bench/results/latest.json and bench/results/latest.html`);
  }
  return results.some((r) => r.verdict === 'ERROR') ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 2;
    },
  );
}
