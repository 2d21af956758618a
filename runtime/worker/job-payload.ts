/** What a job carries: one action execution, or a whole flow run; checked when enqueued and again when run. */
import { InputError } from '../errors';
import type { FlowDefinition } from '../flow/types';

export interface ActionJobPayload {
  kind: 'action';
  actionId: string;
  input: unknown;
  /** Nickname of the connection in the workers' credential store (optional when it holds exactly one). */
  connection?: string;
  /** The caller's key for "this one effect": the job id derives from it, so enqueuing it again runs nothing twice. */
  idempotencyKey?: string;
}

export interface FlowJobPayload {
  kind: 'flow';
  /** The flow definition itself (the worker may run on a machine without the file). */
  flow: FlowDefinition;
  inputs?: Record<string, unknown>;
  /** Default connection of the flow's steps. */
  connection?: string;
  idempotencyKey?: string;
}

export type JobPayload = ActionJobPayload | FlowJobPayload;

const KEY_PATTERN = /^[\x21-\x7e]{1,256}$/;

function invalid(message: string, hint: string): InputError {
  return new InputError('JOB_INVALID', message, hint);
}

function optionalString(value: Record<string, unknown>, name: string): void {
  if (value[name] !== undefined && (typeof value[name] !== 'string' || value[name] === '')) throw invalid(`The job's "${name}" must be a non-empty string.`, `Leave "${name}" out or give a string.`);
}

/** Checks a payload's shape (not the action's input: the executor validates that against the action's schema). */
export function checkPayload(value: unknown): JobPayload {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid('A job must be a JSON object.', 'Send { kind: "action", actionId, input } or { kind: "flow", flow }.');
  const job = value as Record<string, unknown>;
  optionalString(job, 'connection');
  optionalString(job, 'idempotencyKey');
  if (typeof job.idempotencyKey === 'string' && !KEY_PATTERN.test(job.idempotencyKey)) {
    throw invalid('The idempotency key must be 1 to 256 printable ASCII characters without spaces.', 'Use an id from your own system, e.g. "order-1042-create-lead".');
  }
  if (job.kind === 'action') {
    if (typeof job.actionId !== 'string' || job.actionId === '') throw invalid('An action job needs "actionId".', 'Name the action to run, e.g. "create-record".');
    return job as unknown as ActionJobPayload;
  }
  if (job.kind === 'flow') {
    if (job.flow === null || typeof job.flow !== 'object' || Array.isArray(job.flow)) throw invalid('A flow job needs "flow": the flow definition as an object.', 'Load the flow file and send its content.');
    if (job.inputs !== undefined && (job.inputs === null || typeof job.inputs !== 'object' || Array.isArray(job.inputs))) throw invalid('A flow job\'s "inputs" must be an object.', 'Send the flow inputs by name.');
    return job as unknown as FlowJobPayload;
  }
  throw invalid(`A job's "kind" must be "action" or "flow", not ${JSON.stringify(job.kind)}.`, 'Send { kind: "action", actionId, input } or { kind: "flow", flow }.');
}

/** A short name for logs and metrics: the action id, or `flow:<name>`. */
export function jobLabel(payload: JobPayload): string {
  return payload.kind === 'action' ? payload.actionId : `flow:${payload.flow.name ?? 'unnamed'}`;
}
