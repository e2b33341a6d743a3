import { describe, expect, it } from 'vitest';
import { createIdGenerator } from './ids.js';

describe('createIdGenerator', () => {
  it('makes 26-character ids that strictly increase, even within one millisecond or when the clock steps back', () => {
    const newId = createIdGenerator();
    const at = new Date('2024-05-01T00:00:00.000Z');
    const ids = [newId(at), newId(at), newId(at), newId(new Date(at.getTime() - 5)), newId(new Date(at.getTime() + 1))];
    expect(ids.every((id) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('orders ids of later instants after earlier ones across generators', () => {
    const early = createIdGenerator()(new Date('2024-05-01T00:00:00.000Z'));
    const late = createIdGenerator()(new Date('2024-05-01T00:00:00.001Z'));
    expect(early < late).toBe(true);
  });
});
