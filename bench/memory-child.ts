/**
 * Child-process half of the memory benchmark, run with --expose-gc so its baseline is clean: reads the records
 * of a sandbox (started by the parent) either as a stream of pages (the pager list-records runs on, one page
 * held at a time) or through the list-records action with a limit (every record collected into its output),
 * and prints one JSON line with the growth of RSS and heap over the baseline. argv[2]: JSON of ChildArgs.
 */
import type { RunningSandbox } from '../sandbox';
import type { ZohoClient } from '../connector/client-factory';
import { listPages } from '../connector/record-lists';
import { destroySharedAgents } from '../connector/http-agents';
import { NICKNAME, benchHost, expectOk, sandboxConnection } from './lib/sandbox-host';

export interface ChildArgs {
  mode: 'stream' | 'collect';
  records: number;
  fields: string[];
  sandbox: Pick<RunningSandbox, 'accountsUrl' | 'apiDomain' | 'clientId' | 'clientSecret' | 'refreshToken' | 'user'>;
}

export interface ChildResult {
  mode: ChildArgs['mode'];
  records: number;
  seconds: number;
  baselineRss: number;
  baselineHeap: number;
  /** Highest RSS / heap seen during the read, minus the baseline. */
  rssGrowth: number;
  heapGrowth: number;
  /** Heap still held after the read and a full GC, with the result (if any) still referenced. */
  retainedHeap: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

async function main(): Promise<void> {
  if (!gc) throw new Error('run with --expose-gc');
  const args = JSON.parse(process.argv[2]!) as ChildArgs;
  const host = benchHost(sandboxConnection(args.sandbox));
  // Warm up: token, client, metadata and validators ready, so the baseline already holds them.
  expectOk(await host.execute('list-records', { module: 'Leads', fields: args.fields, limit: 400 }, { connection: NICKNAME }), 'warm-up');
  const client = (await host.clientFor(NICKNAME)) as ZohoClient;
  gc();
  gc();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    if (now.rss > peakRss) peakRss = now.rss;
    if (now.heapUsed > peakHeap) peakHeap = now.heapUsed;
  };
  const started = performance.now();
  let count = 0;
  let kept: unknown;
  if (args.mode === 'stream') {
    for await (const page of listPages(client, '/Leads', { query: { fields: args.fields }, limit: args.records })) {
      count += page.records.length;
      sample();
    }
  } else {
    const output = expectOk<{ count: number }>(
      await host.execute('list-records', { module: 'Leads', fields: args.fields, limit: args.records }, { connection: NICKNAME, progress: sample }),
      'list-records',
    );
    count = output.count;
    kept = output;
  }
  sample();
  const seconds = (performance.now() - started) / 1000;
  gc();
  const retainedHeap = process.memoryUsage().heapUsed - baseline.heapUsed;
  // Read after the GC, so a collected result is still referenced when the held heap is measured.
  if (kept !== undefined && (kept as { count: number }).count !== count) throw new Error('collected result changed');
  const result: ChildResult = {
    mode: args.mode,
    records: count,
    seconds,
    baselineRss: baseline.rss,
    baselineHeap: baseline.heapUsed,
    rssGrowth: peakRss - baseline.rss,
    heapGrowth: peakHeap - baseline.heapUsed,
    retainedHeap,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  destroySharedAgents();
}

main().catch((err: unknown) => {
  process.stderr.write(`memory child: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
