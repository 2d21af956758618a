/**
 * Benchmark 5, memory: 100,000 records read page by page (the pager behind list-records, one page in memory at
 * a time) must grow the process by less than 64 MB; the same records collected by list-records into one array
 * are measured beside it. Each read runs in a fresh child process with --expose-gc; the sandbox runs here.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { ChildArgs, ChildResult } from './memory-child';
import { check, info, type Benchmark } from './lib/report';
import { mb, round, toMB, x } from './lib/numbers';
import { startBenchSandbox } from './lib/sandbox-host';
import { tsArgs } from './lib/sandbox-process';

const FIELDS = ['Last_Name', 'First_Name', 'Email', 'Company', 'Phone', 'Lead_Source', 'Lead_Status', 'Industry', 'City', 'Country'];
const LIMIT_BYTES = 64 * 1024 * 1024;

function runChild(args: ChildArgs): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--expose-gc', ...tsArgs(join(__dirname, 'memory-child.ts'), JSON.stringify(args))], { maxBuffer: 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`memory child (${args.mode}) failed: ${stderr.trim() || err.message}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!) as ChildResult);
    });
  });
}

export const memory: Benchmark = {
  name: 'memory',
  title: 'Memory of 100,000 records: streamed pages vs one collected array',
  async run({ smoke }) {
    const records = smoke ? 2_000 : 100_000;
    const bench = await startBenchSandbox({ counts: { Leads: records } });
    try {
      const { accountsUrl, apiDomain, clientId, clientSecret, refreshToken, user } = bench.sandbox;
      const sandbox = { accountsUrl, apiDomain, clientId, clientSecret, refreshToken, user };
      // One after the other: two readers at once would share the sandbox's CPU and skew each other's time.
      const stream = await runChild({ mode: 'stream', records, fields: FIELDS, sandbox });
      const collect = await runChild({ mode: 'collect', records, fields: FIELDS, sandbox });
      for (const r of [stream, collect]) if (r.records !== records) throw new Error(`${r.mode} read ${r.records} of ${records} records`);
      const worst = Math.max(stream.rssGrowth, stream.heapGrowth);
      return {
        checks: [
          check('streamed: peak RSS growth', mb(stream.rssGrowth), '< 64 MB', stream.rssGrowth < LIMIT_BYTES),
          check('streamed: peak heap growth', mb(stream.heapGrowth), '< 64 MB', stream.heapGrowth < LIMIT_BYTES),
          info('collected: peak RSS growth', mb(collect.rssGrowth)),
          info('collected: peak heap growth', mb(collect.heapGrowth)),
          info('collected / streamed, peak heap', x(collect.heapGrowth / Math.max(1, stream.heapGrowth))),
          info('heap held after GC: streamed | collected', `${mb(stream.retainedHeap)} | ${mb(collect.retainedHeap)}`),
          info('time: streamed | collected', `${stream.seconds.toFixed(1)} s | ${collect.seconds.toFixed(1)} s`),
        ],
        figures: {
          records,
          fields: FIELDS.length,
          streamRssGrowthMB: toMB(stream.rssGrowth),
          streamHeapGrowthMB: toMB(stream.heapGrowth),
          collectRssGrowthMB: toMB(collect.rssGrowth),
          collectHeapGrowthMB: toMB(collect.heapGrowth),
          streamRetainedHeapMB: toMB(stream.retainedHeap),
          collectRetainedHeapMB: toMB(collect.retainedHeap),
          streamSeconds: round(stream.seconds, 2),
          collectSeconds: round(collect.seconds, 2),
          limitMB: 64,
          worstStreamGrowthMB: toMB(worst),
        },
        notes: [`${records.toLocaleString('en-US')} Leads with ${FIELDS.length} fields, 200 per call (page_token past 2,000); growth = peak minus the baseline after warm-up and a full GC, each read in its own process.`],
      };
    } finally {
      await bench.close();
    }
  },
};
