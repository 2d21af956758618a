import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli-io';

const ACTION_IDS = (require('../../manifest.json') as { actions: { id: string }[] }).actions.map((a) => a.id);

function has(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0']).status === 0;
}

/** Sources the script in `shell` and runs `body` there; returns stdout. */
function inShell(shell: string, script: string, body: string): string {
  return execFileSync(shell, ['-c', `${script}\n${body}`], { encoding: 'utf8', timeout: 10_000 });
}

describe('zcrm completion', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zcrm-completion-'));
  const scripts: Record<string, string> = {};

  beforeAll(async () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const run = await cli(['completion', shell]);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      scripts[shell] = join(dir, `zcrm.${shell}`);
      writeFileSync(scripts[shell]!, run.stdout);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('an unknown shell is a usage error listing the ones there are', async () => {
    const run = await cli(['completion', 'powershell']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Allowed choices are bash, zsh, fish/);
  });

  const bash = has('bash') ? describe : describe.skip;
  bash('bash', () => {
    /** The words bash would offer with the cursor at the end of `words` (the last one may be ''). */
    const complete = (...words: string[]) =>
      inShell('bash', `source ${scripts.bash}`, `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _zcrm; printf '%s\\n' "\${COMPREPLY[@]}"`)
        .split('\n')
        .filter(Boolean);

    test('commands, subcommands and options', () => {
      expect(complete('zcrm', 'ru')).toEqual(['run']);
      expect(complete('zcrm', 'do')).toEqual(['doctor']);
      expect(complete('zcrm', 'flow', '')).toEqual(['run', 'runs', 'show']);
      expect(complete('zcrm', 'flow', 'run', '--re')).toEqual(['--resume', '--rerun']);
      expect(complete('zcrm', 'run', '--d')).toEqual(['--dry-run']);
      expect(complete('zcrm', '--manifest', 'm.json', 'desc')).toEqual(['describe']);
    });

    test('action ids from the manifest where a command takes an action, once', () => {
      expect(complete('zcrm', 'run', '')).toEqual(ACTION_IDS);
      expect(complete('zcrm', 'describe', 'delete-n')).toEqual(['delete-note', 'delete-notes']);
      expect(complete('zcrm', 'run', 'get-record', '')).toEqual([]);
    });

    test('option values: choices, and files (also after @)', () => {
      expect(complete('zcrm', 'run', '--output', '')).toEqual(['table', 'json']);
      expect(complete('zcrm', 'completion', '')).toEqual(['bash', 'zsh', 'fish']);
      expect(complete('zcrm', 'run', '-i', `@${dir}/zcrm.ba`)).toEqual([`@${scripts.bash}`]);
      expect(complete('zcrm', 'flow', 'run', `${dir}/zcrm.fi`)).toEqual([scripts.fish]);
    });
  });

  const zsh = has('zsh') ? describe : describe.skip;
  zsh('zsh', () => {
    // compsys itself needs a terminal; its builtins are stood in for by functions that print what they get.
    const stubs = `compdef() { :; }
compadd() { [[ "$1" == "--" ]] && shift; print -r -- "compadd $*"; }
_describe() { print -r -- "describe \${(P)4}"; }
_files() { print -r -- files; }`;
    const complete = (...words: string[]) => inShell('zsh', `${stubs}\nsource ${scripts.zsh}`, `words=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}; _zcrm`).trim();

    test('the script parses', () => {
      expect(spawnSync('zsh', ['-n', scripts.zsh!]).status).toBe(0);
    });

    test('commands with descriptions, action ids with titles, option choices, files', () => {
      expect(complete('zcrm', '')).toContain('doctor:check Node, config folder permissions');
      expect(complete('zcrm', 'run', '')).toContain('create-record:Create a record');
      expect(complete('zcrm', 'run', '--output', '')).toBe('compadd table json');
      expect(complete('zcrm', 'flow', 'run', '')).toBe('files');
      expect(complete('zcrm', 'run', 'get-record', '')).toBe('');
    });
  });

  const fish = has('fish') ? describe : describe.skip;
  fish('fish', () => {
    const complete = (line: string) =>
      inShell('fish', `source ${scripts.fish}`, `complete -C '${line}'`)
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]);

    test('commands, options, choices and action ids', () => {
      expect(complete('zcrm doc')).toEqual(['doctor']);
      expect(complete('zcrm flow ')).toEqual(['run', 'runs', 'show']);
      expect(complete('zcrm run --output ').sort()).toEqual(['json', 'table']);
      expect(complete('zcrm run ').sort()).toEqual([...ACTION_IDS].sort());
      expect(complete('zcrm run get-record ')).toEqual([]);
      expect(complete('zcrm doctor --j')).toEqual(['--json']);
    });
  });
});
