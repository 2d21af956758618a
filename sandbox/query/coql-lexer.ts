// Splits a COQL query into tokens, read on demand, each with its 1-based line and column for Zoho's SYNTAX_ERROR details.

import { unexpectedToken } from './coql-errors';

/**
 * - `word`: an identifier or keyword (`Last_Name`, `Account_Name.Industry`, `select`); dots join path parts.
 * - `string`: a single-quoted literal, `''` standing for one quote.
 * - `quoted`: a double-quoted literal, `""` standing for one quote (Zoho accepts either quote around a
 *   reserved word used as a column, and double-quoted values).
 * - `number`: digits with an optional sign and fraction, kept as text so 19-digit ids stay exact.
 * - `symbol`: punctuation and comparators (`,` `(` `)` `=` `!=` `<>` `<` `<=` `>` `>=` `*` and any other
 *   single character, which the parser then refuses).
 */
export type CoqlTokenType = 'word' | 'string' | 'quoted' | 'number' | 'symbol' | 'end';

export interface CoqlToken {
  type: CoqlTokenType;
  /** The token as written in the query. */
  text: string;
  /** For strings, the content with doubled quotes resolved; otherwise the same as `text`. */
  value: string;
  line: number;
  column: number;
}

const TWO_CHAR_SYMBOLS = new Set(['!=', '<=', '>=', '<>']);

/**
 * Reads tokens one at a time, so a parser that gives up early (a hostile query of a million brackets) never
 * tokenizes the rest. After the last token, `next` keeps answering an `end` token.
 */
export class CoqlLexer {
  private pos = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly query: string) {}

  next(): CoqlToken {
    const query = this.query;
    this.skipSpace();
    const start = this.pos;
    const at = this.position(start);
    if (start >= query.length) return { type: 'end', text: '', value: '', ...at };
    const char = query[start];
    if (isWordStart(char)) {
      while (this.pos < query.length && isWordPart(query[this.pos])) this.pos++;
      const text = query.slice(start, this.pos);
      return { type: 'word', text, value: text, ...at };
    }
    if (isDigit(char) || (char === '-' && isDigit(query[start + 1]))) {
      this.pos++;
      while (isDigit(query[this.pos])) this.pos++;
      if (query[this.pos] === '.' && isDigit(query[this.pos + 1])) {
        this.pos++;
        while (isDigit(query[this.pos])) this.pos++;
      }
      const text = query.slice(start, this.pos);
      return { type: 'number', text, value: text, ...at };
    }
    if (char === "'" || char === '"') return this.quoted(char, start, at);
    const pair = query.slice(start, start + 2);
    const text = TWO_CHAR_SYMBOLS.has(pair) ? pair : char;
    this.pos += text.length;
    return { type: 'symbol', text, value: text, ...at };
  }

  /** A quoted literal; the closing quote doubled stands for itself. Unterminated: an error at its start. */
  private quoted(mark: "'" | '"', start: number, at: { line: number; column: number }): CoqlToken {
    const query = this.query;
    let value = '';
    this.pos++;
    for (;;) {
      if (this.pos >= query.length) throw unexpectedToken(at.line, at.column, query.slice(start, start + 40));
      const char = query[this.pos];
      if (char === mark) {
        if (query[this.pos + 1] === mark) {
          value += mark;
          this.pos += 2;
          continue;
        }
        this.pos++;
        break;
      }
      if (char === '\n') {
        this.line++;
        this.lineStart = this.pos + 1;
      }
      value += char;
      this.pos++;
    }
    return { type: mark === "'" ? 'string' : 'quoted', text: query.slice(start, this.pos), value, ...at };
  }

  private skipSpace(): void {
    const query = this.query;
    while (this.pos < query.length) {
      const char = query[this.pos];
      if (char === '\n') {
        this.pos++;
        this.line++;
        this.lineStart = this.pos;
      } else if (char === ' ' || char === '\t' || char === '\r') {
        this.pos++;
      } else {
        return;
      }
    }
  }

  private position(offset: number): { line: number; column: number } {
    return { line: this.line, column: offset - this.lineStart + 1 };
  }
}

function isWordStart(char: string): boolean {
  return (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z') || char === '_' || char === '$';
}

function isWordPart(char: string): boolean {
  return isWordStart(char) || isDigit(char) || char === '.';
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}
