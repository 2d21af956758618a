// Loading flow files: YAML and JSON, schema errors with their paths and the file name, duplicate ids, big numbers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../runtime/errors';
import { flowFromDefinition, loadFlowFile, parseFlowText } from '../../runtime/flow';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'flow-load-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function loadError(path: string): Promise<InputError> {
  try {
    await loadFlowFile(path);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('expected the load to fail');
}

const issuesOf = (err: InputError) => (err.details as { issues: { path: string; message: string; code: string }[] }).issues;

const YAML_FLOW = `
# comments are fine
name: onboard-lead
connection: my-zoho
inputs:
  email: { description: "lead email", default: "a@b.c" }
  lastName: {}
steps:
  - id: create
    action: create-record
    input:
      module: Leads
      record: { Last_Name: "{{ inputs.lastName }}", Email: "{{ inputs.email }}" }
  - id: read
    action: get-record
    input: { module: Leads, id: "{{ steps.create.output.id }}" }
`;

test('a YAML flow loads with its definition, absolute file path and a content hash', async () => {
  const flow = await loadFlowFile(write('onboard.yaml', YAML_FLOW));
  expect(flow.file).toBe(join(dir, 'onboard.yaml'));
  expect(flow.definition.name).toBe('onboard-lead');
  expect(flow.definition.steps.map((s) => s.id)).toEqual(['create', 'read']);
  expect(flow.definition.steps[1]!.input).toEqual({ module: 'Leads', id: '{{ steps.create.output.id }}' });
  expect(flow.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
});

test('the same flow as JSON has the same hash; formatting and comments do not change it, content does', async () => {
  const yaml = await loadFlowFile(write('a.yml', YAML_FLOW));
  const json = await loadFlowFile(write('a.json', JSON.stringify(yaml.definition, null, 2)));
  expect(json.definition).toEqual(yaml.definition);
  expect(json.hash).toBe(yaml.hash);
  const reformatted = await loadFlowFile(write('b.yaml', `${YAML_FLOW}\n# another comment\n`));
  expect(reformatted.hash).toBe(yaml.hash);
  const changed = await loadFlowFile(write('c.yaml', YAML_FLOW.replace('module: Leads,', 'module: Contacts,')));
  expect(changed.hash).not.toBe(yaml.hash);
});

test('a file without a known extension is read as JSON when it starts with {, otherwise as YAML', () => {
  expect(parseFlowText('{"steps":[{"id":"a","action":"x"}]}', 'flow.txt').definition.steps[0]!.id).toBe('a');
  expect(parseFlowText('steps:\n  - { id: a, action: x }\n', 'flow.txt').definition.steps[0]!.id).toBe('a');
});

test('a missing file says so', async () => {
  const err = await loadError(join(dir, 'nope.yaml'));
  expect(err.code).toBe('FLOW_FILE_NOT_FOUND');
  expect(err.message).toContain('nope.yaml');
});

test('invalid JSON names the file and the line and column', async () => {
  const err = await loadError(write('bad.json', '{\n  "steps": [\n    { "id": "a", }\n  ]\n}\n'));
  expect(err.code).toBe('FLOW_INVALID');
  expect(err.message).toContain('bad.json');
  expect(issuesOf(err)[0]!.path).toBe('line 3, column 18');
  expect(issuesOf(err)[0]!.message).toMatch(/not valid JSON/);
});

test('invalid YAML and duplicate YAML keys name the line', async () => {
  const bad = await loadError(write('bad.yaml', 'steps:\n  - id: a\n    action: [unclosed\n'));
  expect(bad.code).toBe('FLOW_INVALID');
  expect(issuesOf(bad)[0]!.path).toMatch(/^line \d+, column \d+$/);
  const dup = await loadError(write('dup.yaml', 'steps:\n  - id: a\n    id: b\n    action: x\n'));
  expect(issuesOf(dup)[0]!.message).toMatch(/not valid YAML: .*unique/i);
  expect(issuesOf(dup)[0]!.path).toMatch(/^line 3/);
});

test('every schema error is listed with its JSON path and the file name', async () => {
  const err = await loadError(
    write(
      'schema.yaml',
      `name: x
colour: red
steps:
  - id: Create
    action: create-record
  - id: read
  - id: ok
    action: get-record
    extra: 1
`,
    ),
  );
  expect(err.code).toBe('FLOW_INVALID');
  expect(err.message).toContain('schema.yaml has 4 problems');
  expect((err.details as { file: string }).file).toBe(join(dir, 'schema.yaml'));
  const byPath = Object.fromEntries(issuesOf(err).map((i) => [i.path, i.message]));
  expect(byPath['/colour']).toMatch(/not a known property/);
  expect(byPath['/steps/0/id']).toMatch(/must match .*lower-case letter/);
  expect(byPath['/steps/1/action']).toMatch(/is required/);
  expect(byPath['/steps/2/extra']).toMatch(/not a known property \(expected one of: id, action, description, connection, input\)/);
});

test('a flow needs at least one step, and input names must be usable in templates', () => {
  expect(() => flowFromDefinition({ steps: [] }, 'f.json')).toThrow(/f\.json at \/steps: must NOT have fewer than 1 items/);
  expect(() => flowFromDefinition({ inputs: { 'bad name': {} }, steps: [{ id: 'a', action: 'x' }] })).toThrow(/flow at \/inputs\/bad name: has an invalid format/);
});

test('duplicate step ids are refused with both places', () => {
  try {
    flowFromDefinition({ steps: [{ id: 'a', action: 'x' }, { id: 'b', action: 'x' }, { id: 'a', action: 'y' }] }, 'dup.json');
    throw new Error('expected a throw');
  } catch (err) {
    expect((err as InputError).code).toBe('FLOW_INVALID');
    expect((err as InputError).message).toBe('dup.json at /steps/2/id: step id "a" is already used by /steps/0; give each step its own id');
  }
});

test('integers too large for a JSON number are refused instead of silently changed (YAML by path, JSON by line)', async () => {
  const yaml = await loadError(write('big.yaml', 'steps:\n  - id: a\n    action: get-record\n    input: { id: 5725767000000419001, n: 12 }\n'));
  expect(issuesOf(yaml)).toEqual([{ code: 'FLOW_INVALID', path: '/steps/0/input/id', message: expect.stringContaining('quote it ("5725767000000419001")') }]);
  const json = await loadError(write('big.json', '{"steps":[{"id":"a","action":"get-record","input":{"id":5725767000000419001,"s":"5725767000000419001"}}]}'));
  expect(issuesOf(json)).toHaveLength(1);
  expect(issuesOf(json)[0]!.path).toMatch(/^line 1, column \d+/);
  const quoted = await loadFlowFile(write('quoted.yaml', 'steps:\n  - id: a\n    action: get-record\n    input: { id: "5725767000000419001", n: 12 }\n'));
  expect(quoted.definition.steps[0]!.input).toEqual({ id: '5725767000000419001', n: 12 });
});
