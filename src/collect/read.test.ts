import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OktaClientError } from '../okta/errors.js';
import { DatasetReport } from './dataset-report.js';
import { describeIssues, isAbort, isPermissionDenied, listItems, parseRecords } from './read.js';
import { scriptedClient } from './testing/scripted-client.js';

async function drain(source: AsyncIterable<unknown>): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const item of source) items.push(item);
  return items;
}

describe('listItems', () => {
  it('yields every item across pages and leaves a complete list complete', async () => {
    const { client } = scriptedClient((url) => (url.searchParams.get('after') === null ? { body: [1, 2], next: '/api/v1/users?after=c2' } : { body: [3] }));
    const report = new DatasetReport('users');
    expect(await drain(listItems({ client, signal: new AbortController().signal }, { label: 'the user list', path: '/api/v1/users' }, report))).toEqual([1, 2, 3]);
    expect(report.toStatus(3)).toEqual({ dataset: 'users', state: 'complete', count: 3 });
  });

  it('makes the dataset partial, with the reason, when Okta repeats a next link', async () => {
    const { client, requests } = scriptedClient(() => ({ body: [1], next: '/api/v1/groups?after=same' }));
    const report = new DatasetReport('groups');

    const items = await drain(listItems({ client, signal: new AbortController().signal }, { label: 'the group list', path: '/api/v1/groups' }, report));

    expect(items).toEqual([1, 1]);
    expect(requests).toHaveLength(2);
    expect(report.toStatus(1)).toMatchObject({ state: 'partial', reason: expect.stringMatching(/^the group list ended early: Okta repeated a next link/) as unknown });
  });

  it('lets a failure the client throws propagate', async () => {
    const { client } = scriptedClient(() => new OktaClientError('OKTA_TOKEN_INVALID', 'The API token is invalid'));
    const report = new DatasetReport('users');
    await expect(drain(listItems({ client, signal: new AbortController().signal }, { label: 'the user list', path: '/api/v1/users' }, report))).rejects.toMatchObject({ code: 'OKTA_TOKEN_INVALID' });
  });
});

describe('parseRecords', () => {
  const schema = z.object({ id: z.string(), name: z.string() });

  async function* from(items: unknown[]): AsyncGenerator {
    for (const item of items) {
      await Promise.resolve();
      yield item;
    }
  }

  it('yields what parses and records the rest by id, or by position when there is no id', async () => {
    const report = new DatasetReport('groups');
    const seen: string[] = [];
    const records = await drain(
      parseRecords(from([{ id: 'a', name: 'A' }, { id: 'b' }, { name: 'no id' }, 'not an object']), { schema, map: (g) => g.id, report, onRecord: (id) => seen.push(id), errorIdPrefix: 'x/' }),
    );
    expect(records).toEqual(['a']);
    expect(seen).toEqual(['a']);
    expect(report.errors.map((e) => e.entityId)).toEqual(['x/b', 'x/#3', 'x/#4']);
    expect(report.toStatus(1)).toMatchObject({ state: 'partial', reason: '3 records could not be parsed (kept as collection errors with their ids)' });
  });
});

describe('describeIssues', () => {
  it('names paths, never the values', () => {
    const result = z.object({ profile: z.object({ login: z.string() }), status: z.string() }).safeParse({ profile: { login: 42 }, status: { secret: 'hunter2' } });
    expect(result.success).toBe(false);
    const text = result.success ? '' : describeIssues(result.error);
    expect(text).toMatch(/^profile\.login: .+; status: .+$/);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('42');
  });
});

describe('failure classification', () => {
  it('treats a 403 for a role or a scope as permission denied, and OKTA_ABORTED as an abort only once the signal aborted', () => {
    expect(isPermissionDenied(new OktaClientError('OKTA_PERMISSION_DENIED', 'x'))).toBe(true);
    expect(isPermissionDenied(new OktaClientError('OKTA_SCOPE_MISSING', 'x'))).toBe(true);
    expect(isPermissionDenied(new OktaClientError('OKTA_NOT_FOUND', 'x'))).toBe(false);
    const controller = new AbortController();
    const aborted = new OktaClientError('OKTA_ABORTED', 'x');
    expect(isAbort(aborted, controller.signal)).toBe(false);
    controller.abort();
    expect(isAbort(aborted, controller.signal)).toBe(true);
    expect(isAbort(new OktaClientError('OKTA_SERVER_ERROR', 'x'), controller.signal)).toBe(false);
  });
});
