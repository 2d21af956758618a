/**
 * Progress bars on stderr for long actions (bulk writes in calls of 100, lists of many pages), fed by the
 * `{ done, total?, label? }` events handlers report. Drawn only when stderr is a terminal: piped, redirected
 * or TERM=dumb, nothing at all is written, so logs and `--json` output stay clean.
 */
import type { GenericFormatter, SingleBar } from 'cli-progress';
import type { ProgressEvent } from '../runtime/types';
import type { TtyWritable } from './context';

export interface ProgressBar {
  /** False when nothing will ever be drawn (stderr is not a terminal). */
  readonly enabled: boolean;
  /** Takes one event from the handler (pass it as ExecuteOptions.progress). */
  update(event: ProgressEvent): void;
  /** Takes the bar off the terminal; safe to call twice, or when no event came. */
  stop(): void;
}

const BAR_WIDTH = 24;

export function progressEnabled(stream: TtyWritable, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** One line: the title, a bar with percent and counts when the total is known, a running count otherwise. */
export function progressLine(title: string, event: ProgressEvent): string {
  const label = event.label ? ` · ${event.label}` : '';
  if (event.total === undefined || event.total <= 0) return `${title} ${event.done.toLocaleString('en-US')} done${label}`;
  const ratio = Math.min(1, Math.max(0, event.done / event.total));
  const filled = Math.round(ratio * BAR_WIDTH);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
  return `${title} ${bar} ${String(Math.floor(ratio * 100)).padStart(3)}% ${event.done.toLocaleString('en-US')}/${event.total.toLocaleString('en-US')}${label}`;
}

/**
 * A bar titled `title` on `stream`. It appears with the first event and is cleared by `stop()`, leaving the
 * terminal as it was, so lines written after it (results, a flow's step lines) start on a clean line.
 */
export function progressBar(stream: TtyWritable, title: string, env: NodeJS.ProcessEnv): ProgressBar {
  if (!progressEnabled(stream, env)) return { enabled: false, update: () => undefined, stop: () => undefined };
  let bar: SingleBar | undefined;
  let last: ProgressEvent = { done: 0 };
  // cli-progress draws from its own value and total; the line is ours, so it carries the latest event whole.
  const format: GenericFormatter = () => progressLine(title, last).slice(0, Math.max(10, (stream.columns ?? 80) - 1));
  return {
    enabled: true,
    update(event) {
      last = event;
      const total = event.total ?? 0;
      if (!bar) {
        const { SingleBar: Bar } = require('cli-progress') as typeof import('cli-progress');
        // No SIGINT handler of its own (it would stop Ctrl-C from ending the command), and the cursor stays visible.
        bar = new Bar({ stream, format, clearOnComplete: true, hideCursor: false, gracefulExit: false, linewrap: true, fps: 10 });
        bar.start(total, event.done);
        return;
      }
      if (bar.getTotal() !== total) bar.setTotal(total);
      bar.update(event.done);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
