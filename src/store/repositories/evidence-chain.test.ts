import { expect, it } from 'vitest';
import { describeEachBackend } from '../testing/backend-suite.js';
import { newOrg } from '../testing/fixtures.js';

const AT = new Date('2024-06-08T01:00:00.000Z');
const hash = (c: string) => c.repeat(64);

describeEachBackend('evidence chain on %s', ({ store }) => {
  it('starts empty, then moves only from the head it was given', async () => {
    const org = newOrg();
    expect(await store().evidenceChain.head(org)).toBeUndefined();
    expect(await store().evidenceChain.append(org, { previousSha256: null, manifestSha256: hash('a'), sequence: 1, syncId: 's1', generatedAt: AT })).toBe(true);
    expect(await store().evidenceChain.head(org)).toEqual({ org, sequence: 1, manifestSha256: hash('a'), syncId: 's1', generatedAt: AT });

    // A second "first export" and an export chained to a stale head both lose.
    expect(await store().evidenceChain.append(org, { previousSha256: null, manifestSha256: hash('b'), sequence: 1, syncId: 's2', generatedAt: AT })).toBe(false);
    expect(await store().evidenceChain.append(org, { previousSha256: hash('0'), manifestSha256: hash('b'), sequence: 2, syncId: 's2', generatedAt: AT })).toBe(false);
    expect(await store().evidenceChain.append(org, { previousSha256: hash('a'), manifestSha256: hash('c'), sequence: 2, syncId: null, generatedAt: AT })).toBe(true);
    expect(await store().evidenceChain.head(org)).toMatchObject({ sequence: 2, manifestSha256: hash('c'), syncId: null });
    expect(await store().evidenceChain.head(newOrg())).toBeUndefined();
  });

  it('lets exactly one of two racing exports chain to the same head', async () => {
    const org = newOrg();
    await store().evidenceChain.append(org, { previousSha256: null, manifestSha256: hash('a'), sequence: 1, syncId: null, generatedAt: AT });
    const race = await Promise.all(
      ['b', 'c'].map((c) => store().transaction((tx) => tx.evidenceChain.append(org, { previousSha256: hash('a'), manifestSha256: hash(c), sequence: 2, syncId: null, generatedAt: AT }))),
    );
    expect(race.filter(Boolean)).toHaveLength(1);
  });
});
