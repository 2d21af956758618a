/** Reads a JSON value given on the command line as text, as @file, or on standard input. */
import { fstatSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { InputError } from '../runtime/errors';
import { parseJson } from '../runtime/json-text';

async function readStream(stream: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text;
}

function parse(text: string, source: string): unknown {
  const parsed = parseJson(text);
  if (parsed.ok) return parsed.value;
  const { line, column, message } = parsed.problem;
  throw new InputError('INPUT_NOT_JSON', `The input from ${source} is not valid JSON at line ${line}, column ${column}: ${message}.`, `Pass a JSON object, for example --input '{"module":"Leads"}', or --input @file.json.`);
}

/**
 * Whether standard input carries data to read: a pipe (a FIFO from a shell, a socket from another program) or a
 * non-empty redirected file. A terminal or /dev/null means "no input".
 */
function stdinIsPiped(stdin: Readable & { isTTY?: boolean }): boolean {
  if (stdin.isTTY) return false;
  if (stdin !== process.stdin) return stdin.isTTY === false; // an injected stream says so itself
  try {
    const stat = fstatSync(0);
    return stat.isFIFO() || stat.isSocket() || (stat.isFile() && stat.size > 0);
  } catch {
    return false;
  }
}

/**
 * @param value the --input option: JSON text, `@path`, `-` for stdin, or undefined (stdin when it is piped,
 *   otherwise `{}`)
 */
export async function readJsonInput(value: string | undefined, io: { stdin: Readable & { isTTY?: boolean }; cwd: string }): Promise<unknown> {
  if (value === undefined) {
    if (!stdinIsPiped(io.stdin)) return {};
    const text = await readStream(io.stdin);
    return text.trim() === '' ? {} : parse(text, 'standard input');
  }
  if (value === '-') return parse(await readStream(io.stdin), 'standard input');
  if (value.startsWith('@')) {
    const file = resolve(io.cwd, value.slice(1));
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw new InputError('INPUT_FILE_UNREADABLE', `Cannot read the input file ${value.slice(1)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`, 'Check the path (it is relative to the current folder).');
    }
    return parse(text, value.slice(1));
  }
  return parse(value, '--input');
}
