/** `zcrm completion bash|zsh|fish` prints a script that completes commands, options and action ids. */
import { Argument, type Command } from 'commander';
import type { CliContext } from '../context';
import { SHELLS, type Shell } from '../completion-script';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('completion')
    .description('print a shell completion script (commands, options, action ids): source <(zcrm completion bash)')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS))
    .action(async (shell: Shell) => {
      const { commandTree, completionScript } = require('../completion-script') as typeof import('../completion-script');
      const host = await ctx.host();
      const actions = host.manifest.actions.map((a) => ({ name: a.id, description: a.title }));
      ctx.io.stdout.write(completionScript(shell, commandTree(program, actions), program.name()));
    });
}
