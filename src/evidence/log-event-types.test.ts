import { describe, expect, it } from 'vitest';
import { logEventTypesOf } from './log-event-types.js';

describe('logEventTypesOf', () => {
  it('lists the union of the recorded types, sorted, once each', () => {
    expect(logEventTypesOf([{ logEventTypes: ['user.session.start', 'policy.evaluate_sign_on'] }, { logEventTypes: ['user.session.start'] }])).toEqual({
      allTypes: false,
      types: ['policy.evaluate_sign_on', 'user.session.start'],
      syncs: 2,
      syncsWithoutTypes: 0,
      statement: 'The 2 syncs that read this period asked Okta for 2 event types (listed in types).',
    });
  });

  it('says every type when one sync read without a filter (an empty list)', () => {
    expect(logEventTypesOf([{ logEventTypes: ['user.session.start'] }, { logEventTypes: [] }])).toMatchObject({
      allTypes: true,
      types: [],
      statement: 'The 2 syncs that read this period asked Okta for every event type (no filter).',
    });
  });

  it('never claims types no sync recorded', () => {
    const unknown = 'The event types are unknown: the syncs that read this period did not record them (they ran before okta-evidence recorded event types).';
    expect(logEventTypesOf([{ logEventTypes: null }])).toEqual({ allTypes: false, types: [], syncs: 1, syncsWithoutTypes: 1, statement: unknown });
    expect(logEventTypesOf([])).toMatchObject({ syncs: 0, statement: unknown });
  });
});
