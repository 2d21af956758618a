import { rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManifestError } from '../../runtime/errors';
import { loadManifest } from '../../runtime/manifest-loader';
import { echoCopy } from '../support/broken-manifest';

function loadError(manifestPath: string): ManifestError {
  try {
    loadManifest(manifestPath);
  } catch (err) {
    expect(err).toBeInstanceOf(ManifestError);
    return err as ManifestError;
  }
  throw new Error('expected the manifest to fail loading');
}

describe('manifest loader', () => {
  const made: string[] = [];
  const copy = (edit?: (m: Record<string, any>) => void) => {
    const c = echoCopy(edit);
    made.push(c.dir);
    return c;
  };
  afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

  test('loads the Zoho manifest with all 17 actions and their schemas', () => {
    const { manifest, registry } = loadManifest(join(__dirname, '..', '..', 'manifest.json'));
    expect(manifest.actions.map((a) => a.id)).toEqual([
      'create-record', 'get-record', 'list-records', 'update-record', 'update-records', 'delete-record', 'delete-records',
      'clone-record', 'list-deleted-records', 'convert-lead', 'search-records', 'execute-coql', 'get-note', 'list-notes',
      'delete-note', 'delete-notes', 'custom-api-request',
    ]);
    for (const a of manifest.actions) expect(typeof registry.validator(a.input)).toBe('function');
  });

  test('invalid JSON names the file, the line and column', () => {
    const { manifestPath } = copy();
    writeFileSync(manifestPath, '{\n  "id": "echo",\n  "name": oops\n}');
    const err = loadError(manifestPath);
    expect(err.message).toMatch(/manifest\.json at line 3, column \d+: is not valid JSON/);
    expect(err.hint).toMatch(/syntax/);
  });

  test('a shape error names the JSON path and lists every issue', () => {
    const { manifestPath } = copy((m) => {
      delete m.actions[1].title;
      m.actions[2].idempotent = 'yes';
    });
    const err = loadError(manifestPath);
    expect(err.code).toBe('MANIFEST_INVALID');
    const issues = (err.details as { issues: { path: string; message: string }[] }).issues;
    expect(issues).toEqual(expect.arrayContaining([
      { path: '/actions/1/title', message: 'is required' },
      expect.objectContaining({ path: '/actions/2/idempotent', message: expect.stringMatching(/must be boolean/) }),
    ]));
  });

  test('a duplicate action id points at both places', () => {
    const { manifestPath } = copy((m) => {
      m.actions[3].id = 'echo';
    });
    const err = loadError(manifestPath);
    expect(err.message).toMatch(/at \/actions\/3\/id: duplicate action id "echo" \(also at \/actions\/0\/id\)/);
    expect(err.hint).toMatch(/unique/);
  });

  test('a missing handler file names the action path and the fix', () => {
    const { dir, manifestPath } = copy();
    unlinkSync(join(dir, 'actions', 'wait.js'));
    const err = loadError(manifestPath);
    expect(err.message).toMatch(/at \/actions\/2\/handler: handler module "actions\/wait" not found/);
    expect(err.hint).toMatch(/Create actions\/wait/);
  });

  test('a schema ref to a missing file fails at load', () => {
    const { manifestPath } = copy((m) => {
      m.actions[0].input = 'schemas/actions/nope.json';
    });
    const err = loadError(manifestPath);
    expect(err.message).toMatch(/at \/actions\/0\/input: .*schema file not found/);
  });

  test('a broken $ref inside a schema fails at load, naming the action', () => {
    const { dir, manifestPath } = copy();
    const file = join(dir, 'schemas', 'actions', 'wait.input.json');
    writeFileSync(file, JSON.stringify({ $id: 'https://echo.invalid/schemas/actions/wait.input.json', type: 'object', properties: { ms: { $ref: '../defs.json#/definitions/missing' } } }));
    const err = loadError(manifestPath);
    expect(err.message).toMatch(/at \/actions\/2\/input: .*does not compile/);
  });

  test('an unknown x- keyword is refused (ajv strict mode)', () => {
    const { dir, manifestPath } = copy();
    writeFileSync(join(dir, 'schemas', 'actions', 'wait.input.json'), JSON.stringify({ $id: 'https://echo.invalid/schemas/actions/wait.input.json', type: 'object', 'x-colour': 'red' }));
    const err = loadError(manifestPath);
    expect(err.message).toMatch(/x-colour/);
  });

  test('a missing client factory is reported at /connection/clientFactory', () => {
    const { dir, manifestPath } = copy();
    unlinkSync(join(dir, 'client.js'));
    expect(loadError(manifestPath).message).toMatch(/at \/connection\/clientFactory: module "client" not found/);
  });

  test('a missing manifest file says how to point at one', () => {
    const err = loadError('/nonexistent/manifest.json');
    expect(err.message).toMatch(/file not found/);
    expect(err.hint).toMatch(/--manifest/);
  });
});
