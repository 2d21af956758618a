/**
 * The stop of one action run, reachable from the signal the run hands its handler: a hook added here is called
 * once, when the run times out or is cancelled. It does what an 'abort' listener on the signal would, without
 * adding and removing an EventTarget listener on a fresh AbortSignal per request, which costs more than the rest
 * of a request's way through a client (the connector's transport uses it for every request of a run).
 */

/** Something a run stops directly, right after its signal aborts. */
export interface StopHook {
  stopped(): void;
}

export interface RunStop {
  /** True once the run's signal has aborted. */
  readonly aborted: boolean;
  add(hook: StopHook): void;
  remove(hook: StopHook): void;
}

const stops = new WeakMap<AbortSignal, RunStop>();

/** Called by the executor when it hands `signal` to a handler. */
export function listRunStop(signal: AbortSignal, stop: RunStop): void {
  stops.set(signal, stop);
}

/** The stop of the run that handed `signal` to its handler, while that signal has not aborted; undefined for any other signal. */
export function runStopOf(signal: AbortSignal): RunStop | undefined {
  const stop = stops.get(signal);
  return stop && !stop.aborted ? stop : undefined;
}
