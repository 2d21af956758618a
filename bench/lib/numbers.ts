/** Small statistics over timing samples, and the formats the reports print them in. */

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0..100) of the samples. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function ratio(value: number, reference: number): number {
  return reference === 0 ? Number.POSITIVE_INFINITY : value / reference;
}

export const x = (n: number): string => `${n.toFixed(2)}×`;
export const ms = (n: number): string => `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const toMB = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
export const round = (n: number, digits = 4): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Runs `task` with at most `parallel` of them in flight, `count` times in all; index i is passed to each. */
export async function pool(count: number, parallel: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
}
