import { buildProgram, processIO } from '../../cli/main';
import { cli } from '../support/cli-io';

const EVERY_COMMAND = ['actions', 'describe', 'run', 'flow', 'connect', 'connections', 'disconnect', 'sandbox', 'form', 'modules', 'fields', 'completion', 'doctor', 'playground'];

const names = (argv?: string[]) => buildProgram(processIO(), argv).program.commands.map((c) => c.name());

describe('zcrm loads only the command it runs', () => {
  test('a named command loads its own file only', () => {
    expect(names(['actions'])).toEqual(['actions', 'describe']);
    expect(names(['--manifest', 'x.json', '-v', 'run', 'get-record'])).toEqual(['run']);
    expect(names(['modules', '--help'])).toEqual(['form', 'modules', 'fields']);
  });

  test('help, completion, no command and unknown words load every command', () => {
    for (const argv of [[], ['--help'], ['-h', 'run'], ['help', 'run'], ['completion', 'bash'], ['actons']]) {
      expect(names(argv)).toEqual(expect.arrayContaining(EVERY_COMMAND));
    }
    expect(names()).toEqual(expect.arrayContaining(EVERY_COMMAND));
  });

  test('global help still lists every command', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    for (const name of EVERY_COMMAND) expect(run.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
  });

  test('a misspelt command is still a usage error with a suggestion', async () => {
    const run = await cli(['actons']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown command 'actons'/);
    expect(run.stderr).toMatch(/Did you mean actions\?/);
  });

  test('a command registered by a file of another name runs', async () => {
    const run = await cli(['fields', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: zcrm fields/);
  });
});
