/**
 * Validates form values with the runtime's own ajv validator for the action (so a form accepts exactly what
 * `execute` accepts) and files each issue under the field it belongs to: the closest field whose path covers
 * the issue's path, given concretely (`/records/2/id`), or `''` for the form as a whole.
 */
import type { Host } from '../types';
import { closestFieldPath, itemPath, pathSegments, valueAt } from './field-paths';
import { fieldsFromSchema } from './schema-fields';
import type { FormDescription, FormField } from './types';

export interface FormValidation {
  ok: boolean;
  /** Messages by concrete field path. */
  errors: Record<string, string[]>;
}

const REQUIRED = 'is required';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * Required marks the schema cannot carry: sub-fields a connector described live (a module's mandatory
 * fields). A sub-field is checked only when its parent field holds an object, so an absent parent is reported
 * once, by its own rule.
 */
function checkLiveRequired(fields: readonly FormField[], parentValue: unknown, values: unknown, concrete: (p: string) => string, add: (path: string, message: string) => void): void {
  for (const field of fields) {
    const path = concrete(field.path);
    const value = valueAt(values, path);
    if (field.required && isEmpty(value) && isPlainObject(parentValue)) add(path, REQUIRED);
    if (field.fields && isPlainObject(value)) checkLiveRequired(field.fields, value, values, concrete, add);
    if (field.items && Array.isArray(value)) {
      const template = itemPath(path);
      value.forEach((item, index) => {
        const itemConcrete = (p: string) => {
          const c = concrete(p);
          return c === template || c.startsWith(`${template}/`) ? `${path}/${index}${c.slice(template.length)}` : c;
        };
        if (field.items!.fields && isPlainObject(item)) checkLiveRequired(field.items!.fields, item, values, itemConcrete, add);
      });
    }
  }
}

/**
 * @param form the form the values were entered in (from `formFor`); with it, issues map onto live sub-fields
 *   too and their required marks are checked. Without it, the action's static fields are used.
 */
export function validateForm(host: Host, actionId: string, values: unknown, form?: FormDescription): FormValidation {
  // validateInput fills defaults in place: the caller's values stay as entered.
  const copy = structuredClone(values ?? {});
  const issues = host.validateInput(actionId, copy);
  const fields = form?.fields ?? fieldsFromSchema(host.schema(actionId, 'input'));
  const errors: Record<string, string[]> = {};
  const add = (fieldPath: string, message: string) => {
    const list = (errors[fieldPath] ??= []);
    if (!list.includes(message)) list.push(message);
  };
  for (const issue of issues) {
    const fieldPath = closestFieldPath(fields, issue.path);
    // An issue below its field names the rest of its path, so the message stays precise.
    const below = pathSegments(issue.path).slice(pathSegments(fieldPath).length);
    add(fieldPath, below.length > 0 ? `${below.map((s) => (/^\d+$/.test(s) ? `item ${Number(s) + 1}` : s)).join(' › ')}: ${issue.message}` : issue.message);
  }
  if (form) checkLiveRequired(form.fields, copy, copy, (p) => p, (path, message) => add(closestFieldPath(fields, path), message));
  return { ok: Object.keys(errors).length === 0, errors };
}
