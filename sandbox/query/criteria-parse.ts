// Zoho search criteria text, `((field:operator:value)and(field:operator:value))`, parsed into a condition tree.

import { criteriaSyntaxError, invalidCriteriaOperator, tooManyCriteria, tooManyInValues } from './criteria-errors';

export type CriteriaOperator =
  | 'equals'
  | 'not_equal'
  | 'starts_with'
  | 'in'
  | 'greater_than'
  | 'greater_equal'
  | 'less_than'
  | 'less_equal'
  | 'between';

const OPERATORS: ReadonlySet<string> = new Set<CriteriaOperator>([
  'equals',
  'not_equal',
  'starts_with',
  'in',
  'greater_than',
  'greater_equal',
  'less_than',
  'less_equal',
  'between',
]);

/**
 * One `(field:operator:value)`. `values` holds the value with escapes resolved, split at unescaped commas
 * (one item unless the text has such commas); `raw` is the value as written, for error details.
 */
export interface CriteriaCondition {
  kind: 'condition';
  field: string;
  operator: CriteriaOperator;
  values: string[];
  raw: string;
}

export interface CriteriaGroup {
  kind: 'and' | 'or';
  operands: Criteria[];
}

export type Criteria = CriteriaCondition | CriteriaGroup;

/**
 * The most conditions one criteria may hold. Zoho's docs say 10, but its server's own error says "exceed the
 * limit 15"; the sandbox follows the server (a connector should still keep to the documented 10).
 */
export const CRITERIA_LIMIT = 15;

export const IN_VALUES_LIMIT = 100;

/**
 * Brackets nested deeper than this are refused as malformed. Fifteen conditions never need more than about
 * sixteen levels; the cap keeps hostile input (thousands of `(`) from costing more than a quick error.
 */
export const MAX_CRITERIA_DEPTH = 50;

const FIELD_NAME = /^[A-Za-z0-9_$.]+$/;
const OPERATOR_NAME = /^[A-Za-z_]+$/;

/**
 * Parses criteria text (already URL-decoded). Grammar:
 *   criteria   := expression | condition           (one condition may come without brackets, as Zoho's docs show)
 *   expression := primary (("and" | "or") primary)*   ("and" binds tighter than "or"; case-insensitive)
 *   primary    := "(" (expression | condition) ")"
 *   condition  := field ":" operator ":" value
 * In a value, `\(`, `\)`, `\,` and `\\` stand for the character itself; any other backslash is literal (Zoho
 * only requires escaping a backslash that ends the value). An unescaped `,` separates the values of `in` and
 * `between`; an unescaped `(` is refused, and an unescaped `)` ends the value. Values are not trimmed.
 */
export function parseCriteria(text: string): Criteria {
  return new CriteriaParser(text).parse();
}

class CriteriaParser {
  private pos = 0;
  private conditions = 0;

  constructor(private readonly text: string) {}

  parse(): Criteria {
    this.skipSpaces();
    if (this.atEnd()) throw criteriaSyntaxError();
    if (this.text[this.pos] !== '(') return this.condition(true);
    const result = this.expression(0);
    this.skipSpaces();
    if (!this.atEnd()) throw criteriaSyntaxError();
    return result;
  }

  private expression(depth: number): Criteria {
    const orParts: Criteria[][] = [[this.primary(depth)]];
    for (;;) {
      this.skipSpaces();
      const connective = this.connective();
      if (connective === undefined) break;
      const operand = this.primary(depth);
      if (connective === 'or') orParts.push([operand]);
      else orParts[orParts.length - 1].push(operand);
    }
    const conjunctions = orParts.map((part): Criteria => (part.length === 1 ? part[0] : { kind: 'and', operands: part }));
    return conjunctions.length === 1 ? conjunctions[0] : { kind: 'or', operands: conjunctions };
  }

  private primary(depth: number): Criteria {
    this.skipSpaces();
    if (this.text[this.pos] !== '(' || depth >= MAX_CRITERIA_DEPTH) throw criteriaSyntaxError();
    this.pos++;
    this.skipSpaces();
    const result = this.text[this.pos] === '(' ? this.expression(depth + 1) : this.condition(false);
    this.skipSpaces();
    if (this.text[this.pos] !== ')') throw criteriaSyntaxError();
    this.pos++;
    return result;
  }

  /** Reads `and` / `or` when it is followed by a space or `(`; otherwise reads nothing. */
  private connective(): 'and' | 'or' | undefined {
    for (const word of ['and', 'or'] as const) {
      const end = this.pos + word.length;
      if (this.text.slice(this.pos, end).toLowerCase() !== word) continue;
      const next = this.text[end];
      if (next !== '(' && !isSpace(next)) return undefined;
      this.pos = end;
      return word;
    }
    return undefined;
  }

  /** `field:operator:value`; inside brackets the value ends at an unescaped `)`, bare it runs to the end. */
  private condition(bare: boolean): CriteriaCondition {
    const field = this.segment().trim();
    const operator = this.segment().trim();
    if (!FIELD_NAME.test(field) || !OPERATOR_NAME.test(operator)) throw criteriaSyntaxError();
    const valueStart = this.pos;
    const values: string[] = [];
    let current = '';
    for (;;) {
      if (this.atEnd()) {
        if (!bare) throw criteriaSyntaxError();
        break;
      }
      const char = this.text[this.pos];
      if (char === ')') {
        if (bare) throw criteriaSyntaxError();
        break;
      }
      if (char === '(') throw criteriaSyntaxError();
      if (char === '\\' && '(),\\'.includes(this.text[this.pos + 1] ?? 'x')) {
        current += this.text[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (char === ',') {
        values.push(current);
        current = '';
      } else {
        current += char;
      }
      this.pos++;
    }
    values.push(current);
    if (!OPERATORS.has(operator)) throw invalidCriteriaOperator(field, operator);
    if (operator === 'in' && values.length > IN_VALUES_LIMIT) throw tooManyInValues(field);
    this.conditions++;
    if (this.conditions > CRITERIA_LIMIT) throw tooManyCriteria(CRITERIA_LIMIT);
    return { kind: 'condition', field, operator: operator as CriteriaOperator, values, raw: this.text.slice(valueStart, this.pos) };
  }

  /** The text up to the next `:` (consumed); brackets or the end before it mean malformed criteria. */
  private segment(): string {
    const start = this.pos;
    for (;;) {
      if (this.atEnd()) throw criteriaSyntaxError();
      const char = this.text[this.pos];
      if (char === '(' || char === ')') throw criteriaSyntaxError();
      this.pos++;
      if (char === ':') return this.text.slice(start, this.pos - 1);
    }
  }

  private skipSpaces(): void {
    while (isSpace(this.text[this.pos])) this.pos++;
  }

  private atEnd(): boolean {
    return this.pos >= this.text.length;
  }
}

function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r';
}
