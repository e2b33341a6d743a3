/** How one `attr op value` is evaluated: SCIM semantics for absent, multi-valued, date, number and string values. */

import type { FieldSpec, FilterOperator, Predicate } from './filter.js';

export type Literal = string | number | boolean | null;

/**
 * A multi-valued attribute too large to list (e.g. the users assigned to an app): only membership can be tested,
 * so it supports `eq` and `ne` only.
 */
export class Membership {
  constructor(readonly has: (value: string) => boolean) {}
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Milliseconds for an ISO-8601 timestamp with a zone (Okta's `yyyy-MM-dd'T'HH:mm:ss.SSSZZ`), else null. */
export function parseInstant(text: string): number | null {
  if (!ISO_INSTANT.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.some(isPresent);
  return true;
}

type Scalar = string | number | boolean;

/** Builds the test for one `attr op value`; the operand is normalised once, not per item. */
export function compileComparison<T>(spec: FieldSpec<T>, op: Exclude<FilterOperator, 'pr'>, operand: Literal, caseInsensitive: boolean): Predicate<T> {
  if (operand === null) {
    return (item) => {
      const absent = !isPresent(spec.get(item));
      return op === 'ne' ? !absent : op === 'eq' && absent;
    };
  }
  const matchOne = scalarMatcher(spec.type, op, operand, caseInsensitive);
  const equalsOne = scalarMatcher(spec.type, 'eq', operand, caseInsensitive);
  return (item) => {
    const actual = spec.get(item);
    if (actual instanceof Membership) {
      const found = typeof operand === 'string' && actual.has(operand);
      return op === 'ne' ? !found : op === 'eq' && found;
    }
    if (Array.isArray(actual)) {
      // SCIM multi-valued attributes: a match on any element matches; `ne` means no element equals the operand.
      if (op === 'ne') return !actual.some((v) => isScalar(v) && equalsOne(v));
      return actual.some((v) => isScalar(v) && matchOne(v));
    }
    if (!isScalar(actual)) return op === 'ne';
    return matchOne(actual);
  };
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function scalarMatcher(
  type: FieldSpec<unknown>['type'],
  op: Exclude<FilterOperator, 'pr'>,
  operand: Scalar,
  caseInsensitive: boolean,
): (actual: Scalar) => boolean {
  if (type === 'date' && typeof operand === 'string') {
    const target = parseInstant(operand) ?? Number.NaN;
    return (actual) => {
      const ms = typeof actual === 'string' ? Date.parse(actual) : Number.NaN;
      return !Number.isNaN(ms) && order(op, ms === target ? 0 : ms < target ? -1 : 1);
    };
  }
  if (typeof operand === 'number') {
    return (actual) => {
      const n = typeof actual === 'number' ? actual : typeof actual === 'string' && actual.trim() !== '' ? Number(actual) : Number.NaN;
      return !Number.isNaN(n) && order(op, n === operand ? 0 : n < operand ? -1 : 1);
    };
  }
  if (typeof operand === 'boolean') {
    return (actual) => (op === 'eq' ? actual === operand : op === 'ne' ? actual !== operand : false);
  }
  const fold = (s: string): string => (caseInsensitive ? s.toLowerCase() : s);
  const target = fold(operand);
  return (actual) => {
    const value = fold(String(actual));
    switch (op) {
      case 'sw':
        return value.startsWith(target);
      case 'ew':
        return value.endsWith(target);
      case 'co':
        return value.includes(target);
      default:
        return order(op, value === target ? 0 : value < target ? -1 : 1);
    }
  };
}

/** Whether a three-way comparison result satisfies an ordering operator. */
function order(op: Exclude<FilterOperator, 'pr'>, cmp: number): boolean {
  switch (op) {
    case 'eq':
      return cmp === 0;
    case 'ne':
      return cmp !== 0;
    case 'gt':
      return cmp > 0;
    case 'ge':
      return cmp >= 0;
    case 'lt':
      return cmp < 0;
    case 'le':
      return cmp <= 0;
    default:
      return false;
  }
}

