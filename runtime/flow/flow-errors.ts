/**
 * Error codes of flows and runs, and how a list of flow problems becomes one InputError: its code is the
 * problems' shared code (FLOW_INVALID when they differ) and `details.issues` lists each with its JSON path.
 */
import { InputError, type ValidationIssue } from '../errors';

export const FLOW_CODES = {
  /** The file is not a well-formed flow (syntax, schema, duplicate step ids). */
  invalid: 'FLOW_INVALID',
  fileNotFound: 'FLOW_FILE_NOT_FOUND',
  templateInvalid: 'FLOW_TEMPLATE_INVALID',
  /** A template points at nothing: unknown root, unknown step, undeclared input, missing path. */
  templateUnresolved: 'FLOW_TEMPLATE_UNRESOLVED',
  /** A step uses its own output or a later step's (steps run in file order). */
  cycle: 'FLOW_CYCLE',
  unknownAction: 'FLOW_UNKNOWN_ACTION',
  inputMissing: 'FLOW_INPUT_MISSING',
  inputUnknown: 'FLOW_INPUT_UNKNOWN',
  runNotFound: 'RUN_NOT_FOUND',
  runExists: 'RUN_EXISTS',
  runIdInvalid: 'RUN_ID_INVALID',
  runLocked: 'RUN_LOCKED',
  /** The flow's content changed since the run started. */
  flowChanged: 'FLOW_CHANGED',
  journalCorrupt: 'JOURNAL_CORRUPT',
  /** Inputs given to a resume differ from those the run started with. */
  resumeInputs: 'RESUME_INPUTS_CHANGED',
  /** A resume option names a step it cannot apply to. */
  resumeStep: 'RESUME_STEP_INVALID',
} as const;

/** One problem of a flow: `path` is a JSON pointer into the flow file (or "line L, column C" for syntax). */
export interface FlowIssue extends ValidationIssue {
  code: string;
}

const HINTS: Record<string, string> = {
  [FLOW_CODES.invalid]: 'Fix each problem at the path shown (see schemas/flow.schema.json for the format).',
  [FLOW_CODES.templateInvalid]: 'Write templates as {{ inputs.<name> }} or {{ steps.<id>.output.<path> }}; \\{{ writes a literal "{{".',
  [FLOW_CODES.templateUnresolved]: 'Point each template at a declared input or an earlier step\'s output.',
  [FLOW_CODES.cycle]: 'Steps run in file order and may use only earlier steps\' outputs: reorder the steps or remove the reference.',
  [FLOW_CODES.unknownAction]: 'Use one of the action ids the connector offers (`zcrm actions` lists them).',
  [FLOW_CODES.inputMissing]: 'Give each required input (CLI: --set <name>=<value> or --input \'{"<name>": ...}\'), or declare a default for it in the flow.',
  [FLOW_CODES.inputUnknown]: 'Give only the inputs the flow declares under `inputs`, or declare the new one there.',
};

/** One InputError for all the problems of a flow; nothing has run when it is thrown. */
export function flowProblems(source: string, issues: FlowIssue[]): InputError {
  const codes = [...new Set(issues.map((i) => i.code))];
  const code = codes.length === 1 ? codes[0]! : FLOW_CODES.invalid;
  const first = issues[0]!;
  const message =
    issues.length === 1
      ? `${source}${first.path ? ` at ${first.path}` : ''}: ${first.message}`
      : `${source} has ${issues.length} problems; nothing was run.`;
  const hint = HINTS[code] ?? HINTS[FLOW_CODES.invalid]!;
  return new InputError(code, message, hint, { file: source, issues });
}
