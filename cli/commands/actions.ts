/** `zcrm actions` lists the connector's actions by group; `zcrm describe <action>` shows one with its fields. */
import type { Command } from 'commander';
import type { CliContext } from '../context';

interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

function typeOf(schema: Record<string, unknown>): string {
  if (schema.$ref) return String(schema.$ref).split('/').pop() ?? 'object';
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) return 'one of several forms';
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : String(schema.type ?? 'any');
  if (type === 'array' && schema.items && typeof schema.items === 'object') return `array of ${typeOf(schema.items as Record<string, unknown>)}`;
  return type;
}

function fields(schema: Record<string, unknown>): FieldRow[] {
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, prop]) => ({
    name,
    type: typeOf(prop),
    required: required.has(name),
    description: String(prop.description ?? prop.title ?? ''),
  }));
}

function table(rows: FieldRow[]): string {
  if (rows.length === 0) return '  (none)';
  const width = Math.max(...rows.map((r) => r.name.length + (r.required ? 1 : 0)));
  return rows.map((r) => `  ${(r.name + (r.required ? '*' : '')).padEnd(width)}  ${r.type}${r.description ? ` — ${r.description}` : ''}`).join('\n');
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('actions')
    .description('list the actions of the connector')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const host = await ctx.host();
      const list = host.manifest.actions.map(({ id, title, group, description, idempotent, destructive }) => ({ id, title, group, description, idempotent, destructive }));
      const groups = new Map<string, typeof list>();
      for (const a of list) groups.set(a.group, [...(groups.get(a.group) ?? []), a]);
      const width = Math.max(...list.map((a) => a.id.length));
      const text = [...groups]
        .map(([group, items]) => `${group}\n${items.map((a) => `  ${a.id.padEnd(width)}  ${a.title}${a.destructive ? ' (destructive)' : ''}`).join('\n')}`)
        .join('\n\n');
      ctx.print(list, { json: opts.json === true, text: `${text}\n\nRun \`zcrm describe <action>\` for an action's input and output.` });
    });

  program
    .command('describe <action>')
    .description('show an action: what it does, its input and output fields')
    .option('--json', 'print JSON (with the full input and output schemas)')
    .action(async (actionId: string, opts: { json?: boolean }) => {
      const host = await ctx.host();
      const action = host.action(actionId);
      const input = host.schema(actionId, 'input');
      const output = host.schema(actionId, 'output');
      const flags = [action.idempotent ? 'idempotent' : 'not idempotent', action.destructive ? 'destructive' : 'non-destructive', action.connection === false ? 'needs no connection' : 'needs a connection'];
      const text = [
        `${action.title} (${action.id}) — ${action.group}`,
        action.description,
        `(${flags.join(', ')})`,
        '',
        'Input (* = required):',
        table(fields(input)),
        '',
        'Output:',
        table(fields(output)),
      ].join('\n');
      ctx.print({ ...action, inputSchema: input, outputSchema: output }, { json: opts.json === true, text });
    });
}
