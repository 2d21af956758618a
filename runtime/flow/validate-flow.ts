/**
 * Dry validation: everything that can be known before a step runs is checked here, so a flow with a bad
 * template, an unknown action, a reference to a later step or a missing input fails before anything happens.
 */
import type { Executor } from '../types';
import { FLOW_CODES, flowProblems, type FlowIssue } from './flow-errors';
import { forEachTemplate, lookupPath, parseTemplate, TemplateSyntaxError, type TemplateRef } from './template';
import type { FlowPlan, LoadedFlow, PlannedStep } from './types';

export interface ValidateOptions {
  /** Default connection for steps that name none (the flow's own `connection` is the fallback). */
  connection?: string;
}

/** Edit distance, to suggest the id that was probably meant. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

function suggest(name: string, candidates: string[]): string {
  const best = candidates.map((c) => ({ c, d: distance(name, c) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= Math.max(2, Math.floor(name.length / 3)) ? ` (did you mean "${best.c}"?)` : '';
}

function list(names: string[]): string {
  return names.length ? names.join(', ') : '(none)';
}

/** The resolved flow inputs: given values over declared defaults. */
function resolveInputs(flow: LoadedFlow, given: Record<string, unknown>, issues: FlowIssue[]): Record<string, unknown> {
  const declared = flow.definition.inputs ?? {};
  const names = Object.keys(declared);
  const inputs: Record<string, unknown> = {};
  for (const name of Object.keys(given)) {
    if (!(name in declared)) {
      issues.push({
        code: FLOW_CODES.inputUnknown,
        path: `/inputs/${name}`,
        message: `input "${name}" was given but the flow does not declare it${suggest(name, names)}; declared inputs: ${list(names)}`,
      });
    }
  }
  for (const [name, spec] of Object.entries(declared)) {
    if (given[name] !== undefined) inputs[name] = given[name];
    else if (spec.default !== undefined) inputs[name] = structuredClone(spec.default);
    else {
      issues.push({
        code: FLOW_CODES.inputMissing,
        path: `/inputs/${name}`,
        message: `input "${name}" is required${spec.description ? ` (${spec.description})` : ''} but was not given; give a value or declare a default`,
      });
    }
  }
  return inputs;
}

/** Whether `from` reaches `to` by following step references (for telling a cycle from a forward reference). */
function referencePath(from: string, to: string, refs: Map<string, Set<string>>): string[] | undefined {
  const seen = new Set<string>();
  const walk = (at: string, trail: string[]): string[] | undefined => {
    if (at === to) return trail;
    if (seen.has(at)) return undefined;
    seen.add(at);
    for (const next of refs.get(at) ?? []) {
      const found = walk(next, [...trail, next]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(from, [from]);
}

/**
 * Checks `flow` against the executor's actions and the given inputs; returns the plan or throws one InputError
 * listing every problem (code FLOW_TEMPLATE_UNRESOLVED, FLOW_CYCLE, FLOW_UNKNOWN_ACTION, FLOW_INPUT_MISSING ...
 * or FLOW_INVALID when they differ), each with its JSON path in the flow file.
 */
export function validateFlow(
  flow: LoadedFlow,
  executor: Pick<Executor, 'hasAction' | 'actionIds'>,
  givenInputs: Record<string, unknown> = {},
  options: ValidateOptions = {},
): FlowPlan {
  const { definition } = flow;
  const issues: FlowIssue[] = [];
  const inputs = resolveInputs(flow, givenInputs, issues);
  const declaredInputs = Object.keys(definition.inputs ?? {});
  const indexOf = new Map(definition.steps.map((s, i) => [s.id, i] as const));
  const stepIds = definition.steps.map((s) => s.id);
  const refs = new Map<string, Set<string>>();
  const forward: { step: string; target: string; issue: FlowIssue }[] = [];
  const steps: PlannedStep[] = [];

  definition.steps.forEach((step, index) => {
    const at = `/steps/${index}`;
    const where = (pointer: string) => `step "${step.id}", input ${pointer || '(the whole input)'}`;
    if (!executor.hasAction(step.action)) {
      const ids = executor.actionIds();
      issues.push({ code: FLOW_CODES.unknownAction, path: `${at}/action`, message: `step "${step.id}" uses unknown action "${step.action}"${suggest(step.action, ids)}; valid actions: ${list(ids)}` });
    }
    const dependsOn = new Set<string>();
    const inputsUsed = new Set<string>();
    refs.set(step.id, dependsOn);

    const checkRef = (ref: TemplateRef, pointer: string) => {
      const shown = `{{ ${ref.expression} }}`;
      const issue = (code: string, message: string) => issues.push({ code, path: `${at}/input${pointer}`, message: `${where(pointer)}: ${shown} ${message}` });
      const [root, second, third] = ref.path;
      if (root === 'inputs') {
        if (second === undefined) return; // all inputs, as one object
        if (typeof second !== 'string' || !declaredInputs.includes(second)) {
          issue(FLOW_CODES.templateUnresolved, `uses input "${String(second)}", which the flow does not declare${suggest(String(second), declaredInputs)}; declare it under inputs (declared: ${list(declaredInputs)})`);
          return;
        }
        inputsUsed.add(second);
        if (!(second in inputs)) return; // already reported as a missing input
        const found = lookupPath({ inputs }, ref.path);
        if (!found.found) issue(FLOW_CODES.templateUnresolved, `points at nothing: ${found.reason}; fix the path or the input's value`);
        return;
      }
      if (root === 'steps') {
        if (typeof second !== 'string' || third !== 'output') {
          issue(FLOW_CODES.templateInvalid, `must have the form {{ steps.<id>.output }} or {{ steps.<id>.output.<path> }}`);
          return;
        }
        const target = indexOf.get(second);
        if (target === undefined) {
          const earlier = stepIds.slice(0, index);
          issue(FLOW_CODES.templateUnresolved, `refers to step "${second}", which does not exist${suggest(second, stepIds)}; use one of the earlier steps: ${list(earlier)}`);
          return;
        }
        if (target === index) {
          issue(FLOW_CODES.cycle, `refers to the step's own output, which does not exist yet; take the value from an earlier step or an input`);
          return;
        }
        dependsOn.add(second);
        if (target > index) {
          const entry: FlowIssue = {
            code: FLOW_CODES.cycle,
            path: `${at}/input${pointer}`,
            message: `${where(pointer)}: ${shown} refers to step "${second}", which runs later (steps run in file order); move "${second}" before "${step.id}" or remove the reference`,
          };
          issues.push(entry);
          forward.push({ step: step.id, target: second, issue: entry });
        }
        return;
      }
      issue(FLOW_CODES.templateUnresolved, `starts with unknown name "${String(root)}"; a template starts with inputs or steps (e.g. {{ inputs.email }}, {{ steps.create.output.id }})`);
    };

    forEachTemplate(
      step.input,
      (text, pointer) => {
        try {
          for (const part of parseTemplate(text)?.parts ?? []) if (typeof part !== 'string') checkRef(part, pointer);
        } catch (err) {
          if (!(err instanceof TemplateSyntaxError)) throw err;
          issues.push({ code: FLOW_CODES.templateInvalid, path: `${at}/input${pointer}`, message: `${where(pointer)}: ${err.message}` });
        }
      },
      (key, pointer) => {
        issues.push({ code: FLOW_CODES.templateInvalid, path: `${at}/input${pointer}`, message: `${where(pointer)}: the key "${key}" holds a template, but templates are expanded in values only; use a fixed key` });
      },
    );

    const connection = step.connection ?? options.connection ?? definition.connection;
    steps.push({ index, id: step.id, action: step.action, ...(connection !== undefined ? { connection } : {}), dependsOn: [...dependsOn], inputsUsed: [...inputsUsed] });
  });

  // A forward reference whose target leads back to the referring step is a cycle: say so plainly.
  for (const { step, target, issue } of forward) {
    const back = referencePath(target, step, refs);
    if (back) issue.message += ` (this is a cycle: ${[step, ...back].join(' → ')})`;
  }

  if (issues.length) throw flowProblems(flow.file ?? 'flow', issues);
  return {
    ...(definition.name !== undefined ? { name: definition.name } : {}),
    ...(flow.file !== undefined ? { file: flow.file } : {}),
    hash: flow.hash,
    inputs,
    steps,
  };
}
