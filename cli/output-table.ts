/**
 * `zcrm run --output table`: an output that holds a list of records (`records`, `notes`, `results` ...) as a
 * table that fits the terminal, with the output's other plain values on a line below. Columns come from the
 * rows' keys (id first); what does not fit is cut with "…" and named in a note. Anything else is not a table.
 */

/** Keys that name the list in an output, most telling first; otherwise the first array of objects is taken. */
const LIST_KEYS = ['records', 'notes', 'results', 'data', 'items'];
/** Widest a column grows; and the width each shown column gets at least (ids have 19 digits: they fit whole). */
const MAX_COLUMN = 40;
const MIN_COLUMN = 20;
const GAP = '  ';

type Row = Record<string, unknown>;

function isPlainObject(value: unknown): value is Row {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isRowList(value: unknown): value is Row[] {
  return Array.isArray(value) && value.every(isPlainObject);
}

export interface RecordList {
  /** The output's key holding the list; undefined when the output is the list itself. */
  key?: string;
  rows: Row[];
  /** The output's other values (counts, cursors, hints). */
  rest: Row;
}

/** The list of records in an output, or undefined when it holds none. */
export function findRecordList(output: unknown): RecordList | undefined {
  if (isRowList(output)) return { rows: output, rest: {} };
  if (!isPlainObject(output)) return undefined;
  const key = LIST_KEYS.find((k) => isRowList(output[k])) ?? Object.keys(output).find((k) => isRowList(output[k]) && (output[k] as Row[]).length > 0);
  if (key === undefined) return undefined;
  const { [key]: rows, ...rest } = output;
  return { key, rows: rows as Row[], rest };
}

/** A cell in one line: people and lookups by name, errors as "code: message", lists joined. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.replace(/\s*[\r\n]+\s*/g, ' ');
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.map(cellText).join(', ');
  const v = value as Row;
  if (typeof v.code === 'string' && typeof v.message === 'string') return `${v.code}: ${cellText(v.message)}`;
  if (typeof v.name === 'string' && v.name !== '') return v.name;
  if (typeof v.id === 'string' || typeof v.id === 'number') return String(v.id);
  return JSON.stringify(value);
}

function columnsOf(rows: Row[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  const keys = [...seen];
  return keys.includes('id') ? ['id', ...keys.filter((k) => k !== 'id')] : keys;
}

function clip(text: string, width: number): string {
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/**
 * Column widths that fit `width`: as many columns from the left as fit at their least width (their own width
 * up to 20), then the spare room widens them from the left, each up to its own width (at most 40).
 */
function fit(natural: number[], width: number): number[] {
  const full = natural.map((w) => Math.min(w, MAX_COLUMN));
  const least = full.map((w) => Math.min(w, MIN_COLUMN));
  const widths: number[] = [];
  let used = 0;
  for (const w of least) {
    const need = w + (widths.length > 0 ? GAP.length : 0);
    if (widths.length > 0 && used + need > width) break;
    widths.push(w);
    used += need;
  }
  if (used > width) widths[0] = Math.max(1, width);
  let spare = Math.max(0, width - used);
  for (let i = 0; i < widths.length && spare > 0; i++) {
    const grow = Math.min(spare, full[i]! - widths[i]!);
    widths[i]! += grow;
    spare -= grow;
  }
  return widths;
}

/** Words into lines of at most `width` characters (a longer word gets a line of its own). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The rows as a table at most `width` characters wide. */
export function renderTable(rows: Row[], width: number): string {
  const columns = columnsOf(rows);
  if (rows.length === 0 || columns.length === 0) return '(no records)';
  const cells = rows.map((row) => columns.map((c) => cellText(row[c])));
  const natural = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const widths = fit(natural, width);
  const shown = widths.length;
  const line = (values: string[]) => values.slice(0, shown).map((v, i) => clip(v, widths[i]!)).join(GAP).trimEnd();
  const lines = [line(columns), line(widths.map((w) => '─'.repeat(w))), ...cells.map(line)];
  if (shown < columns.length) {
    const hidden = columns.slice(shown);
    lines.push(...wrap(`(${hidden.length} more column${hidden.length === 1 ? '' : 's'} not shown: ${hidden.join(', ')}; --output json shows everything)`, width));
  }
  return lines.join('\n');
}

function restText(rest: Row): string {
  return Object.entries(rest)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join('\n');
}

/** The whole `--output table` text, or undefined when the output holds no list of records. */
export function outputTable(output: unknown, width: number): string | undefined {
  const list = findRecordList(output);
  if (!list) return undefined;
  const table = renderTable(list.rows, width);
  const rest = restText(list.rest);
  return rest ? `${table}\n\n${rest}` : table;
}
