/**
 * Fills the fields marked `x-options` with live choices (or sub-fields) from the connector's options provider,
 * through a short cache. Nothing here throws: when the connection, the provider, a dependency value or the
 * remote call is missing or fails, the field keeps its static widget and gets a note saying why.
 */
import { toHostError } from '../errors';
import { secrets } from '../secrets';
import type { Host } from '../types';
import { valueAt } from './field-paths';
import type { OptionsCache } from './options-cache';
import { orderFields } from './schema-fields';
import type { FormField, OptionsProviderModule, OptionsResult } from './types';

/** Either a usable thing, or the sentence saying why there is none. */
export type Available<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface LiveOptionsContext {
  host: Host;
  actionId: string;
  values: Record<string, unknown>;
  /** The form's top-level fields (labels and defaults of the fields others depend on). */
  topFields: readonly FormField[];
  provider: () => Available<OptionsProviderModule>;
  /** Resolved once per form, and only when some field needs it. */
  connection: () => Promise<Available<{ nickname: string; client: unknown }>>;
  cache: OptionsCache<OptionsResult>;
}

function liveFields(fields: readonly FormField[], out: FormField[] = []): FormField[] {
  for (const f of fields) {
    if (f.optionsSource) out.push(f);
    if (f.fields) liveFields(f.fields, out);
    if (f.items) liveFields([f.items], out);
  }
  return out;
}

/** What to do instead, for the widget the field falls back to. */
function fallbackAdvice(field: FormField): string {
  switch (field.widget) {
    case 'json':
      return 'Enter it as JSON instead.';
    case 'object':
      return 'Only the fields the schema names are offered.';
    case 'key-value':
      return 'Enter name and value pairs instead.';
    case 'array':
      return 'Type the values instead.';
    default:
      return 'Type the value instead.';
  }
}

/** One sentence about a failure, with its hint and code, secrets scrubbed. */
export function errorSentence(err: unknown): string {
  const e = toHostError(err);
  const message = /[.!?)]$/.test(e.message) ? e.message : `${e.message}.`;
  const text = `${message}${e.hint ? ` ${e.hint}` : ''}`;
  return secrets.scrub(`${text} (${e.code})`);
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function dependencyValue(ctx: LiveOptionsContext, name: string): unknown {
  const entered = name.startsWith('/') ? valueAt(ctx.values, name) : ctx.values[name];
  if (!isMissing(entered)) return entered;
  return ctx.topFields.find((f) => f.name === name || f.path === name)?.default;
}

function dependencyLabel(ctx: LiveOptionsContext, name: string): string {
  return ctx.topFields.find((f) => f.name === name || f.path === name)?.label ?? name;
}

function apply(field: FormField, result: OptionsResult): string | undefined {
  if ('options' in result) {
    if (result.options.length === 0) return 'The connection offers no choices here.';
    field.widget = field.widget === 'array' || field.widget === 'multi-select' ? 'multi-select' : 'select';
    field.options = result.options;
    delete field.items;
    return undefined;
  }
  if (result.fields.length === 0) return 'The connection describes no fields here.';
  const own = field.fields ?? [];
  const known = new Set(own.map((f) => f.name));
  field.widget = 'object';
  field.fields = orderFields([...own, ...result.fields.filter((f) => !known.has(f.name))]);
  return undefined;
}

async function fill(ctx: LiveOptionsContext, field: FormField): Promise<void> {
  const { source, dependsOn } = field.optionsSource!;
  const fallBack = (why: string) => {
    field.note = `${why} ${fallbackAdvice(field)}`;
  };
  const missing = dependsOn.find((name) => isMissing(dependencyValue(ctx, name)));
  if (missing !== undefined) return fallBack(`Choose ${dependencyLabel(ctx, missing)} first: the choices depend on it.`);
  const provider = ctx.provider();
  if (!provider.ok) return fallBack(`No live choices: ${provider.reason}`);
  const connection = await ctx.connection();
  if (!connection.ok) return fallBack(`No live choices: ${connection.reason}`);
  const { nickname, client } = connection.value;
  const dependsOnValues = dependsOn.map((name) => dependencyValue(ctx, name));
  const key = JSON.stringify([nickname, ctx.actionId, field.path, source, dependsOnValues]);
  try {
    const result = await ctx.cache.get(key, async () =>
      provider.value.resolveOptions({
        source,
        values: ctx.values,
        client,
        field: { path: field.path, name: field.name },
        dependsOn: dependsOnValues,
        actionId: ctx.actionId,
      }),
    );
    const empty = apply(field, structuredClone(result));
    if (empty) fallBack(empty);
  } catch (err) {
    ctx.host.log.debug({ action: ctx.actionId, field: field.path, source, code: toHostError(err).code }, 'live form options unavailable');
    fallBack(`Could not load the choices from connection "${nickname}": ${errorSentence(err)}`);
  }
}

/** Resolves every live field of `fields` (in place), all at once. */
export async function fillLiveOptions(ctx: LiveOptionsContext, fields: readonly FormField[]): Promise<void> {
  await Promise.all(liveFields(fields).map((field) => fill(ctx, field)));
}
