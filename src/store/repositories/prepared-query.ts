import { createQueryId, type Compilable, type CompiledQuery } from 'kysely';
import type { StoreDb } from '../schema.js';
import { prepareOnEachConnection } from '../statement-names.js';

/**
 * A value no caller passes: it marks where a call's value goes among the compiled query's parameters. Mixed case, so
 * a build that lowers or uppercases a value is caught like one that wraps it.
 */
const PLACEHOLDER_MARK = '\u0000Prepared-Query-Value-';
const placeholder = (index: number): string => `${PLACEHOLDER_MARK}${index}`;

/** Distinct shapes kept compiled per query: filters combine into a few dozen; past this the cache starts again. */
const SHAPES_KEPT = 500;

interface Compiled<Row> {
  query: CompiledQuery<Row>;
  /** For each parameter of the compiled query, the index of the call's value it takes, or -1 for a constant. */
  slots: number[];
}

/**
 * A query whose shape depends on its arguments (which filters are set, how many statuses are asked for, whether a
 * page has a cursor), built and compiled by Kysely once per shape and then run with each call's values. Kysely builds
 * and compiles every query afresh: for a filtered page of users that cost more than SQLite's own work on some pages,
 * and every API request makes the same few shapes.
 *
 * `args` is made of plain objects and arrays. Its strings and numbers are the values: `build` gets a placeholder in
 * place of each and must pass it on as a whole value (compared, inserted, limited by), never computed with or put
 * inside a larger string; a build that does is refused the first time it runs. Booleans, null, undefined and the
 * lengths of arrays are part of the shape, so `build` may branch on them. One instance per repository context: the
 * SQL is the context's dialect's.
 */
export function shapedQuery<Args, Row>(build: (db: StoreDb, args: Args) => Compilable<Row>): (db: StoreDb, args: Args) => Promise<Row[]> {
  const byShape = new Map<string, Compiled<Row>>();
  return async (db, args) => {
    const values: unknown[] = [];
    const shaped = withPlaceholders(args, values) as Args;
    const shape = JSON.stringify(shaped);
    let compiled = byShape.get(shape);
    if (compiled === undefined) {
      compiled = compile(build(db, shaped), values.length);
      if (byShape.size >= SHAPES_KEPT) byShape.clear();
      byShape.set(shape, compiled);
    }
    const { query, slots } = compiled;
    const parameters = query.parameters.map((parameter, index) => (slots[index] === -1 ? parameter : values[slots[index] as number]));
    return (await db.executeQuery<Row>({ ...query, parameters, queryId: createQueryId() })).rows;
  };
}

/** A query of fixed shape whose values are all strings: `shapedQuery` with the values as arguments. */
export function preparedQuery<Values extends readonly string[], Row>(build: (db: StoreDb, ...values: Values) => Compilable<Row>): (db: StoreDb, ...values: Values) => Promise<Row[]> {
  const query = shapedQuery((db: StoreDb, values: Values) => build(db, ...values));
  return (db, ...values) => query(db, values);
}

function compile<Row>(built: Compilable<Row>, valueCount: number): Compiled<Row> {
  const query = built.compile();
  prepareOnEachConnection(query.sql);
  const slots = query.parameters.map((parameter) => {
    if (typeof parameter !== 'string' || !parameter.toLowerCase().includes(PLACEHOLDER_MARK.toLowerCase())) return -1;
    const index = Number(parameter.slice(PLACEHOLDER_MARK.length));
    if (parameter !== placeholder(index)) throw new Error(`A prepared query computes with one of its values instead of passing it whole: ${query.sql}`);
    return index;
  });
  for (let index = 0; index < valueCount; index += 1) {
    if (!slots.includes(index)) throw new Error(`A prepared query does not use each of its values as a parameter: ${query.sql}`);
  }
  return { query, slots };
}

/** `value` with each string and number replaced by a placeholder, the replaced values appended to `values` in order. */
function withPlaceholders(value: unknown, values: unknown[]): unknown {
  if (typeof value === 'string' || typeof value === 'number') {
    values.push(value);
    return placeholder(values.length - 1);
  }
  if (Array.isArray(value)) return value.map((each) => withPlaceholders(each, values));
  if (typeof value === 'object' && value !== null) {
    if (Object.getPrototypeOf(value) !== Object.prototype) throw new Error('A prepared query takes plain objects, arrays, strings, numbers, booleans and null.');
    const shaped: Record<string, unknown> = {};
    for (const [key, each] of Object.entries(value)) shaped[key] = withPlaceholders(each, values);
    return shaped;
  }
  if (typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function') throw new Error(`A prepared query cannot take a ${typeof value}.`);
  return value;
}
