// Zoho search criteria for the sandbox's `/{module}/search`: parse the text, then test records against it.

export { parseCriteria, CRITERIA_LIMIT, IN_VALUES_LIMIT, MAX_CRITERIA_DEPTH } from './criteria-parse';
export type { Criteria, CriteriaCondition, CriteriaGroup, CriteriaOperator } from './criteria-parse';
export { matchesCriteria, validateCriteria } from './criteria-match';
