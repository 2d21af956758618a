/** How a failed command reads on stderr: the message, every validation issue with its path, and the hint. */
import { type HostError } from '../runtime/errors';
import { secrets } from '../runtime/secrets';

export function formatError(error: HostError, options: { verbose: boolean; original?: unknown }): string {
  const lines = [`error: ${error.message}`];
  const details = error.details as { issues?: { path: string; message: string }[] } | undefined;
  for (const issue of details?.issues ?? []) {
    // a single issue is often the whole message already; listing it again adds nothing
    if (!error.message.includes(issue.message)) lines.push(`  ${issue.path || '(input)'}: ${issue.message}`);
  }
  if (error.httpStatus !== undefined) lines.push(`  (HTTP ${error.httpStatus}, code ${error.code})`);
  if (error.hint) lines.push(`hint: ${error.hint}`);
  if (error.category === 'internal' && !options.verbose) lines.push('This looks like a bug; run again with --verbose for details.');
  if (options.verbose) {
    const stack = options.original instanceof Error ? options.original.stack : error.stack;
    if (stack) lines.push(stack);
  }
  return `${secrets.scrub(lines.join('\n'))}\n`;
}
