/** Placeholder replaced below. */
import { writeFileSync } from 'node:fs';
import type { ResultsFile } from './summary';
export function writeChartPage(path: string, file: ResultsFile): void {
  writeFileSync(path, JSON.stringify(file));
}
