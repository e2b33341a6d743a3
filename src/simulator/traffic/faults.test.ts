import { describe, expect, it } from 'vitest';
import { faultsSchema } from '../options.js';
import { drawRequestFault, hasNextLink, isSlowPage, linkHeaderText, PageCounter, pageShapeOf, truncatePayload } from './faults.js';

describe('drawRequestFault', () => {
  const always = (): number => 0.999_999;

  it('drops first, then fails with the configured status, and draws nothing for rates of zero', () => {
    expect(drawRequestFault(faultsSchema.parse({ dropConnectionRate: 1, serverErrorRate: 1 }), always)).toEqual({ kind: 'drop' });
    expect(drawRequestFault(faultsSchema.parse({ serverErrorRate: 1, serverErrorStatus: 503 }), always)).toEqual({
      kind: 'server-error',
      status: 503,
    });
    const never = (): number => {
      throw new Error('drew a number');
    };
    expect(drawRequestFault(faultsSchema.parse({}), never)).toBeNull();
  });

  it('follows the rate', () => {
    let x = 0;
    const sweep = (): number => (x++ % 100) / 100;
    const faults = faultsSchema.parse({ serverErrorRate: 0.3 });
    const hits = Array.from({ length: 100 }, () => drawRequestFault(faults, sweep)).filter((f) => f !== null).length;
    expect(hits).toBe(30);
  });
});

describe('page detection', () => {
  const next = '<http://x/api/v1/users>; rel="self", <http://x/api/v1/users?after=a>; rel="next"';

  it('reads Link headers set as one value or one per relation', () => {
    expect(linkHeaderText(['<a>; rel="self"', '<b>; rel="next"'])).toBe('<a>; rel="self", <b>; rel="next"');
    expect(linkHeaderText(undefined)).toBe('');
    expect(hasNextLink(next)).toBe(true);
    expect(hasNextLink('<http://x/api/v1/users>; rel="self"')).toBe(false);
  });

  it('recognises list pages: 200 JSON arrays, 200s with links, and the iam/assignees body-link shape', () => {
    expect(pageShapeOf(200, '[{"id":1}]', '')).toEqual({ isList: true, hasNext: false });
    expect(pageShapeOf(200, '[{"id":1}]', next)).toEqual({ isList: true, hasNext: true });
    expect(pageShapeOf(200, '{"value":[],"_links":{"next":{"href":"http://x?after=a"}}}', '')).toEqual({ isList: true, hasNext: true });
    expect(pageShapeOf(200, '{"value":[],"_links":{}}', '')).toEqual({ isList: true, hasNext: false });
    expect(pageShapeOf(200, '{"id":1}', '')).toEqual({ isList: false, hasNext: false });
    expect(pageShapeOf(200, '{not json', '')).toEqual({ isList: false, hasNext: false });
    expect(pageShapeOf(429, '[]', next)).toEqual({ isList: false, hasNext: false });
  });

  it('calls page 2+ and pages with a next link slow', () => {
    expect(isSlowPage(true, { isList: true, hasNext: false })).toBe(true);
    expect(isSlowPage(false, { isList: true, hasNext: true })).toBe(true);
    expect(isSlowPage(false, { isList: true, hasNext: false })).toBe(false);
    expect(isSlowPage(true, { isList: false, hasNext: false })).toBe(false);
  });
});

describe('truncatePayload', () => {
  it('cuts strings and buffers in half so JSON no longer parses', () => {
    const body = JSON.stringify([{ id: '00u1' }, { id: '00u2' }]);
    const cut = truncatePayload(body);
    expect(cut).toBe(body.slice(0, body.length / 2));
    expect(() => JSON.parse(cut as string) as unknown).toThrow();
    expect(truncatePayload(Buffer.from('[]'))).toEqual(Buffer.from('['));
  });
});

describe('PageCounter', () => {
  it('counts per setting and restarts for a new setting', () => {
    const counter = new PageCounter();
    const a = { pathPrefix: '/api/v1/users', pageNumber: 2 };
    expect(counter.next(a)).toBe(1);
    expect(counter.next(a)).toBe(2);
    expect(counter.next({ ...a })).toBe(1);
  });
});
