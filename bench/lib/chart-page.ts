/**
 * bench/results/latest.html: one self-contained page (inline SVG, no scripts, nothing fetched) with the
 * throughput and memory figures as bar charts, the other ratios beside them, and the summary table.
 */
import { writeFileSync } from 'node:fs';
import type { ResultsFile, StoredResult } from './summary';

interface Bar {
  label: string;
  value: number;
  colour: string;
}

interface Marker {
  value: number;
  label: string;
}

const GREEN = '#2e7d32';
const BLUE = '#1565c0';
const GREY = '#90a4ae';
const ORANGE = '#ef6c00';

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function fmt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** A horizontal bar chart; markers are dashed vertical lines (targets, ceilings). */
function barChart(title: string, unit: string, bars: Bar[], markers: Marker[] = []): string {
  const labelWidth = 300;
  const plotWidth = 420;
  const rowHeight = 30;
  const top = 34;
  const plotBottom = top + bars.length * rowHeight + 4;
  // Each marker's label gets a line of its own under the plot, so close markers do not overlap.
  const height = plotBottom + markers.length * 16 + 8;
  const max = Math.max(...bars.map((b) => b.value), ...markers.map((m) => m.value)) * 1.1 || 1;
  const xOf = (v: number) => labelWidth + (v / max) * plotWidth;
  const rows = bars
    .map((b, i) => {
      const y = top + i * rowHeight;
      const w = Math.max(1, xOf(b.value) - labelWidth);
      return [
        `<text x="${labelWidth - 8}" y="${y + 19}" text-anchor="end">${esc(b.label)}</text>`,
        `<rect x="${labelWidth}" y="${y + 5}" width="${w.toFixed(1)}" height="${rowHeight - 10}" fill="${b.colour}"/>`,
        `<text x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 19}">${esc(`${fmt(b.value)} ${unit}`)}</text>`,
      ].join('');
    })
    .join('\n');
  const lines = markers
    .map((m, i) => {
      const x = xOf(m.value).toFixed(1);
      const labelY = plotBottom + 14 + i * 16;
      return `<line x1="${x}" y1="${top - 4}" x2="${x}" y2="${labelY - 11}" stroke="${ORANGE}" stroke-dasharray="5 4" stroke-width="2"/><text x="${x}" y="${labelY}" text-anchor="middle" fill="${ORANGE}">${esc(m.label)}</text>`;
    })
    .join('\n');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${labelWidth + plotWidth + 140}" height="${height}" role="img" aria-label="${esc(title)}">`,
    `<text x="0" y="18" class="title">${esc(title)}</text>`,
    rows,
    lines,
    '</svg>',
  ].join('\n');
}

function find(file: ResultsFile, name: string): StoredResult | undefined {
  return file.results.find((r) => r.name === name && r.verdict !== 'ERROR');
}

function throughputChart(r: StoredResult | undefined): string {
  if (!r) return '<p>No throughput result yet: run <code>npm run bench -- throughput</code>.</p>';
  const f = r.figures;
  const bars: Bar[] = [{ label: 'through the runtime', value: f.ratePerSec!, colour: r.verdict === 'PASS' ? GREEN : BLUE }];
  if (f.plainRatePerSec !== undefined) bars.push({ label: 'plain axios, exactly C in flight', value: f.plainRatePerSec, colour: GREY });
  return barChart(`Throughput at the cap: C = ${f.concurrencyLimit} in flight, L = ${f.latencyMs} ms (${f.tooManyRequests} × 429)`, 'calls/s', bars, [
    { value: f.ceilingPerSec!, label: `C / L = ${fmt(f.ceilingPerSec!)}` },
    { value: f.ceilingPerSec! * 0.9, label: 'target 0.9 × C / L' },
  ]);
}

function memoryChart(r: StoredResult | undefined): string {
  if (!r) return '<p>No memory result yet: run <code>npm run bench -- memory</code>.</p>';
  const f = r.figures;
  return barChart(`Memory growth reading ${fmt(f.records!)} records`, 'MB', [
    { label: 'streamed pages: peak RSS growth', value: f.streamRssGrowthMB!, colour: GREEN },
    { label: 'streamed pages: peak heap growth', value: f.streamHeapGrowthMB!, colour: GREEN },
    { label: 'one collected array: peak RSS growth', value: f.collectRssGrowthMB!, colour: GREY },
    { label: 'one collected array: peak heap growth', value: f.collectHeapGrowthMB!, colour: GREY },
  ], [{ value: f.limitMB!, label: `target < ${f.limitMB} MB` }]);
}

function ratioCharts(file: ResultsFile): string {
  const parts: string[] = [];
  const cold = find(file, 'cold-start');
  if (cold) {
    parts.push(barChart('Cold start, median wall time / node -e 0', '×', [
      { label: 'zcrm actions', value: cold.figures.actionsRatio!, colour: cold.figures.actionsRatio! <= 1.5 ? GREEN : BLUE },
      { label: 'zcrm run get-record', value: cold.figures.runRatio!, colour: cold.figures.runRatio! <= 3.5 ? GREEN : BLUE },
    ], [{ value: 1.5, label: '1.5×' }, { value: 3.5, label: '3.5×' }]));
  }
  const over = find(file, 'overhead');
  if (over) {
    parts.push(barChart('Runtime overhead: get-record through the runtime / plain axios', '×', [
      { label: 'median', value: over.figures.medianRatio!, colour: over.figures.medianRatio! <= 1.1 ? GREEN : BLUE },
      { label: 'p99', value: over.figures.p99Ratio!, colour: GREY },
    ], [{ value: 1.1, label: 'target median 1.10×' }]));
  }
  const sdk = find(file, 'sdk-compare');
  if (sdk) {
    const f = sdk.figures;
    parts.push(barChart('Versus the official SDK: wall time of the same job', 'ms', [
      { label: 'ours: fetch + create + update', value: f.oursTotalMs!, colour: GREEN },
      { label: 'official SDK: the same', value: f.sdkTotalMs!, colour: GREY },
    ]));
  }
  return parts.join('\n');
}

function table(file: ResultsFile): string {
  const rows = file.results.flatMap((r) => {
    if (r.verdict === 'ERROR') return [`<tr><td>${esc(r.name)}</td><td colspan="3">failed to run: ${esc(r.error ?? '')}</td><td class="miss">ERROR</td></tr>`];
    return r.checks.map(
      (c, i) =>
        `<tr><td>${i === 0 ? esc(r.name) : ''}</td><td>${esc(c.label.trim())}</td><td class="num">${esc(c.measured)}</td><td>${esc(c.target)}</td><td class="${c.verdict === 'MISS' ? 'miss' : 'pass'}">${c.verdict === 'INFO' ? '' : c.verdict}</td></tr>`,
    );
  });
  return `<table><thead><tr><th>benchmark</th><th>figure</th><th>measured</th><th>target</th><th>verdict</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

export function chartPage(file: ResultsFile): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>zcrm benchmarks</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; max-width: 960px; }
svg text { font: 13px system-ui, sans-serif; fill: #222; paint-order: stroke; stroke: #fff; stroke-width: 3px; } svg text.title { font-weight: 600; font-size: 14px; }
table { border-collapse: collapse; margin-top: 16px; } td, th { padding: 3px 10px; border-bottom: 1px solid #ddd; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; } .pass { color: ${GREEN}; font-weight: 600; } .miss { color: #c62828; font-weight: 600; }
section { margin: 20px 0; }
</style></head><body>
<h1>zcrm benchmarks</h1>
<p>Generated ${esc(file.generatedAt)} on ${esc(file.machine.cpuModel)} (${file.machine.cpus} cores), Node ${esc(file.machine.node)}, ${esc(file.machine.platform)}. Reproduce with <code>${esc(file.command)}</code>.</p>
<section>${throughputChart(find(file, 'throughput'))}</section>
<section>${memoryChart(find(file, 'memory'))}</section>
<section>${ratioCharts(file)}</section>
<section><h2>All figures</h2>${table(file)}</section>
</body></html>
`;
}

export function writeChartPage(path: string, file: ResultsFile): void {
  writeFileSync(path, chartPage(file));
}
