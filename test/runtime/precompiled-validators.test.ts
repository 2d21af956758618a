import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManifestError } from '../../runtime/errors';
import * as loader from '../../runtime/manifest-loader';
import * as registry from '../../runtime/schema-registry';
import { ECHO_FIXTURE } from '../support/broken-manifest';

// The build step, run here on copies of the echo connector with the source runtime.
const { precompileValidators } = require('../../scripts/precompile-validators') as {
  precompileValidators(root: string, runtime: { registry: unknown; loader: unknown }): { count: number; folder: string };
};

const REPO = join(__dirname, '..', '..');
// Inside the repository (test-artifacts/ is git-ignored): the generated code requires ajv's runtime helpers from node_modules.
let artifacts: string | undefined;

function echoCopy(): { dir: string; manifestPath: string; file: (rel: string) => string } {
  if (!artifacts) {
    mkdirSync(join(REPO, 'test-artifacts'), { recursive: true });
    artifacts = mkdtempSync(join(REPO, 'test-artifacts', 'precompiled-'));
  }
  const dir = mkdtempSync(join(artifacts, 'echo-'));
  cpSync(ECHO_FIXTURE, dir, { recursive: true });
  return { dir, manifestPath: join(dir, 'manifest.json'), file: (rel) => join(dir, rel) };
}

function built(): ReturnType<typeof echoCopy> {
  const copy = echoCopy();
  precompileValidators(copy.dir, { registry, loader });
  return copy;
}

/** Runs source-tree code in a fresh Node process (TypeScript through tsx) and returns its stdout. */
function inChild(lines: string[]): string {
  return execFileSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', lines.join('\n')], { cwd: REPO, encoding: 'utf8' });
}

function editJson(path: string, edit: (value: Record<string, any>) => void): void {
  const value = JSON.parse(readFileSync(path, 'utf8')) as Record<string, any>;
  edit(value);
  writeFileSync(path, JSON.stringify(value, null, 2));
}

const ECHO_INPUTS: unknown[] = [
  { message: 'hi' },
  { message: 'hi', repeat: 3 },
  { message: '' },
  { repeat: 'twice', colour: 'red' },
  { message: 'x', repeat: 9, status: 42 },
  'not an object',
];

describe('precompiled validators', () => {
  afterAll(() => artifacts && rmSync(artifacts, { recursive: true, force: true }));

  test('the build writes one validator per schema, and a fresh build is used instead of compiling', () => {
    const { dir, manifestPath } = built();
    const index = JSON.parse(readFileSync(join(dir, registry.PRECOMPILED_DIR, registry.PRECOMPILED_INDEX), 'utf8')) as registry.PrecompiledIndex;
    expect(Object.keys(index.validators).sort()).toEqual(Object.keys(index.sources).sort());
    expect(index.validators['schemas/actions/echo.input.json']!.uses).toEqual(['schemas/actions/echo.input.json', 'schemas/defs.json']);
    expect(loader.loadManifest(manifestPath).registry.precompiled).toBe(true);
  });

  test('precompiled validators report the same issues and fill the same defaults as compiled ones', () => {
    const fresh = loader.loadManifest(built().manifestPath).registry;
    const compiled = loader.loadManifest(echoCopy().manifestPath).registry;
    expect(fresh.precompiled).toBe(true);
    expect(compiled.precompiled).toBe(false);
    for (const file of ['schemas/actions/echo.input.json', 'schemas/actions/echo.output.json', 'schemas/actions/wait.input.json']) {
      for (const input of ECHO_INPUTS) {
        const a = structuredClone(input);
        const b = structuredClone(input);
        expect(fresh.validate(file, a)).toEqual(compiled.validate(file, b));
        expect(a).toEqual(b);
      }
    }
    expect(fresh.validate('schemas/actions/echo.input.json', { repeat: 'twice', colour: 'red' })).toEqual(expect.arrayContaining([
      { path: '/colour', message: 'is not a known property (expected one of: message, repeat, status)' },
      { path: '/repeat', message: 'must be integer (got string "twice")' },
    ]));
  });

  test('a manifest unchanged since the build comes back exactly as the full check leaves it, defaults included', () => {
    const fresh = loader.loadManifest(built().manifestPath).manifest;
    const checked = loader.loadManifest(echoCopy().manifestPath).manifest;
    expect(fresh).toEqual(checked);
    expect(fresh.actions[0]!.connection).toBe(true);
  });

  test('a schema edited after the build is compiled again: stale code is never used', () => {
    const { manifestPath, file } = built();
    editJson(file('schemas/actions/echo.input.json'), (s) => {
      s.properties.repeat.default = 2;
    });
    const { registry: reg } = loader.loadManifest(manifestPath);
    expect(reg.precompiled).toBe(false);
    const input = { message: 'hi' };
    expect(reg.validate('schemas/actions/echo.input.json', input)).toEqual([]);
    expect(input).toEqual({ message: 'hi', repeat: 2, status: 200 });
  });

  test('a schema broken after the build still fails at load, as without precompiled code', () => {
    const { manifestPath, file } = built();
    editJson(file('schemas/actions/echo.output.json'), (s) => {
      s['x-colour'] = 'red';
    });
    expect(() => loader.loadManifest(manifestPath)).toThrow(ManifestError);
    expect(() => loader.loadManifest(manifestPath)).toThrow(/x-colour/);
  });

  test('a manifest edited after the build is checked again', () => {
    const { manifestPath } = built();
    editJson(manifestPath, (m) => {
      delete m.actions[1].title;
    });
    let error: unknown;
    try {
      loader.loadManifest(manifestPath);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as ManifestError).details).toEqual(expect.objectContaining({ issues: [{ path: '/actions/1/title', message: 'is required' }] }));
  });

  test('a handler removed after the build is still reported at load', () => {
    const { manifestPath, file } = built();
    rmSync(file('actions/wait.js'));
    // A fresh process: this one resolved the handler during the build, and module resolution is cached per process.
    const out = inChild([
      "const { loadManifest } = require('./runtime/manifest-loader');",
      `try { loadManifest(${JSON.stringify(manifestPath)}); console.log('loaded'); } catch (err) { console.log(err.message); }`,
    ]);
    expect(out).toMatch(/at \/actions\/2\/handler: handler module "actions\/wait" not found/);
  });

  test('code generated with other ajv options is ignored', () => {
    const { dir, manifestPath } = built();
    editJson(join(dir, registry.PRECOMPILED_DIR, registry.PRECOMPILED_INDEX), (index) => {
      index.toolchain = 'some other options';
    });
    expect(loader.loadManifest(manifestPath).registry.precompiled).toBe(false);
  });

  test('the build fails on a broken connector and leaves no precompiled code', () => {
    const copy = echoCopy();
    editJson(copy.manifestPath, (m) => {
      m.actions[0].handler = 'actions/missing';
    });
    expect(() => precompileValidators(copy.dir, { registry, loader })).toThrow(/handler module "actions\/missing" not found/);
    expect(existsSync(join(copy.dir, registry.PRECOMPILED_DIR))).toBe(false);
  });

  test('with fresh precompiled code, loading and validating never loads ajv\'s compiler', () => {
    const { manifestPath } = built();
    const script = [
      "const { loadManifest } = require('./runtime/manifest-loader');",
      `const { registry } = loadManifest(${JSON.stringify(manifestPath)});`,
      "const issues = registry.validate('schemas/actions/echo.input.json', { message: '' });",
      "const compiler = Object.keys(require.cache).filter((f) => /node_modules\\/ajv\\/dist\\/(ajv|core)\\.js$/.test(f));",
      'console.log(JSON.stringify({ precompiled: registry.precompiled, issues: issues.length, compiler }));',
    ].join('\n');
    expect(JSON.parse(inChild([script]))).toEqual({ precompiled: true, issues: 1, compiler: [] });
  });
});
