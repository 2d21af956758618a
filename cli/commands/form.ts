/**
 * `zcrm form <action>` prints the generated input form of an action (live choices from a connection);
 * `zcrm modules` and `zcrm fields <module>` list the connection's Zoho CRM metadata.
 */
import type { Command } from 'commander';
import { InputError } from '../../runtime/errors';
import type { Host } from '../../runtime/types';
import type { CliContext } from '../context';
import { readJsonInput } from '../read-input';

interface ConnectionOpts {
  connection?: string;
  json?: boolean;
}

/** The Zoho client of the chosen connection (the only one when none is named). */
async function zohoClient(ctx: CliContext, host: Host, requested: string | undefined) {
  const { pickConnection } = require('../../runtime/forms/pick-connection') as typeof import('../../runtime/forms/pick-connection');
  const { asZohoClient } = require('../../connector/form-options') as typeof import('../../connector/form-options');
  const nickname = await pickConnection(host, requested ?? ctx.io.env.ZCRM_CONNECTION);
  return asZohoClient(await host.clientFor(nickname));
}

function columns(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `  ${r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')}`.trimEnd()).join('\n');
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('form <action>')
    .description("print the generated input form of an action, with live choices from a connection")
    .option('--module <name>', 'module the live choices depend on (its fields, a record of its fields)')
    .option('--values <json>', 'values entered so far, as JSON text or @file.json (choices may depend on them)')
    .option('-c, --connection <nickname>', 'connection that feeds live choices (default: the only one, or ZCRM_CONNECTION)')
    .option('--json', 'print the form description as JSON')
    .option('--jsonforms', 'print a JSON Forms data schema and UI schema instead')
    .action(async (actionId: string, opts: ConnectionOpts & { module?: string; values?: string; jsonforms?: boolean }) => {
      const forms = require('../../runtime/forms') as typeof import('../../runtime/forms');
      const { formOutline } = require('../../runtime/forms/form-outline') as typeof import('../../runtime/forms/form-outline');
      const host = await ctx.host();
      host.action(actionId); // an unknown id fails before anything else
      const given = opts.values === undefined ? {} : await readJsonInput(opts.values, ctx.io);
      if (given === null || typeof given !== 'object' || Array.isArray(given)) {
        throw new InputError('VALUES_NOT_OBJECT', '--values must be a JSON object of field values.', `For example --values '{"module":"Leads"}'.`);
      }
      const values = { ...(given as Record<string, unknown>), ...(opts.module ? { module: opts.module } : {}) };
      const connection = opts.connection ?? ctx.io.env.ZCRM_CONNECTION;
      const form = await forms.formFor(host, actionId, { values, ...(connection ? { connection } : {}) });
      if (opts.jsonforms) ctx.print(forms.toJsonForms(form), { json: opts.json === true });
      else ctx.print(form, { json: opts.json === true, text: formOutline(form) });
    });

  program
    .command('modules')
    .description("list the connection's Zoho CRM modules that the API supports")
    .option('-c, --connection <nickname>', 'connection to ask (default: the only one, or ZCRM_CONNECTION)')
    .option('--json', 'print JSON')
    .action(async (opts: ConnectionOpts) => {
      const { moduleSummaries } = require('../../connector/form-options') as typeof import('../../connector/form-options');
      const client = await zohoClient(ctx, await ctx.host(), opts.connection);
      const modules = await moduleSummaries(client);
      const text =
        modules.length === 0
          ? 'No modules are available to the API.'
          : `${columns(modules.map((m) => [m.apiName, m.label]))}\n\n${modules.length} modules. Run \`zcrm fields <module>\` for a module's fields.`;
      ctx.print(modules, { json: opts.json === true, text });
    });

  program
    .command('fields <module>')
    .description("list a module's fields: API name, type, mandatory, read-only, picklist values")
    .option('-c, --connection <nickname>', 'connection to ask (default: the only one, or ZCRM_CONNECTION)')
    .option('--json', 'print JSON')
    .action(async (module: string, opts: ConnectionOpts) => {
      const { fieldSummaries } = require('../../connector/form-options') as typeof import('../../connector/form-options');
      const client = await zohoClient(ctx, await ctx.host(), opts.connection);
      const fields = await fieldSummaries(client, module);
      const rows = fields.map((f) => {
        const type = f.lookupModule ? `${f.type} → ${f.lookupModule}` : f.maxLength !== undefined && ['text', 'textarea', 'email', 'phone', 'website'].includes(f.type) ? `${f.type}(${f.maxLength})` : f.type;
        const flags = [f.required ? 'mandatory' : '', f.readOnly ? 'read-only' : ''].filter(Boolean).join(', ');
        return [f.apiName, type, flags || '-', `${f.label}${f.picklistValues ? `: ${f.picklistValues.join(' | ')}` : ''}`];
      });
      const text = fields.length === 0 ? `Module ${module} has no fields.` : `Fields of ${module}:\n${columns([['API name', 'type', 'flags', 'label'], ...rows])}`;
      ctx.print(fields, { json: opts.json === true, text });
    });
}
