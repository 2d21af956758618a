// Shows what a run gave back: pretty JSON, a table when the output holds a list of records, the typed error with
// its hint, and the HTTP trace of the Zoho calls made.
import { h } from './dom.js';

/** JSON with keys, strings, numbers and literals in their own spans (colours come from the stylesheet). */
export function jsonView(value) {
  const text = JSON.stringify(value, null, 2) ?? 'undefined';
  const pre = h('pre', { class: 'json' });
  const token = /("(?:[^"\\]|\\.)*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
  let last = 0;
  for (const m of text.matchAll(token)) {
    pre.append(text.slice(last, m.index));
    if (m[1]) pre.append(h('span', { class: m[2] ? 'k' : 's' }, m[1]), m[2] ?? '');
    else pre.append(h('span', { class: m[3] ? 'l' : 'n' }, m[0]));
    last = m.index + m[0].length;
  }
  pre.append(text.slice(last));
  return pre;
}

const isRecord = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The list of records in an output: the output itself when it is one, else its first non-empty array of objects. */
export function recordsOf(output) {
  if (Array.isArray(output)) return output.length && output.every(isRecord) ? output : null;
  if (!isRecord(output)) return null;
  for (const value of Object.values(output)) {
    if (Array.isArray(value) && value.length && value.every(isRecord)) return value;
  }
  return null;
}

function cell(value) {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(cell).join(', ');
  if (isRecord(value)) {
    if (typeof value.code === 'string' && typeof value.message === 'string') return `${value.code}: ${value.message}`;
    return String(value.name ?? value.display_value ?? value.email ?? value.id ?? JSON.stringify(value));
  }
  return String(value);
}

const MAX_COLUMNS = 9;

export function recordsTable(records) {
  // columns that are empty in every record (unset optional fields) would only crowd out the ones that say something
  const columns = [];
  for (const r of records) for (const k of Object.keys(r)) if (!columns.includes(k) && !k.startsWith('$') && cell(r[k]) !== '') columns.push(k);
  columns.sort((a, b) => (a === 'id' ? -1 : b === 'id' ? 1 : 0));
  const shown = columns.slice(0, MAX_COLUMNS);
  const table = h(
    'table',
    { class: 'records' },
    h('thead', {}, h('tr', {}, shown.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, records.map((r) => h('tr', {}, shown.map((c) => { const text = cell(r[c]); return h('td', { title: text.length > 40 ? text : null }, text); })))),
  );
  const hidden = columns.length - shown.length;
  return h('div', { class: 'table-wrap' }, table, h('div', { class: 'muted small' }, `${records.length} record${records.length === 1 ? '' : 's'}`, hidden > 0 ? ` · ${hidden} more column${hidden === 1 ? '' : 's'} in the JSON view` : '', ' · empty columns left out'));
}

export function errorView(error) {
  const issues = Array.isArray(error.details?.issues) ? error.details.issues : [];
  return h(
    'div',
    { class: `error-box cat-${error.category}` },
    h('div', { class: 'error-head' }, h('code', { class: 'error-code' }, error.code), h('span', { class: 'badge' }, error.category), error.httpStatus ? h('span', { class: 'badge' }, `HTTP ${error.httpStatus}`) : null, error.retryable ? h('span', { class: 'badge' }, 'retryable') : null),
    h('div', { class: 'error-message' }, error.message),
    issues.length ? h('ul', { class: 'issues' }, issues.map((i) => h('li', {}, h('code', {}, i.path || '(input)'), ' ', i.message))) : null,
    error.hint ? h('div', { class: 'hint' }, h('b', {}, 'Hint '), error.hint) : null,
  );
}

function statusClass(status) {
  if (status === undefined) return 'st-fail';
  return status < 300 ? 'st-ok' : status < 500 ? 'st-warn' : 'st-fail';
}

/** The Zoho calls of a run (method, path, status, duration); flows add the step each call belongs to. */
export function traceView(calls) {
  if (!calls.length) return h('p', { class: 'muted' }, 'No Zoho calls were made.');
  const withStep = calls.some((c) => c.action);
  const rows = calls.map((c, i) => {
    if (c.kind === 'token') return h('tr', { class: 'trace-note' }, h('td', {}, i + 1), withStep ? h('td', {}, c.action ?? '') : null, h('td', { colspan: 4 }, 'access token refreshed'));
    if (c.kind === 'retry') {
      return h('tr', { class: 'trace-note' }, h('td', {}, i + 1), withStep ? h('td', {}, c.action ?? '') : null, h('td', { colspan: 4 }, `retry of ${c.method} ${c.path} in ${c.delayMs ?? '?'} ms${c.error ? ` (${c.error})` : ''}`));
    }
    return h(
      'tr',
      {},
      h('td', {}, i + 1),
      withStep ? h('td', {}, c.action ?? '') : null,
      h('td', {}, h('span', { class: `method m-${(c.method ?? '').toLowerCase()}` }, c.method ?? '')),
      h('td', { class: 'path' }, c.path ?? '', c.attempt > 1 ? h('span', { class: 'muted' }, ` (try ${c.attempt})`) : null),
      h('td', {}, h('span', { class: `status ${statusClass(c.status)}` }, c.status ?? c.error ?? 'failed')),
      h('td', { class: 'num' }, c.durationMs !== undefined ? `${c.durationMs} ms` : ''),
    );
  });
  return h(
    'table',
    { class: 'trace' },
    h('thead', {}, h('tr', {}, h('th', {}, '#'), withStep ? h('th', {}, 'Step') : null, h('th', {}, 'Method'), h('th', {}, 'Path'), h('th', {}, 'Status'), h('th', { class: 'num' }, 'Time'))),
    h('tbody', {}, rows),
  );
}

/** Tabs over panes: `[{ id, label, render() }]`; the first is shown unless `selected` names another. */
export function tabbed(panes, selected) {
  const body = h('div', { class: 'pane' });
  const bar = h('div', { class: 'subtabs', role: 'tablist' });
  const show = (pane) => {
    for (const b of bar.children) b.setAttribute('aria-selected', String(b.dataset.id === pane.id));
    body.replaceChildren(pane.render());
  };
  for (const pane of panes) bar.append(h('button', { type: 'button', role: 'tab', dataset: { id: pane.id }, onclick: () => show(pane) }, pane.label));
  show(panes.find((p) => p.id === selected) ?? panes[0]);
  return h('div', { class: 'tabbed' }, bar, body);
}
