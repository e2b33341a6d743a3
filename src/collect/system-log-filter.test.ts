import { describe, expect, it } from 'vitest';
import { DEFAULT_LOG_EVENT_TYPES } from './collector.js';
import { assertLogEventTypes, buildLogFilters, MAX_FILTER_LENGTH } from './system-log-filter.js';

describe('buildLogFilters', () => {
  it('splits the default types into a few filters under the length limit that together name every type once', () => {
    const filters = buildLogFilters(DEFAULT_LOG_EVENT_TYPES);
    expect(filters.length).toBeGreaterThan(1);
    expect(filters.length).toBeLessThanOrEqual(4);
    const terms = filters.flatMap((filter) => {
      expect(filter?.length).toBeLessThanOrEqual(MAX_FILTER_LENGTH);
      return (filter ?? '').split(' or ');
    });
    expect(terms).toEqual(DEFAULT_LOG_EVENT_TYPES.map((type) => `eventType eq "${type}"`));
  });

  it('reads a prefix written `a.b.*` with sw, dropping the types it already covers and duplicates', () => {
    expect(buildLogFilters(['user.mfa.factor.activate', 'user.mfa.*', 'user.session.start', 'user.session.start'])).toEqual([
      'eventType sw "user.mfa." or eventType eq "user.session.start"',
    ]);
  });

  it('reads every event type when the list is empty', () => {
    expect(buildLogFilters([])).toEqual([undefined]);
  });

  it('refuses anything that is not a dotted event type, so a value cannot break out of its quotes', () => {
    expect(() => assertLogEventTypes(['user.session.start" or eventType pr "'])).toThrow(TypeError);
    expect(() => buildLogFilters(['user session'])).toThrow(/not a System Log event type/);
    expect(() => assertLogEventTypes(['*'])).toThrow(TypeError);
    expect(() => assertLogEventTypes(['user.*', 'policy.rule.update'])).not.toThrow();
  });

  it('reads by default the events that evidence MFA enforced at sign-in', () => {
    expect(DEFAULT_LOG_EVENT_TYPES).toEqual(expect.arrayContaining(['policy.evaluate_sign_on', 'user.authentication.auth_via_mfa', 'user.mfa.okta_verify', 'user.authentication.auth_via_IDP']));
  });
});
