// The errors Zoho's COQL API answers (always flat), with the codes, messages and details of its OpenAPI examples.

import { ZohoHttpError } from '../http-error';

export function unexpectedToken(line: number, column: number, near: string): ZohoHttpError {
  return new ZohoHttpError(400, 'SYNTAX_ERROR', 'unexpected token', { line, column, near });
}

/** A clause the query must have is absent; Zoho requires FROM and WHERE (a bare `select ... from M` fails). */
export function missingClause(clause: 'from' | 'where'): ZohoHttpError {
  return new ZohoHttpError(400, 'SYNTAX_ERROR', 'missing clause', { clause });
}

export function operatorNotSupported(operator: string): ZohoHttpError {
  return new ZohoHttpError(400, 'SYNTAX_ERROR', 'operator not supported', { operator });
}

/** Not a SELECT, or a part of COQL the sandbox does not implement (aggregates, GROUP BY, subqueries). */
export function queryNotSupported(): ZohoHttpError {
  return new ZohoHttpError(400, 'SYNTAX_ERROR', 'given coql query not supported', {});
}

/** WHERE mixes more than two criteria without bracketing them in pairs (`a and b and c`). */
export function ambiguousCriteria(): ZohoHttpError {
  return new ZohoHttpError(400, 'SYNTAX_ERROR', 'error occured while parsing the query', { near: 'where' });
}

export function invalidModule(): ZohoHttpError {
  return new ZohoHttpError(400, 'INVALID_MODULE', 'the given module is not supported in api', {});
}

export function duplicateSelectColumn(columnName: string): ZohoHttpError {
  return new ZohoHttpError(400, 'DUPLICATE_DATA', 'duplicate select column', { column_name: columnName });
}

/** Zoho's COQL docs say a repeated ORDER BY field gives DUPLICATE_DATA; the message here is the sandbox's. */
export function duplicateOrderColumn(columnName: string): ZohoHttpError {
  return new ZohoHttpError(400, 'DUPLICATE_DATA', 'duplicate order by column', { column_name: columnName, clause: 'order by' });
}

export function duplicateAlias(alias: string, referredColumns: string[]): ZohoHttpError {
  return new ZohoHttpError(400, 'DUPLICATE_ALIAS', 'same alias cannot refer more than one column', {
    referred_columns: referredColumns,
    alias,
  });
}

export function emptyAlias(columnName: string): ZohoHttpError {
  return new ZohoHttpError(400, 'INVALID_ALIAS', 'alias name cannot be an empty string', { column_name: columnName, alias: '' });
}

export function aliasShadowsColumn(columnName: string, alias: string): ZohoHttpError {
  return new ZohoHttpError(
    400,
    'INVALID_QUERY',
    'column name or property name given in select columns without alias name cannot be an alias name for other select columns',
    { column_name: columnName, alias },
  );
}

/** No such field in the module (or the dot path cannot be followed): Zoho's answer for an unknown column. */
export function invalidColumn(columnName: string, clause: 'select' | 'where' | 'order by'): ZohoHttpError {
  return new ZohoHttpError(400, 'INVALID_QUERY', 'column given seems to be invalid', { column_name: columnName, clause });
}

/** The field exists but COQL cannot read it (file and image uploads, subforms, multi-select lookups, ...). */
export function unsupportedColumn(columnName: string): ZohoHttpError {
  return new ZohoHttpError(400, 'INVALID_QUERY', 'unsupported column', { column_name: columnName });
}

/** The field exists but COQL cannot filter on it (multi-line text, uploads, ...). */
export function unsupportedCriteriaColumn(columnName: string, operator: string, value: string): ZohoHttpError {
  return new ZohoHttpError(400, 'INVALID_QUERY', 'unsupported column in criteria', {
    cv_criteria: false,
    column_name: columnName,
    value,
    operator,
  });
}

export function invalidOperator(columnName: string, operator: string): ZohoHttpError {
  return new ZohoHttpError(400, 'INVALID_QUERY', 'Invalid query formed', {
    reason: 'invalid operator found',
    column_name: columnName,
    operator,
  });
}

/** The literal does not fit the column's type (seen live: `{expected_data_type: "bigint", column_name: "id"}`). */
export function invalidValue(columnName: string, expectedDataType: string): ZohoHttpError {
  return new ZohoHttpError(400, 'INVALID_QUERY', 'value given seems to be invalid for the column', {
    expected_data_type: expectedDataType,
    column_name: columnName,
  });
}

export function invalidLimit(text: string): ZohoHttpError {
  return new ZohoHttpError(400, 'INVALID_QUERY', 'limit given seems to be invalid', { limit: text });
}

export function invalidOffset(text: string): ZohoHttpError {
  return new ZohoHttpError(400, 'INVALID_QUERY', 'offset given seems to be invalid', { offset: text });
}

export function limitNotPositive(): ZohoHttpError {
  return new ZohoHttpError(400, 'INVALID_DATA', 'limit should be greater than 0', {});
}

/** A documented count limit is passed (select columns, criteria, `in` values, order-by columns, LIMIT). */
export function limitExceeded(details: Record<string, unknown>): ZohoHttpError {
  return new ZohoHttpError(400, 'LIMIT_EXCEEDED', 'limit exceeded', details);
}

/** OFFSET + LIMIT reaches past the rows COQL pages through (shape seen in real answers). */
export function recordWindowExceeded(limit: number): ZohoHttpError {
  return new ZohoHttpError(400, 'LIMIT_EXCEEDED', 'max records limit exceeded', { limit });
}
