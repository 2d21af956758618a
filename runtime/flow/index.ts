/** The flow runner: load a flow file, validate it dry, run or resume it through any Executor, read its journals. */
export { FLOW_CODES, type FlowIssue } from './flow-errors';
export { FLOW_SCHEMA_FILE } from './flow-schema';
export { defaultJournalDir, journalPath, readJournal } from './journal';
export { flowFromDefinition, hashDefinition, loadFlowFile, parseFlowText } from './load-flow';
export { newRunId } from './run-id';
export { resumeFlow, runFlow } from './run-flow';
export { listRuns, readRun, type RunsOptions } from './runs';
export { parseTemplate, resolveTemplates } from './template';
export { validateFlow, type ValidateOptions } from './validate-flow';
export type * from './types';
