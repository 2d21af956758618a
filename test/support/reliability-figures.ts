/**
 * Figures of the reliability suite: each test records its numbers under test-artifacts/reliability/, where the
 * summary reporter (reliability-reporter.js) and the README's Reliability section take them from.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIGURES_DIR = join(__dirname, '..', '..', 'test-artifacts', 'reliability');

export type Figure = number | string | boolean;

/** Adds `figures` under `scenario` in the file of `area` (one file per test file; tests in a file run in order). */
export function recordFigures(area: string, scenario: string, figures: Record<string, Figure>): void {
  mkdirSync(FIGURES_DIR, { recursive: true });
  const file = join(FIGURES_DIR, `${area.replace(/[^a-z0-9-]/gi, '-')}.json`);
  let current: { area: string; scenarios: Record<string, Record<string, Figure>> } = { area, scenarios: {} };
  try {
    current = JSON.parse(readFileSync(file, 'utf8')) as typeof current;
  } catch {
    // first figures of this area in this run
  }
  current.scenarios[scenario] = figures;
  writeFileSync(file, `${JSON.stringify(current, null, 2)}\n`);
}
