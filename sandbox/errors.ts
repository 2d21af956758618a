/**
 * Zoho's error catalogue as the sandbox answers it: one constructor per code, with Zoho's status, message and
 * details. Route code throws these (flat) or puts their `item()` into a per-record `data[]` answer.
 */
import { ZohoHttpError } from './http-error';

export interface ErrorItem {
  code: string;
  details: Record<string, unknown>;
  message: string;
  status: 'error';
}

/** The per-record form of an error, as it appears inside `data[]` of a write answer. */
export function itemOf(error: ZohoHttpError): ErrorItem {
  return { code: error.code, details: error.details, message: error.message, status: 'error' };
}

export const invalidUrlPattern = () =>
  new ZohoHttpError(404, 'INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one', {});

export const invalidRequestMethod = () =>
  new ZohoHttpError(400, 'INVALID_REQUEST_METHOD', 'The http request method type is not a valid one', {});

export const invalidModule = (wrapped = false) =>
  new ZohoHttpError(400, 'INVALID_MODULE', 'the module name given seems to be invalid', { resource_path_index: 0 }, wrapped);

export const scopeMismatch = () =>
  new ZohoHttpError(401, 'OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL', {});

export const internalError = () => new ZohoHttpError(500, 'INTERNAL_ERROR', 'Internal Server Error', {});

export const wrongFormat = () =>
  new ZohoHttpError(400, 'INVALID_DATA', 'either the request body or parameters is in wrong format', {});

export const unsupportedMediaType = (contentType: string) =>
  new ZohoHttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'the content type of the request is not supported', { content_type: contentType });

export const entityTooLarge = (limit: number) =>
  new ZohoHttpError(413, 'REQUEST_ENTITY_TOO_LARGE', 'the request body exceeds the allowed size', { maximum_length: limit });

export const requiredParamMissing = (param: string) =>
  new ZohoHttpError(400, 'REQUIRED_PARAM_MISSING', 'required param is missing', { param_name: param });

/** DELETE without `ids` uses Zoho's other wording of the same code. */
export const expectedParamMissing = (param: string) =>
  new ZohoHttpError(400, 'REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param_name: param });

export const limitExceeded = (param: string, limit: number) =>
  new ZohoHttpError(400, 'LIMIT_EXCEEDED', 'limit exceeded', { limit, param_name: param });

export const recordCountExceeded = (limit: number) =>
  new ZohoHttpError(400, 'LIMIT_EXCEEDED', 'count of records in your request exceeds the limit', { maximum_length: limit, api_name: 'data' });

export const invalidParam = (param: string, extra: Record<string, unknown> = {}) =>
  new ZohoHttpError(400, 'INVALID_DATA', 'invalid data', { param_name: param, ...extra });

export const discretePaginationLimit = () =>
  new ZohoHttpError(400, 'DISCRETE_PAGINATION_LIMIT_EXCEEDED', 'You can only get the first 2000 records without using page_token param', { limit: 2000 });

export const paginationLimit = () =>
  new ZohoHttpError(400, 'PAGINATION_LIMIT_EXCEEDED', 'You can only get upto 100000 records using page_token param', { param_name: 'page_token' });

export const tokenMismatch = () =>
  new ZohoHttpError(400, 'TOKEN_BOUND_DATA_MISMATCH', 'The page_token given seems to be invalid or input param is added or altered or deleted', { param_name: 'page_token' });

export const pageTokenExpired = () =>
  new ZohoHttpError(400, 'EXPIRED_VALUE', 'Page token expired', { api_name: 'page_token', json_path: '$.query.page_token' });

/** An id in the URL that names no record (flat; `index` is its place in the resource path). */
export const invalidUrlId = (index: number, message = 'the id given seems to be invalid') =>
  new ZohoHttpError(400, 'INVALID_DATA', message, { resource_path_index: index });

export const recordNotDeletedAtPath = () => invalidUrlId(1, 'record not deleted');

export const tooManyRequests = (message: string, details: Record<string, unknown> = {}) =>
  new ZohoHttpError(429, 'TOO_MANY_REQUESTS', message, details);

export const serviceUnavailable = (status: 502 | 503) =>
  new ZohoHttpError(status, 'SERVICE_UNAVAILABLE', 'The service is temporarily unavailable. Please try again later.', {});

// ---- per-record errors (json_path points into the request body) ----

const path = (index: number, apiName: string) => `$.data[${index}].${apiName}`;

export const mandatoryNotFound = (index: number, apiName: string) =>
  new ZohoHttpError(400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: apiName, json_path: path(index, apiName) }, true);

export const invalidType = (index: number, apiName: string, expected: string) =>
  new ZohoHttpError(400, 'INVALID_DATA', 'invalid data', { expected_data_type: expected, api_name: apiName, json_path: path(index, apiName) }, true);

export const tooLong = (index: number, apiName: string, maximum: number) =>
  new ZohoHttpError(400, 'INVALID_DATA', 'invalid data', { maximum_length: maximum, api_name: apiName, json_path: path(index, apiName) }, true);

export const unsupportedValue = (index: number, apiName: string, supported: string[]) =>
  new ZohoHttpError(400, 'INVALID_DATA', 'invalid data', { supported_values: supported, api_name: apiName, json_path: path(index, apiName) }, true);

export const invalidValue = (index: number, apiName: string) =>
  new ZohoHttpError(400, 'INVALID_DATA', 'invalid data', { api_name: apiName, json_path: path(index, apiName) }, true);

export const invalidRecordId = (index: number) =>
  new ZohoHttpError(400, 'INVALID_DATA', 'the id given seems to be invalid', { api_name: 'id', json_path: path(index, 'id') }, true);

export const recordNotDeleted = (id: string) =>
  new ZohoHttpError(400, 'INVALID_DATA', 'record not deleted', { id }, true);

export const convertedRecord = (id: string) =>
  new ZohoHttpError(400, 'CONVERTED_RECORD', "can't update the converted record", { id }, true);

export const expectedFieldMissing = (index: number, apiNames: string[]) =>
  new ZohoHttpError(400, 'EXPECTED_FIELD_MISSING', 'should contain either content or title', {
    expected_fields: apiNames.map((a) => ({ api_name: a, json_path: path(index, a) })),
  }, true);

export const duplicateData = (index: number, apiName: string, duplicate: Record<string, unknown>) =>
  new ZohoHttpError(400, 'DUPLICATE_DATA', 'duplicate data', {
    api_name: apiName,
    json_path: path(index, apiName),
    duplicate_record: duplicate,
    more_records: false,
  }, true);
