/**
 * runtime/forms: renderer-neutral forms for any connector's action inputs, derived from the JSON Schemas, with
 * live choices from the connector's options provider, and validation errors filed under their fields.
 */
import type { Host } from '../types';
import { createFormBuilder, type FormBuilder } from './form-builder';
import type { FormContext, FormDescription } from './types';

export * from './types';
export { createFormBuilder, type FormBuilder, type FormBuilderOptions } from './form-builder';
export { validateForm, type FormValidation } from './validate-form';
export { toJsonForms, type JsonForms } from './json-forms';
export { pickConnection } from './pick-connection';
export { fieldsFromSchema, humanize } from './schema-fields';
export { ITEM_SEGMENT, childPath, closestFieldPath, instantiateItem, itemPath, setValueAt, valueAt } from './field-paths';
export { DEFAULT_OPTIONS_TTL_MS } from './options-cache';

const builders = new WeakMap<Host, FormBuilder>();

/** The host's shared builder: its live-options cache (60 s) is shared by every caller of `formFor`. */
export function formBuilderOf(host: Host): FormBuilder {
  let builder = builders.get(host);
  if (!builder) {
    builder = createFormBuilder(host);
    builders.set(host, builder);
  }
  return builder;
}

/**
 * The form of an action's input. Live choices come from `context.connection` (or the connector's only
 * connection) and depend on `context.values`; when they cannot be had the field keeps a plain widget and a
 * `note` says why. Throws only for an unknown action.
 */
export function formFor(host: Host, actionId: string, context?: FormContext): Promise<FormDescription> {
  return formBuilderOf(host).formFor(actionId, context);
}
