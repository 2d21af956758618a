/**
 * The playground's form endpoints: the generated form of an action for the values entered so far (live options
 * follow them), and validation of those values with the runtime's own validator, filed under the form's fields.
 */
import { InputError, type ValidationIssue } from '../runtime/errors';
import { formFor, validateForm, type FormDescription } from '../runtime/forms';
import type { Host } from '../runtime/types';
import { objectBody } from './http-json';
import type { CallTrace, TracedCall } from './trace';

function valuesFromQuery(text: string | null): Record<string, unknown> {
  if (text === null || text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new InputError('FORM_VALUES_NOT_JSON', `The "values" parameter is not valid JSON: ${(err as Error).message}.`);
  }
  return objectBody(parsed, 'the values entered so far');
}

/** The form, and the Zoho calls its live options needed (none when they came from the cache). */
export async function formOf(host: Host, actionId: string, valuesText: string | null, options: { connection?: string; trace?: CallTrace }): Promise<FormDescription & { calls: TracedCall[] }> {
  host.action(actionId);
  const values = valuesFromQuery(valuesText);
  const build = () => formFor(host, actionId, { ...(options.connection !== undefined ? { connection: options.connection } : {}), values });
  const { value: form, calls } = options.trace ? await options.trace.capture(build) : { value: await build(), calls: [] };
  return { ...form, calls };
}

export interface ValidateResponse {
  ok: boolean;
  /** One entry per message, under the path of the field it belongs to (`''` for the form as a whole). */
  issues: ValidationIssue[];
}

export async function validateValues(host: Host, actionId: string, body: unknown, options: { connection?: string }): Promise<ValidateResponse> {
  host.action(actionId);
  const request = objectBody(body, '{ values }');
  const values = request.values === undefined ? {} : objectBody(request.values, 'the form values');
  // The live form knows the module's mandatory fields, which the static schema cannot say.
  const form = await formFor(host, actionId, { ...(options.connection !== undefined ? { connection: options.connection } : {}), values });
  const result = validateForm(host, actionId, values, form);
  const issues = Object.entries(result.errors).flatMap(([path, messages]) => messages.map((message) => ({ path, message })));
  return { ok: result.ok, issues };
}
