// The errors Zoho's search API answers for a bad `criteria` parameter, with its codes, messages and details.

import { ZohoHttpError } from '../http-error';

/** Zoho's message for most criteria errors; the details say which field or value is at fault. */
const INVALID_QUERY_FORMED = 'Invalid query formed';

/**
 * The criteria text cannot be parsed (unbalanced brackets, a missing `:`, an unknown connective, nesting deeper
 * than the sandbox follows). Zoho answers such criteria with INVALID_QUERY "Invalid query formed"; the details
 * name the parameter, with `api_name` too so the body fits module_search.json's `InvalidQuery_NoReason` shape.
 */
export function criteriaSyntaxError(): ZohoHttpError {
  return new ZohoHttpError(400, 'INVALID_QUERY', INVALID_QUERY_FORMED, { api_name: 'criteria', param_name: 'criteria' });
}

/** The field does not exist in the module, or its type cannot be searched (shape seen in real Zoho answers). */
export function fieldNotSearchable(apiName: string): ZohoHttpError {
  return new ZohoHttpError(400, 'INVALID_QUERY', INVALID_QUERY_FORMED, {
    reason: 'the field is not available for search',
    api_name: apiName,
  });
}

/** The operator is unknown, or not one the field's type supports (shape seen in real Zoho answers). */
export function invalidCriteriaOperator(apiName: string, operator: string): ZohoHttpError {
  return new ZohoHttpError(400, 'INVALID_QUERY', INVALID_QUERY_FORMED, {
    reason: 'invalid operator found',
    api_name: apiName,
    operator,
  });
}

/** The value does not fit the field's type (a word for a number, a malformed date, one value for `between`). */
export function invalidCriteriaValue(apiName: string, expectedDataType: string, value: string): ZohoHttpError {
  return new ZohoHttpError(400, 'INVALID_QUERY', INVALID_QUERY_FORMED, {
    expected_data_type: expectedDataType,
    reason: 'invalid value for search',
    api_name: apiName,
    value,
  });
}

export function tooManyInValues(apiName: string): ZohoHttpError {
  return new ZohoHttpError(400, 'INVALID_QUERY', 'Only 100 values are allowed in "IN" criteria', { api_name: apiName });
}

export function tooManyCriteria(limit: number): ZohoHttpError {
  return new ZohoHttpError(400, 'CRITERIA_LIMIT_EXCEEDED', `no of criterium that can be given exceed the limit ${limit}`, {});
}
