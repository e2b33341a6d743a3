import { describe, expect, it } from 'vitest';
import { Membership, fieldTable, parseFilter, parseInstant, type FieldSpec, type FilterDialect, type FilterOperator } from './filter.js';

interface Row {
  name: string;
  status: string;
  when: string;
  tags: string[];
  size?: number | null;
  members: string[];
}

const ALL: readonly FilterOperator[] = ['eq', 'ne', 'sw', 'co', 'ew', 'gt', 'ge', 'lt', 'le', 'pr'];
const spec = (type: FieldSpec<Row>['type'], get: (r: Row) => unknown, operators = ALL): FieldSpec<Row> => ({ operators, type, get });

function dialect(overrides: Partial<FilterDialect<Row>> = {}): FilterDialect<Row> {
  return {
    field: fieldTable<Row>({
      name: spec('string', (r) => r.name),
      status: spec('string', (r) => r.status, ['eq']),
      when: spec('date', (r) => r.when),
      tags: spec('string', (r) => r.tags),
      size: spec('any', (r) => r.size),
      member: spec('string', (r) => new Membership((v) => r.members.includes(v))),
    }),
    quotedOnly: false,
    caseInsensitive: false,
    ...overrides,
  };
}

const rows: Row[] = [
  { name: 'Alpha', status: 'ACTIVE', when: '2026-01-01T00:00:00.000Z', tags: ['a', 'b'], size: 3, members: ['u1'] },
  { name: 'Beta', status: 'INACTIVE', when: '2026-02-01T00:00:00.000Z', tags: [], size: null, members: [] },
  { name: 'Gamma "G"', status: 'ACTIVE', when: '2026-03-01T00:00:00.000+01:00', tags: ['b'], members: ['u1', 'u2'] },
];

function select(text: string, d = dialect()): string[] {
  const parsed = parseFilter(text, d);
  if (!parsed.ok) throw new Error(parsed.error.reason);
  return rows.filter(parsed.test).map((r) => r.name);
}

function errorOf(text: string, d = dialect()) {
  const parsed = parseFilter(text, d);
  return parsed.ok ? null : parsed.error;
}

describe('parseFilter', () => {
  it('gives and precedence over or, honours parentheses, and reads operators in any case', () => {
    expect(select('name eq "Alpha" or name eq "Beta" and status eq "ACTIVE"')).toEqual(['Alpha']);
    expect(select('(name eq "Alpha" or name eq "Beta") and status eq "INACTIVE"')).toEqual(['Beta']);
    expect(select('name EQ "Beta" OR name Sw "Gam"')).toEqual(['Beta', 'Gamma "G"']);
  });

  it('reads escaped quotes inside strings', () => {
    expect(select('name eq "Gamma \\"G\\""')).toEqual(['Gamma "G"']);
  });

  it('compares dates as instants, whatever the zone', () => {
    expect(select('when gt "2026-02-28T23:30:00.000Z"')).toEqual([]);
    expect(select('when ge "2026-02-28T23:00:00.000Z"')).toEqual(['Gamma "G"']);
    expect(select('when lt "2026-02-01T00:00:00Z"')).toEqual(['Alpha']);
  });

  it('matches multi-valued attributes on any element, and ne on none', () => {
    expect(select('tags eq "b"')).toEqual(['Alpha', 'Gamma "G"']);
    expect(select('tags ne "a"')).toEqual(['Beta', 'Gamma "G"']);
    expect(select('tags pr')).toEqual(['Alpha', 'Gamma "G"']);
  });

  it('tests Membership attributes with eq and ne', () => {
    expect(select('member eq "u2"')).toEqual(['Gamma "G"']);
    expect(select('member ne "u1"')).toEqual(['Beta']);
  });

  it('reads bare numbers, booleans and null when the dialect allows them', () => {
    expect(select('size gt 2')).toEqual(['Alpha']);
    expect(select('size eq null')).toEqual(['Beta', 'Gamma "G"']);
    expect(select('size pr')).toEqual(['Alpha']);
  });

  it('folds case only in case-insensitive dialects', () => {
    expect(select('name eq "alpha"')).toEqual([]);
    expect(select('name eq "alpha"', dialect({ caseInsensitive: true }))).toEqual(['Alpha']);
    expect(select('name co "AMM"', dialect({ caseInsensitive: true }))).toEqual(['Gamma "G"']);
  });

  it.each([
    ['', 'syntax'],
    ['name eq', 'syntax'],
    ['name eq "x" and', 'syntax'],
    ['(name eq "x"', 'syntax'],
    ['name eq "x")', 'syntax'],
    ['name eq "unterminated', 'syntax'],
    ['name like "x"', 'syntax'],
    ['not name eq "x"', 'syntax'],
    ['name eq "x" name eq "y"', 'syntax'],
    ['height eq "x"', 'field'],
    ['__proto__ eq "x"', 'field'],
    ['status sw "A"', 'operator'],
    ['when gt "last week"', 'value'],
    ['name eq 5', 'value'],
  ])('refuses %j as a %s error', (text, kind) => {
    expect(errorOf(text)?.kind).toBe(kind);
  });

  it('refuses bare values in quoted-only dialects', () => {
    expect(errorOf('size gt 2', dialect({ quotedOnly: true }))).toMatchObject({ kind: 'value', field: 'size' });
  });

  it('refuses pathological nesting instead of overflowing the stack', () => {
    const deep = '('.repeat(10_000) + 'name eq "x"' + ')'.repeat(10_000);
    expect(errorOf(deep)?.kind).toBe('syntax');
  });

  it('parses long expressions in linear time', () => {
    const terms = Array.from({ length: 20_000 }, (_, i) => `name eq "n${i}"`).join(' or ');
    const started = performance.now();
    const parsed = parseFilter(terms + ' or name eq "Beta"', dialect());
    expect(performance.now() - started).toBeLessThan(2000);
    expect(parsed.ok && rows.filter(parsed.test).map((r) => r.name)).toEqual(['Beta']);
    const quotes = '"'.repeat(50_001);
    const t0 = performance.now();
    expect(parseFilter(`name eq ${quotes}`, dialect()).ok).toBe(false);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('parseInstant', () => {
  it('accepts Okta ISO-8601 timestamps with a zone and nothing else', () => {
    expect(parseInstant('2026-01-01T00:00:00.000Z')).toBe(Date.UTC(2026, 0, 1));
    expect(parseInstant('2017-06-10T00:00:00+00:00')).toBe(Date.UTC(2017, 5, 10));
    expect(parseInstant('2026-01-01')).toBeNull();
    expect(parseInstant('2026-13-45T00:00:00Z')).toBeNull();
    expect(parseInstant('1700000000')).toBeNull();
  });
});
