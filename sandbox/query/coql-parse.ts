// COQL text parsed into a query tree by recursive descent, with Zoho's syntax rules and documented limits.

import {
  aliasShadowsColumn,
  ambiguousCriteria,
  duplicateAlias,
  duplicateOrderColumn,
  duplicateSelectColumn,
  emptyAlias,
  invalidLimit,
  invalidOffset,
  limitExceeded,
  limitNotPositive,
  missingClause,
  operatorNotSupported,
  queryNotSupported,
  recordWindowExceeded,
  unexpectedToken,
} from './coql-errors';
import { CoqlLexer, type CoqlToken } from './coql-lexer';

/**
 * Limits. Zoho's v7 announcement (Kaizen #183) raised SELECT to 500 columns and IN / NOT IN to 100 values, and
 * the v7 limitations page lists 100 values; older pages (and our reference notes) still say 50 and 50. The
 * sandbox serves v8, so it follows the newer figures.
 */
export const COQL_LIMITS = {
  selectColumns: 500,
  criteria: 25,
  inValues: 100,
  orderByColumns: 10,
  defaultLimit: 200,
  maxLimit: 2000,
  /** OFFSET + LIMIT may reach this many rows (v7/v8; older versions 10,000). */
  recordWindow: 100_000,
  /** Brackets nested deeper than this in WHERE are refused, so hostile input fails fast. */
  nesting: 50,
} as const;

/** A column reference as written: `Last_Name`, `Account_Name.Industry`, or a quoted `'External'`. */
export interface CoqlColumn {
  name: string;
  path: string[];
  line: number;
  column: number;
}

export interface CoqlSelectItem {
  column: CoqlColumn;
  alias?: string;
  /** The key of this column in result rows: the alias, else the column as written. */
  key: string;
}

export type CoqlLiteral =
  | { kind: 'string'; value: string }
  | { kind: 'number'; text: string }
  | { kind: 'boolean'; value: boolean };

export type CoqlOperator =
  | '='
  | '!='
  | '>'
  | '>='
  | '<'
  | '<='
  | 'like'
  | 'not like'
  | 'in'
  | 'not in'
  | 'between'
  | 'not between'
  | 'is null'
  | 'is not null';

export interface CoqlPredicate {
  kind: 'predicate';
  column: CoqlColumn;
  operator: CoqlOperator;
  values: CoqlLiteral[];
}

export interface CoqlJunction {
  kind: 'and' | 'or';
  left: CoqlCondition;
  right: CoqlCondition;
}

export type CoqlCondition = CoqlPredicate | CoqlJunction;

export interface CoqlOrder {
  column: CoqlColumn;
  direction: 'asc' | 'desc';
}

export interface CoqlQuery {
  select: CoqlSelectItem[];
  module: string;
  where: CoqlCondition;
  orderBy: CoqlOrder[];
  limit: number;
  offset: number;
}

/** Words with a meaning in the grammar; as column names they must be quoted. */
const KEYWORDS = new Set([
  'select', 'from', 'where', 'and', 'or', 'not', 'is', 'null', 'in', 'like', 'between',
  'order', 'by', 'asc', 'desc', 'limit', 'offset', 'group', 'having', 'as', 'true', 'false',
]);

const COMPARATORS = new Set(['=', '!=', '>', '>=', '<', '<=']);

/**
 * Parses a COQL query:
 *   query     := SELECT item ("," item)* FROM module WHERE condition
 *                [ORDER BY column [ASC|DESC] ("," ...)*] [LIMIT count [OFFSET start] | LIMIT start "," count]
 *   item      := column [AS alias]
 *   condition := operand [(AND | OR) operand]      (more than two criteria must be bracketed in pairs)
 *   operand   := "(" condition ")" | column comparator
 * Keywords are case-insensitive; strings are single-quoted with `''` for a quote. Checks that need the module's
 * fields (unknown columns, operators by type, value types) happen in runCoql.
 */
export function parseCoql(selectQuery: string): CoqlQuery {
  return new CoqlParser(new CoqlLexer(selectQuery)).parse();
}

class CoqlParser {
  /** Tokens read from the lexer but not consumed yet. */
  private readonly ahead: CoqlToken[] = [];
  private previous: CoqlToken | undefined;
  private criteria = 0;

  constructor(private readonly lexer: CoqlLexer) {}

  parse(): CoqlQuery {
    const first = this.peek();
    if (first.type === 'end' || (first.type === 'word' && !this.isKeyword(first, 'select'))) throw queryNotSupported();
    if (!this.isKeyword(first, 'select')) throw this.unexpected(first);
    this.next();

    const select = this.selectList();
    const from = this.peek();
    if (from.type === 'end') throw missingClause('from');
    if (!this.isKeyword(from, 'from')) throw this.unexpected(from);
    this.next();

    const moduleToken = this.next();
    if (moduleToken.type !== 'word' || KEYWORDS.has(moduleToken.text.toLowerCase())) throw this.unexpected(moduleToken);

    const where = this.peek();
    if (where.type === 'end' || ['order', 'limit', 'group'].some((word) => this.isKeyword(where, word))) throw missingClause('where');
    if (!this.isKeyword(where, 'where')) throw this.unexpected(where);
    this.next();
    const condition = this.condition(0);

    if (this.isKeyword(this.peek(), 'group')) throw queryNotSupported();
    const orderBy = this.isKeyword(this.peek(), 'order') ? this.orderBy() : [];
    const { limit, offset } = this.isKeyword(this.peek(), 'limit') ? this.limit() : { limit: COQL_LIMITS.defaultLimit, offset: 0 };

    const trailing = this.peek();
    if (trailing.type !== 'end') throw this.unexpected(trailing);
    return { select, module: moduleToken.text, where: condition, orderBy, limit, offset };
  }

  private selectList(): CoqlSelectItem[] {
    const items: CoqlSelectItem[] = [];
    for (;;) {
      const token = this.peek();
      if (token.type === 'word' && this.peek(1).text === '(' && this.peek(1).type === 'symbol') throw queryNotSupported();
      const column = this.column();
      let alias: string | undefined;
      if (this.isKeyword(this.peek(), 'as')) {
        this.next();
        alias = this.column().name;
      }
      items.push({ column, alias, key: alias ?? column.name });
      if (items.length > COQL_LIMITS.selectColumns) throw limitExceeded({ clause: 'select', limit: COQL_LIMITS.selectColumns });
      if (this.peek().text !== ',' || this.peek().type !== 'symbol') break;
      this.next();
    }
    checkSelectItems(items);
    return items;
  }

  /** condition := operand [(and|or) operand]; a third operand at the same level is Zoho's pairing error. */
  private condition(depth: number): CoqlCondition {
    const left = this.operand(depth);
    const connective = this.connective();
    if (connective === undefined) return left;
    this.next();
    const right = this.operand(depth);
    if (this.connective() !== undefined) throw ambiguousCriteria();
    return { kind: connective, left, right };
  }

  private connective(): 'and' | 'or' | undefined {
    const token = this.peek();
    if (this.isKeyword(token, 'and')) return 'and';
    if (this.isKeyword(token, 'or')) return 'or';
    return undefined;
  }

  private operand(depth: number): CoqlCondition {
    const token = this.peek();
    if (token.type === 'symbol' && token.text === '(') {
      if (depth >= COQL_LIMITS.nesting) throw this.unexpected(token);
      this.next();
      if (this.isKeyword(this.peek(), 'select')) throw queryNotSupported();
      const inner = this.condition(depth + 1);
      this.expectSymbol(')');
      return inner;
    }
    if (this.isKeyword(token, 'not')) throw operatorNotSupported('not');
    return this.predicate();
  }

  private predicate(): CoqlPredicate {
    const column = this.column();
    const token = this.next();
    const build = (operator: CoqlOperator, values: CoqlLiteral[]): CoqlPredicate => {
      this.criteria++;
      if (this.criteria > COQL_LIMITS.criteria) throw limitExceeded({ clause: 'where', limit: COQL_LIMITS.criteria });
      return { kind: 'predicate', column, operator, values };
    };
    if (token.type === 'symbol') {
      if (token.text === '<>') throw operatorNotSupported('<>');
      if (!COMPARATORS.has(token.text)) throw this.unexpected(token);
      return build(token.text as CoqlOperator, [this.literal()]);
    }
    if (token.type !== 'word') throw this.unexpected(token);
    const word = token.text.toLowerCase();
    if (word === 'is') {
      const negated = this.isKeyword(this.peek(), 'not');
      if (negated) this.next();
      this.expectKeyword('null');
      return build(negated ? 'is not null' : 'is null', []);
    }
    let negated = false;
    let operatorToken = token;
    if (word === 'not') {
      negated = true;
      operatorToken = this.next();
    }
    const operator = operatorToken.type === 'word' ? operatorToken.text.toLowerCase() : '';
    const prefix = negated ? 'not ' : '';
    switch (operator) {
      case 'like':
        return build(`${prefix}like` as CoqlOperator, [this.literal()]);
      case 'in':
        return build(`${prefix}in` as CoqlOperator, this.valueList());
      case 'between': {
        const low = this.literal();
        this.expectKeyword('and');
        return build(`${prefix}between` as CoqlOperator, [low, this.literal()]);
      }
      default:
        throw this.unexpected(operatorToken);
    }
  }

  private valueList(): CoqlLiteral[] {
    this.expectSymbol('(');
    if (this.isKeyword(this.peek(), 'select')) throw queryNotSupported();
    const values = [this.literal()];
    while (this.peek().type === 'symbol' && this.peek().text === ',') {
      this.next();
      values.push(this.literal());
      if (values.length > COQL_LIMITS.inValues) throw limitExceeded({ clause: 'where', operator: 'in', limit: COQL_LIMITS.inValues });
    }
    this.expectSymbol(')');
    return values;
  }

  private literal(): CoqlLiteral {
    const token = this.next();
    if (token.type === 'string' || token.type === 'quoted') return { kind: 'string', value: token.value };
    if (token.type === 'number') return { kind: 'number', text: token.text };
    if (this.isKeyword(token, 'true')) return { kind: 'boolean', value: true };
    if (this.isKeyword(token, 'false')) return { kind: 'boolean', value: false };
    throw this.unexpected(token);
  }

  private orderBy(): CoqlOrder[] {
    this.next();
    this.expectKeyword('by');
    const orders: CoqlOrder[] = [];
    for (;;) {
      const column = this.column();
      let direction: 'asc' | 'desc' = 'asc';
      if (this.isKeyword(this.peek(), 'asc') || this.isKeyword(this.peek(), 'desc')) {
        direction = this.next().text.toLowerCase() as 'asc' | 'desc';
      }
      if (orders.some((order) => order.column.name === column.name)) throw duplicateOrderColumn(column.name);
      orders.push({ column, direction });
      if (orders.length > COQL_LIMITS.orderByColumns) throw limitExceeded({ clause: 'order by', limit: COQL_LIMITS.orderByColumns });
      if (this.peek().type !== 'symbol' || this.peek().text !== ',') break;
      this.next();
    }
    return orders;
  }

  /** `limit count`, `limit count offset start`, or `limit start, count`. */
  private limit(): { limit: number; offset: number } {
    this.next();
    const first = this.countToken();
    let limitToken = first;
    let offsetToken: CoqlToken | undefined;
    if (this.peek().type === 'symbol' && this.peek().text === ',') {
      this.next();
      offsetToken = first;
      limitToken = this.countToken();
    } else if (this.isKeyword(this.peek(), 'offset')) {
      this.next();
      offsetToken = this.countToken();
    }
    const limit = readLimit(limitToken);
    const offset = offsetToken === undefined ? 0 : readOffset(offsetToken);
    if (limit > COQL_LIMITS.maxLimit) throw limitExceeded({ limit: COQL_LIMITS.maxLimit });
    if (offset + limit > COQL_LIMITS.recordWindow) throw recordWindowExceeded(COQL_LIMITS.recordWindow);
    return { limit, offset };
  }

  /** The token after LIMIT / OFFSET / the comma; a missing one is a syntax error, a wrong one a value error. */
  private countToken(): CoqlToken {
    const token = this.next();
    if (token.type === 'end' || token.type === 'symbol') throw this.unexpected(token);
    return token;
  }

  private column(): CoqlColumn {
    const token = this.next();
    const name = this.name(token);
    if (token.type === 'word' && KEYWORDS.has(name.toLowerCase())) throw this.unexpected(token);
    return { name, path: name.split('.'), line: token.line, column: token.column };
  }

  /** A name: a bare word, or a quoted one (any quotes, as Zoho allows for reserved words). */
  private name(token: CoqlToken): string {
    if (token.type === 'word') return token.text;
    if (token.type === 'string' || token.type === 'quoted') return token.value;
    throw this.unexpected(token);
  }

  private expectKeyword(word: string): void {
    const token = this.next();
    if (!this.isKeyword(token, word)) throw this.unexpected(token);
  }

  private expectSymbol(symbol: string): void {
    const token = this.next();
    if (token.type !== 'symbol' || token.text !== symbol) throw this.unexpected(token);
  }

  private isKeyword(token: CoqlToken, word: string): boolean {
    return token.type === 'word' && token.text.toLowerCase() === word;
  }

  private peek(offset = 0): CoqlToken {
    while (this.ahead.length <= offset) this.ahead.push(this.lexer.next());
    return this.ahead[offset];
  }

  private next(): CoqlToken {
    const token = this.peek();
    if (token.type !== 'end') {
      this.ahead.shift();
      this.previous = token;
    }
    return token;
  }

  /** Zoho's "unexpected token"; at the end of the query it points at the last token, which is what it follows. */
  private unexpected(token: CoqlToken): Error {
    const shown = token.type === 'end' && this.previous ? this.previous : token;
    return unexpectedToken(shown.line, shown.column, shown.text);
  }
}

/** Duplicate columns, empty aliases, one alias for two columns, an alias that names another bare column. */
function checkSelectItems(items: CoqlSelectItem[]): void {
  const seen = new Set<string>();
  for (const item of items) {
    const identity = `${item.column.name}\u0000${item.alias ?? ''}`;
    if (seen.has(identity)) throw duplicateSelectColumn(item.column.name);
    seen.add(identity);
    if (item.alias === '') throw emptyAlias(item.column.name);
  }
  const bareColumns = new Set(items.filter((item) => item.alias === undefined).map((item) => item.column.name));
  const columnsByAlias = new Map<string, string[]>();
  for (const item of items) {
    if (item.alias === undefined) continue;
    if (bareColumns.has(item.alias)) throw aliasShadowsColumn(item.column.name, item.alias);
    const columns = columnsByAlias.get(item.alias) ?? [];
    if (!columns.includes(item.column.name)) columns.push(item.column.name);
    columnsByAlias.set(item.alias, columns);
    if (columns.length > 1) throw duplicateAlias(item.alias, columns);
  }
}

function readLimit(token: CoqlToken): number {
  if (token.type !== 'number' || !/^-?\d+$/.test(token.text)) throw invalidLimit(token.text);
  const limit = Number(token.text);
  if (limit <= 0) throw limitNotPositive();
  return limit;
}

function readOffset(token: CoqlToken): number {
  if (token.type !== 'number' || !/^\d+$/.test(token.text)) throw invalidOffset(token.text);
  return Number(token.text);
}
