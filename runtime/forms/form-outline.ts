/**
 * A form description as an indented plain-text outline, for terminals (`zcrm form`): one line per field with
 * its label, required mark, widget and path, then its help, choices, limits, default, condition and note.
 */
import type { FormDescription, FormField } from './types';

/** Choices listed by name before the rest are only counted. */
const SHOWN_CHOICES = 8;

function shown(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function limits(field: FormField): string | undefined {
  const c = field.constraints;
  if (!c) return undefined;
  const parts: string[] = [];
  if (c.minimum !== undefined && c.maximum !== undefined) parts.push(`${c.minimum} to ${c.maximum}`);
  else if (c.minimum !== undefined) parts.push(`at least ${c.minimum}`);
  else if (c.maximum !== undefined) parts.push(`at most ${c.maximum}`);
  if (c.minLength !== undefined) parts.push(`at least ${count(c.minLength, 'character')}`);
  if (c.maxLength !== undefined) parts.push(`at most ${count(c.maxLength, 'character')}`);
  if (c.minItems !== undefined) parts.push(`at least ${count(c.minItems, 'item')}`);
  if (c.maxItems !== undefined) parts.push(`at most ${count(c.maxItems, 'item')}`);
  if (c.pattern !== undefined) parts.push(`matching ${c.pattern}`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

function choices(field: FormField): string | undefined {
  const options = field.options;
  if (!options || options.length === 0) return undefined;
  const names = options.slice(0, SHOWN_CHOICES).map((o) => (o.label === shown(o.value) ? o.label : `${o.label} = ${shown(o.value)}`));
  const more = options.length > SHOWN_CHOICES ? `, … (${options.length} in all)` : '';
  return `${names.join(', ')}${more}`;
}

function condition(showWhen: Record<string, unknown[]>): string {
  return Object.entries(showWhen)
    .map(([name, values]) => `${name} is ${values.map(shown).join(' or ')}`)
    .join(' and ');
}

function outline(field: FormField, indent: string, lines: string[]): void {
  const live = field.optionsSource ? `, live: ${field.optionsSource.source}` : '';
  lines.push(`${indent}${field.label}${field.required ? ' *' : ''}  [${field.widget}${live}]  ${field.path}`);
  const more = `${indent}    `;
  if (field.help) lines.push(`${more}${field.help}`);
  const list = choices(field);
  if (list) lines.push(`${more}choices: ${list}`);
  const bounds = limits(field);
  if (bounds) lines.push(`${more}limits: ${bounds}`);
  if (field.default !== undefined) lines.push(`${more}default: ${shown(field.default)}`);
  else if (field.examples && field.examples.length > 0) lines.push(`${more}example: ${shown(field.examples[0])}`);
  if (field.showWhen) lines.push(`${more}shown when ${condition(field.showWhen)}`);
  if (field.note) lines.push(`${more}note: ${field.note}`);
  for (const sub of field.fields ?? []) outline(sub, more, lines);
  if (field.items) {
    lines.push(`${more}each item:`);
    outline(field.items, `${more}  `, lines);
  }
}

export function formOutline(form: FormDescription): string {
  const lines = [`${form.title} (${form.actionId})`, form.description, '', 'Fields (* = required):'];
  if (form.fields.length === 0) lines.push('  (none)');
  for (const field of form.fields) outline(field, '  ', lines);
  return lines.join('\n');
}
