/** What a benchmark hands back: its measured figures, each check against its target with PASS or MISS, and notes. */

export type Verdict = 'PASS' | 'MISS' | 'INFO';

/** One measured quantity compared with its target. */
export interface Check {
  label: string;
  /** The measured value, as printed. */
  measured: string;
  /** The target in words, e.g. "≤ 1.10×" or "exactly 1". */
  target: string;
  verdict: Verdict;
}

export interface BenchResult {
  name: string;
  title: string;
  checks: Check[];
  /** Raw numbers for latest.json and the chart page (units in the key, e.g. heapGrowthMB). */
  figures: Record<string, number>;
  notes: string[];
  durationMs: number;
}

export interface BenchOptions {
  /** A short run with small counts: proves the benchmark works, its numbers mean little. */
  smoke: boolean;
  /** Prints one line of progress or detail. */
  say(line: string): void;
}

export interface Benchmark {
  name: string;
  title: string;
  run(options: BenchOptions): Promise<Omit<BenchResult, 'name' | 'title' | 'durationMs'>>;
}

export function check(label: string, measured: string, target: string, pass: boolean): Check {
  return { label, measured, target, verdict: pass ? 'PASS' : 'MISS' };
}

/** A figure shown for context only (no target of its own). */
export function info(label: string, measured: string): Check {
  return { label, measured, target: '', verdict: 'INFO' };
}

/** The verdict of a whole benchmark: MISS when any of its checks missed. */
export function verdictOf(result: Pick<BenchResult, 'checks'>): Verdict {
  const judged = result.checks.filter((c) => c.verdict !== 'INFO');
  if (judged.length === 0) return 'INFO';
  return judged.every((c) => c.verdict === 'PASS') ? 'PASS' : 'MISS';
}

export function formatCheck(c: Check): string {
  const target = c.target ? `  target ${c.target}` : '';
  const verdict = c.verdict === 'INFO' ? '' : `  ${c.verdict}`;
  return `  ${c.label.padEnd(50)} ${c.measured.padStart(14)}${target}${verdict}`;
}
