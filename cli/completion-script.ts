/**
 * Shell completion scripts for bash, zsh and fish, generated from the commander program itself (commands,
 * options, option choices) and the manifest's action ids, so they never drift from the CLI. A command's first
 * argument completes to action ids when it is named `<action>`, to files when named `<file>`, and to its
 * declared choices otherwise.
 */
import type { Command } from 'commander';

export type Shell = 'bash' | 'zsh' | 'fish';
export const SHELLS: readonly Shell[] = ['bash', 'zsh', 'fish'];

export interface CompletionOption {
  /** `--input`, `-i` */
  flags: string[];
  description: string;
  takesValue: boolean;
  choices?: string[];
}

export interface CompletionWord {
  name: string;
  description?: string;
}

export type CompletionArgument = { kind: 'words'; words: CompletionWord[] } | { kind: 'file' };

/** One command, by its path from the root: `zcrm`, `zcrm flow`, `zcrm flow run`. */
export interface CompletionNode {
  path: string;
  subcommands: { name: string; description: string }[];
  options: CompletionOption[];
  argument?: CompletionArgument;
}

function optionOf(option: Command['options'][number]): CompletionOption {
  const flags = [option.long, option.short].filter((f): f is string => typeof f === 'string');
  return {
    flags,
    description: option.description,
    // An optional value (`--sandbox [url]`) is left to the user: the next word may just as well be an argument.
    takesValue: option.required,
    ...(option.argChoices ? { choices: [...option.argChoices] } : {}),
  };
}

function argumentOf(command: Command, actions: readonly CompletionWord[]): CompletionArgument | undefined {
  const first = command.registeredArguments[0];
  if (!first) return undefined;
  if (first.argChoices) return { kind: 'words', words: first.argChoices.map((name) => ({ name })) };
  if (first.name() === 'action') return { kind: 'words', words: [...actions] };
  if (first.name() === 'file') return { kind: 'file' };
  return undefined;
}

const HELP: CompletionOption = { flags: ['--help', '-h'], description: 'show help', takesValue: false };

/**
 * Every command of `program` as completion data; global options (all but --version) apply everywhere.
 * `actions` are the manifest's actions (id as name, title as description).
 */
export function commandTree(program: Command, actions: readonly CompletionWord[]): CompletionNode[] {
  const globals = program.options.map(optionOf).filter((o) => !o.flags.includes('--version'));
  const nodes: CompletionNode[] = [];
  const visit = (command: Command, path: string, root: boolean) => {
    const subcommands = command.commands.map((c) => ({ name: c.name(), description: c.description() }));
    const argument = argumentOf(command, actions);
    if (root) subcommands.push({ name: 'help', description: 'show help for a command' });
    const options = root ? [...program.options.map(optionOf), HELP] : [...command.options.map(optionOf), ...globals, HELP];
    nodes.push({ path, subcommands, options, ...(argument ? { argument } : {}) });
    for (const sub of command.commands) visit(sub, `${path} ${sub.name()}`, false);
  };
  visit(program, program.name(), true);
  // `zcrm help <command>` completes to the top-level commands.
  const top = nodes[0]!.subcommands.filter((s) => s.name !== 'help');
  nodes.push({ path: `${program.name()} help`, subcommands: [], options: [], argument: { kind: 'words', words: top } });
  return nodes;
}

/** A single-quoted word for sh, bash and zsh. */
function sq(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A single-quoted word for fish (which escapes inside quotes with backslashes). */
function fq(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The lookup functions bash and zsh share: plain `case` statements that both shells read the same way. */
function lookupFunctions(nodes: CompletionNode[], name: string): string {
  const table = (fn: string, rows: [string, string][]) =>
    [`${name}_${fn}() {`, '  case "$1" in', ...rows.filter(([, v]) => v !== '').map(([k, v]) => `    ${k}) printf '%s\\n' ${sq(v)} ;;`), '  esac', '}'].join('\n');
  const choiceRows: [string, string][] = [];
  for (const node of nodes) {
    for (const option of node.options) {
      if (option.choices) choiceRows.push([option.flags.map((f) => sq(`${node.path}|${f}`)).join('|'), option.choices.join(' ')]);
    }
  }
  return [
    table('subcommands', nodes.map((n) => [sq(n.path), n.subcommands.map((s) => s.name).join(' ')])),
    table('options', nodes.map((n) => [sq(n.path), n.options.flatMap((o) => o.flags).join(' ')])),
    table('valued', nodes.map((n) => [sq(n.path), n.options.filter((o) => o.takesValue).flatMap((o) => o.flags).join(' ')])),
    table('choices', choiceRows),
    table('argument', nodes.map((n) => [sq(n.path), n.argument ? (n.argument.kind === 'file' ? 'file' : `words:${n.argument.words.map((w) => w.name).join(' ')}`) : ''])),
  ].join('\n\n');
}

/**
 * The loop both shells run over the words before the cursor: which command the line is in, and how many
 * arguments it already has (options and their values skipped).
 */
function walkWords(name: string, root: string, first: number, words: string, end: string): string {
  return `  local cmd=${sq(root)} word i skip=0 positional=0
  for ((i = ${first}; i < ${end}; i++)); do
    word="\${${words}[i]}"
    if ((skip)); then skip=0; continue; fi
    case "$word" in
      --*=*) continue ;;
      -*) [[ " $(${name}_valued "$cmd") " == *" $word "* ]] && skip=1; continue ;;
    esac
    if [[ " $(${name}_subcommands "$cmd") " == *" $word "* ]]; then cmd="$cmd $word"; positional=0; else positional=$((positional + 1)); fi
  done`;
}

export function bashScript(nodes: CompletionNode[], program: string): string {
  const name = `_${program.replace(/\W/g, '_')}`;
  return `# bash completion for ${program}, generated by \`${program} completion bash\`.
# Load it now with:  source <(${program} completion bash)
# or for good:       ${program} completion bash > ~/.local/share/bash-completion/completions/${program}

${lookupFunctions(nodes, name)}

${name}_files() {
  compopt -o filenames 2>/dev/null
  if [[ "$1" == @* ]]; then
    local f
    COMPREPLY=()
    while IFS= read -r f; do COMPREPLY+=("@$f"); done < <(compgen -f -- "\${1#@}")
  else
    COMPREPLY=($(compgen -f -- "$1"))
  fi
}

${name}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev=""
  ((COMP_CWORD > 0)) && prev="\${COMP_WORDS[COMP_CWORD-1]}"
${walkWords(name, program, 1, 'COMP_WORDS', 'COMP_CWORD')}
  if [[ "$prev" == -* && " $(${name}_valued "$cmd") " == *" $prev "* ]]; then
    local choices
    choices="$(${name}_choices "$cmd|$prev")"
    if [[ -n "$choices" ]]; then COMPREPLY=($(compgen -W "$choices" -- "$cur")); else ${name}_files "$cur"; fi
    return 0
  fi
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$(${name}_options "$cmd")" -- "$cur"))
    return 0
  fi
  local candidates argument
  candidates="$(${name}_subcommands "$cmd")"
  if ((positional == 0)); then
    argument="$(${name}_argument "$cmd")"
    case "$argument" in
      file) ${name}_files "$cur"; return 0 ;;
      words:*) candidates="$candidates \${argument#words:}" ;;
    esac
  fi
  COMPREPLY=($(compgen -W "$candidates" -- "$cur"))
}

complete -F ${name} ${program}
`;
}

export function zshScript(nodes: CompletionNode[], program: string): string {
  const name = `_${program.replace(/\W/g, '_')}`;
  const described = (fn: string, rows: [string, CompletionWord[]][]) =>
    [
      `${name}_${fn}() {`,
      '  case "$1" in',
      ...rows
        .filter(([, words]) => words.length > 0)
        .map(([path, words]) => `    ${sq(path)}) printf '%s\\n' ${words.map((w) => sq(w.description ? `${w.name}:${oneLine(w.description).replace(/:/g, '\\:')}` : w.name)).join(' ')} ;;`),
      '  esac',
      '}',
    ].join('\n');
  const descriptions = [
    described('described', nodes.map((n) => [n.path, n.subcommands])),
    described('argument_described', nodes.map((n) => [n.path, n.argument?.kind === 'words' ? n.argument.words : []])),
  ].join('\n\n');
  return `#compdef ${program}
# zsh completion for ${program}, generated by \`${program} completion zsh\`.
# Load it now with:  source <(${program} completion zsh)      (after compinit)
# or for good:       ${program} completion zsh > "\${fpath[1]}/_${program}"

${lookupFunctions(nodes, name)}

${descriptions}

${name}() {
  local cur="\${words[CURRENT]}" prev="\${words[CURRENT-1]}"
${walkWords(name, program, 2, 'words', 'CURRENT')}
  if [[ "$prev" == -* && " $(${name}_valued "$cmd") " == *" $prev "* ]]; then
    local choices
    choices="$(${name}_choices "$cmd|$prev")"
    if [[ -n "$choices" ]]; then compadd -- \${=choices}; else _files; fi
    return
  fi
  if [[ "$cur" == -* ]]; then
    compadd -- \${=$(${name}_options "$cmd")}
    return
  fi
  if ((positional == 0)); then
    [[ "$(${name}_argument "$cmd")" == file ]] && { _files; return; }
    local -a args
    args=(\${(f)"$(${name}_argument_described "$cmd")"})
    (( \${#args} )) && _describe -t arguments 'argument' args
  fi
  local -a subs
  subs=(\${(f)"$(${name}_described "$cmd")"})
  (( \${#subs} )) && _describe -t commands '${program} command' subs
  return 0
}

if [[ "\${funcstack[1]}" == "${name}" ]]; then
  ${name} "$@"
else
  compdef ${name} ${program}
fi
`;
}

export function fishScript(nodes: CompletionNode[], program: string): string {
  const fn = `__${program.replace(/\W/g, '_')}`;
  const table = (suffix: string, rows: [string, string][]) =>
    [`function ${fn}_${suffix}`, '    switch $argv[1]', ...rows.filter(([, v]) => v !== '').flatMap(([k, v]) => [`        case ${fq(k)}`, `            printf '%s\\n' ${v.split(' ').map(fq).join(' ')}`]), '    end', 'end'].join('\n');
  const lines: string[] = [];
  for (const node of nodes) {
    const when = `${fn}_in ${fq(node.path)}`;
    for (const sub of node.subcommands) lines.push(`complete -c ${program} -n ${fq(when)} -a ${fq(sub.name)} -d ${fq(oneLine(sub.description))}`);
    for (const option of node.options) {
      const flags = option.flags.map((f) => (f.startsWith('--') ? `-l ${f.slice(2)}` : `-s ${f.slice(1)}`)).join(' ');
      const value = option.choices ? ` -x -a ${fq(option.choices.join(' '))}` : option.takesValue ? ' -r -F' : '';
      lines.push(`complete -c ${program} -n ${fq(when)} ${flags}${value} -d ${fq(oneLine(option.description))}`);
    }
    const first = `${fn}_first_argument ${fq(node.path)}`;
    if (node.argument?.kind === 'file') lines.push(`complete -c ${program} -n ${fq(first)} -F`);
    else if (node.argument) {
      for (const word of node.argument.words) lines.push(`complete -c ${program} -n ${fq(first)} -a ${fq(word.name)}${word.description ? ` -d ${fq(oneLine(word.description))}` : ''}`);
    }
  }
  return `# fish completion for ${program}, generated by \`${program} completion fish\`.
# Load it now with:  ${program} completion fish | source
# or for good:       ${program} completion fish > ~/.config/fish/completions/${program}.fish

${table('subcommands', nodes.map((n) => [n.path, n.subcommands.map((s) => s.name).join(' ')]))}

${table('valued', nodes.map((n) => [n.path, n.options.filter((o) => o.takesValue).flatMap((o) => o.flags).join(' ')]))}

# Prints the command the line is in, then how many arguments it already has.
function ${fn}_state
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l cmd ${fq(nodes[0]?.path ?? program)}
    set -l positional 0
    set -l skip 0
    for word in $tokens
        if test $skip -eq 1
            set skip 0
            continue
        end
        switch $word
            case '--*=*'
                continue
            case '-*'
                if contains -- $word (${fn}_valued $cmd)
                    set skip 1
                end
                continue
        end
        if contains -- $word (${fn}_subcommands $cmd)
            set cmd "$cmd $word"
            set positional 0
        else
            set positional (math $positional + 1)
        end
    end
    echo $cmd
    echo $positional
end

function ${fn}_in
    set -l state (${fn}_state)
    test "$state[1]" = "$argv[1]"
end

function ${fn}_first_argument
    set -l state (${fn}_state)
    test "$state[1]" = "$argv[1]"; and test "$state[2]" = 0
end

complete -c ${program} -f
${lines.join('\n')}
`;
}

export function completionScript(shell: Shell, nodes: CompletionNode[], program: string): string {
  if (shell === 'bash') return bashScript(nodes, program);
  if (shell === 'zsh') return zshScript(nodes, program);
  return fishScript(nodes, program);
}
