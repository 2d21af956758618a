// Dry validation: each bad-input case fails before any step runs, naming the step, the path and the fix.
import { InputError } from '../../runtime/errors';
import { flowFromDefinition, validateFlow, type FlowDefinition, type FlowInputSpec, type FlowStep } from '../../runtime/flow';
import { fakeExecutor } from '../support/flow-fake-executor';

const executor = fakeExecutor({ 'create-record': () => ({}), 'get-record': () => ({}), 'update-record': () => ({}) });

function flowOf(definition: Partial<FlowDefinition> & { steps: FlowDefinition['steps'] }) {
  return flowFromDefinition(definition, 'test.yaml');
}

function problems(definition: Parameters<typeof flowOf>[0], inputs: Record<string, unknown> = {}) {
  try {
    validateFlow(flowOf(definition), executor, inputs);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    const e = err as InputError;
    return { code: e.code, message: e.message, hint: e.hint, issues: (e.details as { issues: { code: string; path: string; message: string }[] }).issues };
  }
  throw new Error('expected validation to fail');
}

test('a good flow gives its plan: order, actions, connections, dependencies and resolved inputs', () => {
  const plan = validateFlow(
    flowOf({
      name: 'onboard',
      connection: 'main',
      inputs: { email: { default: 'a@b.c' }, lastName: {} },
      steps: [
        { id: 'create', action: 'create-record', input: { record: { Last_Name: '{{ inputs.lastName }}', Email: '{{ inputs.email }}' } } },
        { id: 'read', action: 'get-record', connection: 'other', input: { id: '{{ steps.create.output.id }}' } },
      ],
    }),
    executor,
    { lastName: 'Smith' },
    { connection: 'cli-choice' },
  );
  expect(plan).toEqual({
    name: 'onboard',
    file: 'test.yaml',
    hash: expect.stringMatching(/^sha256:/),
    inputs: { email: 'a@b.c', lastName: 'Smith' },
    steps: [
      { index: 0, id: 'create', action: 'create-record', connection: 'cli-choice', dependsOn: [], inputsUsed: ['lastName', 'email'] },
      { index: 1, id: 'read', action: 'get-record', connection: 'other', dependsOn: ['create'], inputsUsed: [] },
    ],
  });
});

test('without a caller default, steps use the flow connection', () => {
  const plan = validateFlow(flowOf({ connection: 'main', steps: [{ id: 'a', action: 'get-record' }] }), executor);
  expect(plan.steps[0]!.connection).toBe('main');
});

interface BadCase {
  name: string;
  steps: FlowStep[];
  inputs?: Record<string, FlowInputSpec>;
  code: string;
  path: string;
  message: RegExp;
}

test.each<BadCase>([
  {
    name: 'unknown template root',
    steps: [{ id: 'a', action: 'get-record', input: { id: '{{ step.a.output.id }}' } }],
    code: 'FLOW_TEMPLATE_UNRESOLVED',
    path: '/steps/0/input/id',
    message: /step "a", input \/id: \{\{ step\.a\.output\.id \}\} starts with unknown name "step"; a template starts with inputs or steps/,
  },
  {
    name: 'step that does not exist',
    steps: [
      { id: 'create', action: 'create-record' },
      { id: 'read', action: 'get-record', input: { id: '{{ steps.craete.output.id }}' } },
    ],
    code: 'FLOW_TEMPLATE_UNRESOLVED',
    path: '/steps/1/input/id',
    message: /step "read", input \/id: .* refers to step "craete", which does not exist \(did you mean "create"\?\); use one of the earlier steps: create/,
  },
  {
    name: 'step referring to itself',
    steps: [{ id: 'a', action: 'get-record', input: { id: '{{ steps.a.output.id }}' } }],
    code: 'FLOW_CYCLE',
    path: '/steps/0/input/id',
    message: /step "a", input \/id: .* refers to the step's own output/,
  },
  {
    name: 'forward reference',
    steps: [
      { id: 'a', action: 'get-record', input: { list: ['x', { id: 'pre-{{ steps.b.output.id }}' }] } },
      { id: 'b', action: 'create-record' },
    ],
    code: 'FLOW_CYCLE',
    path: '/steps/0/input/list/1/id',
    message: /refers to step "b", which runs later \(steps run in file order\); move "b" before "a"/,
  },
  {
    name: 'steps template without .output',
    steps: [
      { id: 'a', action: 'create-record' },
      { id: 'b', action: 'get-record', input: { id: '{{ steps.a.id }}' } },
    ],
    code: 'FLOW_TEMPLATE_INVALID',
    path: '/steps/1/input/id',
    message: /must have the form \{\{ steps\.<id>\.output \}\}/,
  },
  {
    name: 'template syntax error',
    steps: [{ id: 'a', action: 'get-record', input: { id: '{{ inputs.x' } }],
    code: 'FLOW_TEMPLATE_INVALID',
    path: '/steps/0/input/id',
    message: /no closing "\}\}"/,
  },
  {
    name: 'template in an object key',
    steps: [{ id: 'a', action: 'get-record', input: { '{{ inputs.k }}': 1 } }],
    code: 'FLOW_TEMPLATE_INVALID',
    path: '/steps/0/input/{{ inputs.k }}',
    message: /expanded in values only/,
  },
  {
    name: 'undeclared input',
    steps: [{ id: 'a', action: 'get-record', input: { id: '{{ inputs.emial }}' } }],
    inputs: { email: { default: 'x' } },
    code: 'FLOW_TEMPLATE_UNRESOLVED',
    path: '/steps/0/input/id',
    message: /uses input "emial", which the flow does not declare \(did you mean "email"\?\)/,
  },
  {
    name: 'path into an input value that does not exist',
    steps: [{ id: 'a', action: 'get-record', input: { id: '{{ inputs.user.mail }}' } }],
    inputs: { user: { default: { email: 'x' } } },
    code: 'FLOW_TEMPLATE_UNRESOLVED',
    path: '/steps/0/input/id',
    message: /points at nothing: inputs\.user has no property "mail" \(it has: email\)/,
  },
  {
    name: 'unknown action',
    steps: [{ id: 'a', action: 'get-recrod' }],
    code: 'FLOW_UNKNOWN_ACTION',
    path: '/steps/0/action',
    message: /step "a" uses unknown action "get-recrod" \(did you mean "get-record"\?\); valid actions: create-record, get-record, update-record/,
  },
  {
    name: 'missing required input',
    steps: [{ id: 'a', action: 'get-record', input: { id: '{{ inputs.id }}' } }],
    inputs: { id: { description: 'the record id' } },
    code: 'FLOW_INPUT_MISSING',
    path: '/inputs/id',
    message: /input "id" is required \(the record id\) but was not given/,
  },
])('$name fails before anything runs', ({ steps, inputs, code, path, message }) => {
  const calls = executor.calls.length;
  const found = problems({ steps, ...(inputs ? { inputs } : {}) });
  expect(found.code).toBe(code);
  expect(found.issues).toHaveLength(1);
  expect(found.issues[0]).toEqual({ code, path, message: expect.stringMatching(message) });
  expect(found.message).toBe(`test.yaml at ${path}: ${found.issues[0]!.message}`);
  expect(found.hint).toBeTruthy();
  expect(executor.calls.length).toBe(calls);
});

test('an input that the flow does not declare is refused', () => {
  const found = problems({ inputs: { email: { default: 'x' } }, steps: [{ id: 'a', action: 'get-record' }] }, { emali: 'y' });
  expect(found.code).toBe('FLOW_INPUT_UNKNOWN');
  expect(found.issues[0]!.message).toMatch(/input "emali" was given but the flow does not declare it \(did you mean "email"\?\)/);
});

test('a real cycle is named as one', () => {
  const found = problems({
    steps: [
      { id: 'a', action: 'get-record', input: { id: '{{ steps.b.output.id }}' } },
      { id: 'b', action: 'get-record', input: { id: '{{ steps.a.output.id }}' } },
    ],
  });
  expect(found.code).toBe('FLOW_CYCLE');
  expect(found.issues[0]!.message).toMatch(/this is a cycle: a → b → a/);
});

test('every problem is reported at once; mixed codes give FLOW_INVALID', () => {
  const found = problems({
    inputs: { need: {} },
    steps: [
      { id: 'a', action: 'nope', input: { x: '{{ inputs.other }}', y: '{{ steps.zzz.output }}' } },
      { id: 'b', action: 'get-record', input: { z: '{{ nothing }}' } },
    ],
  });
  expect(found.code).toBe('FLOW_INVALID');
  expect(found.message).toBe('test.yaml has 5 problems; nothing was run.');
  expect(found.issues.map((i) => [i.code, i.path])).toEqual([
    ['FLOW_INPUT_MISSING', '/inputs/need'],
    ['FLOW_UNKNOWN_ACTION', '/steps/0/action'],
    ['FLOW_TEMPLATE_UNRESOLVED', '/steps/0/input/x'],
    ['FLOW_TEMPLATE_UNRESOLVED', '/steps/0/input/y'],
    ['FLOW_TEMPLATE_UNRESOLVED', '/steps/1/input/z'],
  ]);
});

test('templates over step outputs are not resolved dry (outputs do not exist yet), only checked', () => {
  const plan = validateFlow(
    flowOf({ steps: [{ id: 'a', action: 'create-record' }, { id: 'b', action: 'get-record', input: { id: '{{ steps.a.output.data[0].anything }}' } }] }),
    executor,
  );
  expect(plan.steps[1]!.dependsOn).toEqual(['a']);
});
