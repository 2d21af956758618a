// Jest reporter of `npm run test:reliability`: clears the figures before the run and prints them after it.
const { existsSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const FIGURES_DIR = join(__dirname, '..', '..', 'test-artifacts', 'reliability');

module.exports = class ReliabilityReporter {
  onRunStart() {
    rmSync(FIGURES_DIR, { recursive: true, force: true });
  }

  onRunComplete() {
    if (!existsSync(FIGURES_DIR)) return;
    const lines = ['', 'Reliability figures', '==================='];
    for (const name of readdirSync(FIGURES_DIR).filter((n) => n.endsWith('.json')).sort()) {
      const { area, scenarios } = JSON.parse(readFileSync(join(FIGURES_DIR, name), 'utf8'));
      lines.push('', area);
      for (const [scenario, figures] of Object.entries(scenarios)) {
        lines.push(`  ${scenario}`);
        for (const [key, value] of Object.entries(figures)) lines.push(`    ${key}: ${value}`);
      }
    }
    lines.push('', `(also in ${FIGURES_DIR})`, '');
    process.stdout.write(`${lines.join('\n')}\n`);
  }
};
