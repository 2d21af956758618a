/**
 * The playground's flow endpoints: run a flow built in the page through the runtime's flow runner with the host
 * as executor (each step's Zoho calls traced under its step id), and turn it into a flow file for `zcrm flow run`.
 */
import { stringify } from 'yaml';
import { InputError } from '../runtime/errors';
import { flowFromDefinition, runFlow, type LoadedFlow, type RunResult } from '../runtime/flow';
import type { Executor, Host } from '../runtime/types';
import { objectBody } from './http-json';
import type { CallTrace, TracedCall } from './trace';

export interface FlowRunResponse {
  result: RunResult;
  calls: TracedCall[];
}

function flowOf(body: Record<string, unknown>): LoadedFlow {
  if (body.flow === undefined) throw new InputError('FLOW_MISSING', 'The request has no "flow".', 'Send { "flow": { "steps": [...] } }.');
  return flowFromDefinition(body.flow);
}

function inputsOf(body: Record<string, unknown>): Record<string, unknown> {
  if (body.inputs === undefined) return {};
  return objectBody(body.inputs, 'the flow inputs, name to value');
}

export async function runPlaygroundFlow(host: Host, body: unknown, options: { connection?: string; journalDir: string; trace?: CallTrace }): Promise<FlowRunResponse> {
  const request = objectBody(body, '{ flow, inputs }');
  const flow = flowOf(request);
  const calls: TracedCall[] = [];
  let step: string | undefined;
  const trace = options.trace;
  // Steps run one at a time, so the step that started last is the one making the calls.
  const executor: Executor = {
    hasAction: (id) => host.hasAction(id),
    actionIds: () => host.actionIds(),
    execute: async (actionId, input, executeOptions) => {
      if (!trace) return host.execute(actionId, input, executeOptions);
      const { value, calls: made } = await trace.capture(() => host.execute(actionId, input, executeOptions), { action: step ?? actionId });
      calls.push(...made);
      return value;
    },
  };
  const result = await runFlow(flow, {
    executor,
    inputs: inputsOf(request),
    journalDir: options.journalDir,
    ...(options.connection !== undefined ? { connection: options.connection } : {}),
    isIdempotent: (actionId) => host.action(actionId).idempotent,
    onEvent: (event) => {
      if (event.type === 'step-start') step = event.step;
    },
  });
  return { result, calls };
}

export interface FlowFile {
  fileName: string;
  contentType: string;
  text: string;
}

function slug(name: string | undefined): string {
  const s = (name ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return s || 'flow';
}

/** The flow as a file `zcrm flow run` reads; it is checked against the flow schema first, so it loads as sent. */
export function exportFlow(body: unknown): FlowFile {
  const request = objectBody(body, '{ flow, format }');
  const { definition } = flowOf(request);
  const format = request.format ?? 'yaml';
  if (format !== 'yaml' && format !== 'json') throw new InputError('FLOW_FORMAT', `Unknown flow file format "${String(format)}".`, 'Use "yaml" or "json".');
  const name = slug(definition.name);
  if (format === 'json') return { fileName: `${name}.flow.json`, contentType: 'application/json; charset=utf-8', text: `${JSON.stringify(definition, null, 2)}\n` };
  const header = `# ${definition.name ?? 'A flow'} built in the zcrm playground.\n# Run it with: zcrm flow run ${name}.flow.yaml\n`;
  return { fileName: `${name}.flow.yaml`, contentType: 'application/yaml; charset=utf-8', text: header + stringify(definition, { lineWidth: 0 }) };
}
