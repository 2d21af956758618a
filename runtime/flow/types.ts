/** The shapes of the flow runner: a flow file, its plan, the run journal's events, and a run's result. */
import type { ErrorInfo } from '../errors';
import type { Executor } from '../types';

/** One declared flow input. An input without a default is required. */
export interface FlowInputSpec {
  description?: string;
  default?: unknown;
}

export interface FlowStep {
  /** Unique within the flow; `steps.<id>.output` reaches its output from later steps. */
  id: string;
  /** The action id the executor runs. */
  action: string;
  description?: string;
  /** Overrides the flow's default connection for this step. */
  connection?: string;
  /** The action's input; string values may hold `{{ inputs.x }}` / `{{ steps.<id>.output.path }}` templates. */
  input?: unknown;
}

/** A flow file as written (JSON or YAML), after it passed schemas/flow.schema.json. */
export interface FlowDefinition {
  name?: string;
  description?: string;
  /** Default connection nickname of every step. */
  connection?: string;
  inputs?: Record<string, FlowInputSpec>;
  steps: FlowStep[];
}

/** A flow ready to validate and run. */
export interface LoadedFlow {
  definition: FlowDefinition;
  /** Absolute path of the file it came from, when it came from one. */
  file?: string;
  /** sha256 of the definition's canonical JSON: formatting and comments do not change it, content does. */
  hash: string;
}

/** What dry validation found runnable: the order, the actions, the connections and who depends on whom. */
export interface FlowPlan {
  name?: string;
  file?: string;
  hash: string;
  /** The flow inputs the run will use: given values over declared defaults. */
  inputs: Record<string, unknown>;
  steps: PlannedStep[];
}

export interface PlannedStep {
  index: number;
  id: string;
  action: string;
  connection?: string;
  /** Earlier steps whose outputs its input uses. */
  dependsOn: string[];
  /** Flow inputs its input uses. */
  inputsUsed: string[];
}

export interface StepRef {
  id: string;
  action: string;
}

/** One line of a run journal (`<dataDir>/runs/<runId>.jsonl`). */
export type JournalEvent = RunStartEvent | RunResumeEvent | StepStartEvent | StepEndEvent | RunEndEvent;

export interface RunStartEvent {
  type: 'run-start';
  v: 1;
  runId: string;
  at: string;
  flow: { name?: string; file?: string; hash: string };
  inputs: Record<string, unknown>;
  /** The caller's default connection override, reused on resume. */
  connection?: string;
  steps: StepRef[];
  pid: number;
}

export interface RunResumeEvent {
  type: 'run-resume';
  at: string;
  flowHash: string;
  force: boolean;
  rerun: string[];
  assumeDone: string[];
  steps: StepRef[];
  pid: number;
}

export interface StepStartEvent {
  type: 'step-start';
  at: string;
  step: string;
  index: number;
  action: string;
  connection?: string;
  /** The input after template resolution: exactly what the executor received. */
  input: unknown;
}

export type StepEndEvent = {
  type: 'step-end';
  at: string;
  step: string;
  index: number;
  action: string;
  durationMs: number;
} & (
  | { ok: true; output: unknown; /** Set when the user declared the step done (`assumeDone`) instead of running it. */ assumed?: true }
  | { ok: false; error: ErrorInfo }
);

export type RunStatus = 'succeeded' | 'failed' | 'cancelled';

export interface RunEndEvent {
  type: 'run-end';
  at: string;
  status: RunStatus;
  durationMs: number;
  error?: RunError;
}

/** Sent to `onEvent` (never journaled) for a step whose output a resume reuses from the journal. */
export interface StepReusedEvent {
  type: 'step-reused';
  step: string;
  index: number;
  action: string;
  output: unknown;
}

export type FlowEvent = JournalEvent | StepReusedEvent;

/** The error a run ended with, and the step it came from. */
export type RunError = ErrorInfo & { step?: string };

export interface RunOptions {
  executor: Executor;
  /** Default connection for steps that name none; the flow's own `connection` is the fallback. */
  connection?: string;
  /** Where journals live (default `<dataDir>/runs`). */
  journalDir?: string;
  signal?: AbortSignal;
  /** Progress callback; called after each event is durable. Errors it throws are ignored. */
  onEvent?: (event: FlowEvent) => void;
  /** Whether running the action twice with one input is the same as once. Default: never (the safe answer). */
  isIdempotent?: (actionId: string) => boolean;
}

export interface ResumeOptions {
  runId: string;
  /** Continue even though the flow's content changed since the run started (steps are matched by id). */
  force?: boolean;
  /** Steps interrupted mid-way (or with an unknown outcome) to run again even though not idempotent. */
  rerun?: string[];
  /** Steps interrupted mid-way that the user checked did take effect, with the output later steps should see. */
  assumeDone?: Record<string, unknown>;
}

export interface RunFlowOptions extends RunOptions {
  inputs?: Record<string, unknown>;
  /** Id of a new run (default: time-sortable, e.g. 20261124T130501Z-k3x9qa). */
  runId?: string;
  /** Continue an earlier run instead of starting one (same as resumeFlow; `inputs` then follow its rules). */
  resume?: ResumeOptions;
}

export type ResumeFlowOptions = RunOptions &
  ResumeOptions & {
    /**
     * A resumed run keeps the inputs it started with: values given here must equal them (RESUME_INPUTS_CHANGED
     * otherwise); names it did not have are added (for a forced resume of a flow that declares new inputs).
     */
    inputs?: Record<string, unknown>;
  };

export type StepStatus = 'succeeded' | 'failed' | 'outcome-unknown' | 'interrupted' | 'running' | 'not-run';

export interface StepResult {
  id: string;
  action: string;
  status: StepStatus;
  output?: unknown;
  error?: ErrorInfo;
  durationMs?: number;
  /** Output recorded by an earlier attempt of this run and reused without running the step. */
  reused?: true;
  /** Output given by the user (assumeDone) instead of running the step. */
  assumed?: true;
}

export interface RunResult {
  runId: string;
  status: RunStatus;
  ok: boolean;
  /** Path of the journal file. */
  journal: string;
  flow: { name?: string; file?: string };
  /** True when this call continued an earlier run. */
  resumed: boolean;
  steps: StepResult[];
  error?: RunError;
  durationMs: number;
}

/** What a journal says about one step, across every attempt of the run. */
export interface StepRecord extends StepResult {
  index: number;
  /** The resolved input of its last start. */
  input?: unknown;
  /** How many times it was started. */
  starts: number;
}

/** A run as its journal tells it (`zcrm flow show`). */
export interface RunRecord {
  runId: string;
  journal: string;
  flow: { name?: string; file?: string; hash: string };
  inputs: Record<string, unknown>;
  connection?: string;
  /** `running`: a live process holds the run; `interrupted`: no run-end after the last start (killed). */
  status: RunStatus | 'running' | 'interrupted';
  startedAt: string;
  endedAt?: string;
  /** 1 + the number of resumes. */
  attempts: number;
  steps: StepRecord[];
  error?: RunError;
  /** The journal's last line was torn (a kill while writing it) and was ignored. */
  tornTail: boolean;
  events: JournalEvent[];
}

/** One line of `zcrm flow runs`. */
export interface RunSummary {
  runId: string;
  flowName?: string;
  file?: string;
  /** `unreadable`: the journal is damaged or empty (`problem` says how). */
  status: RunRecord['status'] | 'unreadable';
  startedAt: string;
  endedAt?: string;
  steps: { total: number; succeeded: number };
  problem?: string;
}
