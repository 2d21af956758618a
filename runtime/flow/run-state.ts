/** Folds a run journal's events into what is known about the run and each of its steps. */
import type { JournalEvent, RunEndEvent, RunStartEvent, StepRecord, StepRef } from './types';

export interface FoldedRun {
  start: RunStartEvent;
  /** Steps in flow order (a forced resume of a changed flow may add some). */
  steps: StepRecord[];
  /** The run-end of the last attempt, when it wrote one. */
  end?: RunEndEvent;
  /** No run-end after the last start or resume: the process is still running or was killed. */
  open: boolean;
  attempts: number;
  lastAt: string;
}

export function foldRun(events: JournalEvent[]): FoldedRun | undefined {
  const start = events[0];
  if (start?.type !== 'run-start') return undefined;
  const steps = new Map<string, StepRecord>();
  const order: string[] = [];
  const declare = (refs: StepRef[]) => {
    refs.forEach((ref, index) => {
      if (!steps.has(ref.id)) {
        steps.set(ref.id, { id: ref.id, action: ref.action, index, status: 'not-run', starts: 0 });
        order.push(ref.id);
      }
    });
  };
  let end: RunEndEvent | undefined;
  let open = true;
  let attempts = 0;
  let lastAt = start.at;
  for (const event of events) {
    lastAt = 'at' in event ? event.at : lastAt;
    switch (event.type) {
      case 'run-start':
      case 'run-resume':
        attempts += 1;
        open = true;
        declare(event.steps);
        break;
      case 'step-start': {
        declare([{ id: event.step, action: event.action }]);
        const record = steps.get(event.step)!;
        Object.assign(record, { action: event.action, index: event.index, status: 'interrupted', input: event.input, starts: record.starts + 1 });
        delete record.output;
        delete record.error;
        delete record.durationMs;
        delete record.assumed;
        break;
      }
      case 'step-end': {
        declare([{ id: event.step, action: event.action }]);
        const record = steps.get(event.step)!;
        record.durationMs = event.durationMs;
        if (event.ok) {
          record.status = 'succeeded';
          record.output = event.output;
          delete record.error;
          if (event.assumed) record.assumed = true;
        } else {
          // A write that may or may not have happened is not a plain failure: it must not be re-run blindly.
          record.status = event.error.category === 'unknown_outcome' ? 'outcome-unknown' : 'failed';
          record.error = event.error;
          delete record.output;
        }
        break;
      }
      case 'run-end':
        end = event;
        open = false;
        break;
    }
  }
  return { start, steps: order.map((id) => steps.get(id)!), ...(end && !open ? { end } : {}), open, attempts, lastAt };
}
