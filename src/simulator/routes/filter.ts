/**
 * The SCIM filter expressions Okta accepts in `filter` and `search` parameters
 * (https://developer.okta.com/docs/api/#filter), as a small recursive-descent parser that compiles straight to a
 * predicate. Each endpoint passes a dialect: which fields it allows, with which operators, and whether values must be
 * quoted. Parsing is linear in the input; failures come back as values naming the reason, so each endpoint can answer
 * with its own Okta error code.
 */

import { compileComparison, isPresent, parseInstant, type Literal } from './filter-compare.js';

export const FILTER_OPERATORS = ['eq', 'ne', 'sw', 'co', 'ew', 'gt', 'ge', 'lt', 'le', 'pr'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export { Membership, parseInstant } from './filter-compare.js';

/** Parenthesis nesting beyond this is refused rather than risking the stack. */
const MAX_DEPTH = 64;

export interface FieldSpec<T> {
  operators: readonly FilterOperator[];
  /** `date` operands must be ISO-8601 timestamps and compare as instants; `string` operands must be strings. */
  type: 'string' | 'date' | 'any';
  /** The attribute's value: a scalar, an array (any element may match), a Membership, or undefined when absent. */
  get: (item: T) => unknown;
}

export interface FilterDialect<T> {
  /** The field's rules, or undefined when this endpoint cannot filter on it. */
  field(path: string): FieldSpec<T> | undefined;
  /** `filter` takes only double-quoted values; `search` also takes bare numbers, booleans and null. */
  quotedOnly: boolean;
  /** `search` compares strings case-insensitively; `filter` is case-sensitive (OKTA-API.md §5.1). */
  caseInsensitive: boolean;
}

/**
 * `syntax`: malformed expression or unknown operator; `field`: an attribute the dialect does not allow;
 * `operator`: a known operator the field does not support; `value`: an operand of the wrong form (unquoted, bad date).
 */
export type FilterErrorKind = 'syntax' | 'field' | 'operator' | 'value';

export interface FilterError {
  kind: FilterErrorKind;
  reason: string;
  field?: string;
  operator?: string;
}

export type Predicate<T> = (item: T) => boolean;
export type FilterParse<T> = { ok: true; test: Predicate<T> } | { ok: false; error: FilterError };

type Token =
  | { kind: 'lparen'; at: number }
  | { kind: 'rparen'; at: number }
  | { kind: 'string'; at: number; text: string }
  | { kind: 'word'; at: number; text: string };


class FilterSyntaxError extends Error {
  constructor(readonly detail: FilterError) {
    super(detail.reason);
  }
}

/** Parses `text` under `dialect` and returns a predicate, or the first error met. */
export function parseFilter<T>(text: string, dialect: FilterDialect<T>): FilterParse<T> {
  try {
    const parser = new Parser(tokenize(text), dialect);
    return { ok: true, test: parser.parseAll() };
  } catch (error) {
    if (error instanceof FilterSyntaxError) return { ok: false, error: error.detail };
    throw error;
  }
}

function syntax(reason: string): FilterSyntaxError {
  return new FilterSyntaxError({ kind: 'syntax', reason });
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(') {
      tokens.push({ kind: 'lparen', at: i++ });
    } else if (c === ')') {
      tokens.push({ kind: 'rparen', at: i++ });
    } else if (c === '"') {
      const start = i++;
      let value = '';
      for (;;) {
        if (i >= text.length) throw syntax(`Unterminated string starting at position ${start}`);
        const d = text.charAt(i++);
        if (d === '"') break;
        if (d === '\\') {
          if (i >= text.length) throw syntax(`Unterminated string starting at position ${start}`);
          value += text.charAt(i++);
        } else {
          value += d;
        }
      }
      tokens.push({ kind: 'string', at: start, text: value });
    } else {
      const start = i;
      while (i < text.length && !/[\s()"]/.test(text.charAt(i))) i++;
      tokens.push({ kind: 'word', at: start, text: text.slice(start, i) });
    }
  }
  return tokens;
}

const ATTRIBUTE_PATH = /^[A-Za-z_$][\w$-]*(\.[A-Za-z_$][\w$-]*)*$/;

class Parser<T> {
  private pos = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly dialect: FilterDialect<T>,
  ) {}

  parseAll(): Predicate<T> {
    if (this.tokens.length === 0) throw syntax('Empty filter expression');
    const test = this.parseOr(0);
    const extra = this.tokens[this.pos];
    if (extra !== undefined) throw syntax(`Unexpected token at position ${extra.at}`);
    return test;
  }

  private peekKeyword(keyword: 'and' | 'or'): boolean {
    const token = this.tokens[this.pos];
    return token?.kind === 'word' && token.text.toLowerCase() === keyword;
  }

  // Operands are gathered in flat lists, so evaluation depth follows parenthesis depth, not expression length.
  private parseOr(depth: number): Predicate<T> {
    const terms = [this.parseAnd(depth)];
    while (this.peekKeyword('or')) {
      this.pos++;
      terms.push(this.parseAnd(depth));
    }
    const [only] = terms;
    return terms.length === 1 && only !== undefined ? only : (item) => terms.some((t) => t(item));
  }

  private parseAnd(depth: number): Predicate<T> {
    const terms = [this.parseTerm(depth)];
    while (this.peekKeyword('and')) {
      this.pos++;
      terms.push(this.parseTerm(depth));
    }
    const [only] = terms;
    return terms.length === 1 && only !== undefined ? only : (item) => terms.every((t) => t(item));
  }

  private parseTerm(depth: number): Predicate<T> {
    const token = this.tokens[this.pos];
    if (token === undefined) throw syntax('Unexpected end of filter expression');
    if (token.kind === 'lparen') {
      if (depth >= MAX_DEPTH) throw syntax('Filter expression is nested too deeply');
      this.pos++;
      const inner = this.parseOr(depth + 1);
      const close = this.tokens[this.pos];
      if (close?.kind !== 'rparen') throw syntax(`Missing ')' for '(' at position ${token.at}`);
      this.pos++;
      return inner;
    }
    if (token.kind !== 'word') throw syntax(`Expected an attribute at position ${token.at}`);
    if (token.text.toLowerCase() === 'not') throw syntax("The 'not' operator is not supported");
    return this.parseComparison(token);
  }

  private parseComparison(attribute: Token & { kind: 'word' }): Predicate<T> {
    const path = attribute.text;
    if (!ATTRIBUTE_PATH.test(path)) throw syntax(`Invalid attribute '${path}' at position ${attribute.at}`);
    this.pos++;
    const opToken = this.tokens[this.pos];
    if (opToken?.kind !== 'word') throw syntax(`Expected an operator after '${path}'`);
    const op = opToken.text.toLowerCase();
    if (!isOperator(op)) {
      throw syntax(`Unrecognized attribute operator '${opToken.text}' at position ${opToken.at}. Expected: ${FILTER_OPERATORS.join(',')}`);
    }
    this.pos++;
    const spec = this.dialect.field(path);
    if (spec === undefined) throw new FilterSyntaxError({ kind: 'field', reason: `field is not valid: ${path}`, field: path });
    if (!spec.operators.includes(op)) {
      throw new FilterSyntaxError({
        kind: 'operator',
        reason: `The supplied combination of operator and field is not currently supported. Operator: ${op}, Field: ${path}`,
        field: path,
        operator: op,
      });
    }
    if (op === 'pr') return (item) => isPresent(spec.get(item));
    const operand = this.parseLiteral(path, spec);
    return compileComparison(spec, op, operand, this.dialect.caseInsensitive);
  }

  private parseLiteral(path: string, spec: FieldSpec<T>): Literal {
    const token = this.tokens[this.pos];
    if (token === undefined || token.kind === 'lparen' || token.kind === 'rparen') {
      throw syntax(`Expected a value for '${path}'`);
    }
    this.pos++;
    let value: Literal;
    if (token.kind === 'string') {
      value = token.text;
    } else {
      if (this.dialect.quotedOnly) {
        throw new FilterSyntaxError({ kind: 'value', reason: `Value for '${path}' must be double-quoted: ${token.text}`, field: path });
      }
      const bare = bareLiteral(token.text);
      if (bare === undefined) throw syntax(`Invalid value '${token.text}' at position ${token.at}`);
      value = bare;
    }
    if (spec.type === 'date' && (typeof value !== 'string' || parseInstant(value) === null)) {
      throw new FilterSyntaxError({ kind: 'value', reason: `Invalid date for '${path}': ${String(value)}`, field: path });
    }
    if (spec.type === 'string' && typeof value !== 'string' && value !== null) {
      throw new FilterSyntaxError({ kind: 'value', reason: `Value for '${path}' must be a string`, field: path });
    }
    return value;
  }
}

function isOperator(op: string): op is FilterOperator {
  return (FILTER_OPERATORS as readonly string[]).includes(op);
}

function bareLiteral(text: string): Literal | undefined {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return undefined;
}

/** A field map as a dialect lookup; `Object.hasOwn` keeps `__proto__` and friends out. */
export function fieldTable<T>(table: Record<string, FieldSpec<T>>): (path: string) => FieldSpec<T> | undefined {
  return (path) => (Object.hasOwn(table, path) ? table[path] : undefined);
}
