// COQL for the sandbox's `POST /coql`: parse the select query, then run it over the module's records.

export { parseCoql, COQL_LIMITS } from './coql-parse';
export type {
  CoqlQuery,
  CoqlColumn,
  CoqlSelectItem,
  CoqlCondition,
  CoqlPredicate,
  CoqlJunction,
  CoqlLiteral,
  CoqlOperator,
  CoqlOrder,
} from './coql-parse';
export { runCoql } from './coql-run';
export type { CoqlSource, CoqlModule, CoqlResult } from './coql-run';
