/** The closing summary table and the results file (bench/results/latest.json), merged with earlier runs of other benchmarks. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { verdictOf, type BenchResult, type Verdict } from './report';

export interface StoredResult extends BenchResult {
  verdict: Verdict | 'ERROR';
  ranAt: string;
  error?: string;
}

export interface ResultsFile {
  generatedAt: string;
  machine: { node: string; platform: string; cpus: number; cpuModel: string };
  command: string;
  results: StoredResult[];
}

export function stored(result: BenchResult): StoredResult {
  return { ...result, verdict: verdictOf(result), ranAt: new Date().toISOString() };
}

/** Results of this run replace earlier ones of the same benchmarks; the others are kept, in `order`. */
export function mergeResults(path: string, fresh: StoredResult[], order: string[]): ResultsFile {
  let previous: StoredResult[] = [];
  if (existsSync(path)) {
    try {
      previous = (JSON.parse(readFileSync(path, 'utf8')) as ResultsFile).results ?? [];
    } catch {
      previous = [];
    }
  }
  const byName = new Map(previous.map((r) => [r.name, r] as const));
  for (const r of fresh) byName.set(r.name, r);
  const results = order.flatMap((name) => (byName.has(name) ? [byName.get(name)!] : []));
  const cpu = cpus();
  return {
    generatedAt: new Date().toISOString(),
    machine: { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: cpu.length, cpuModel: cpu[0]?.model ?? 'unknown' },
    command: 'npm run bench',
    results,
  };
}

export function writeResults(path: string, file: ResultsFile): void {
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
}

/** One row per check (continuation rows indented), the benchmark's verdict on its first row. */
export function summaryTable(results: StoredResult[]): string {
  const rows: string[][] = [['benchmark', 'figure', 'measured', 'target', 'verdict']];
  for (const r of results) {
    if (r.verdict === 'ERROR') {
      rows.push([r.name, 'failed to run', '', '', 'ERROR']);
      continue;
    }
    r.checks.forEach((c, i) => rows.push([i === 0 ? r.name : '', c.label.trim(), c.measured, c.target, c.verdict === 'INFO' ? '' : c.verdict]));
  }
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  const line = (row: string[]) => row.map((cell, col) => (col === 2 ? cell.padStart(widths[col]!) : cell.padEnd(widths[col]!))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n');
}
