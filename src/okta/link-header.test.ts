import { describe, expect, it } from 'vitest';
import { findLink, parseLinkHeader } from './link-header.js';

describe('parseLinkHeader', () => {
  it('parses the RFC 8288 §3.5 examples', () => {
    expect(parseLinkHeader('<http://example.com/TheBook/chapter2>; rel="previous"; title="previous chapter"')).toEqual([
      { uri: 'http://example.com/TheBook/chapter2', rel: ['previous'], params: { rel: 'previous', title: 'previous chapter' } },
    ]);
    expect(parseLinkHeader('</>; rel="http://example.net/foo"')).toEqual([{ uri: '/', rel: ['http://example.net/foo'], params: { rel: 'http://example.net/foo' } }]);
    expect(parseLinkHeader('</terms>; rel="copyright"; anchor="#foo"')[0]?.params).toEqual({ rel: 'copyright', anchor: '#foo' });
    const two = parseLinkHeader('</TheBook/chapter2>; rel="previous"; title*=UTF-8\'de\'letztes%20Kapitel, </TheBook/chapter4>; rel="next"; title*=UTF-8\'de\'n%c3%a4chstes%20Kapitel');
    expect(two.map((l) => [l.uri, l.rel])).toEqual([
      ['/TheBook/chapter2', ['previous']],
      ['/TheBook/chapter4', ['next']],
    ]);
    expect(two[1]?.params['title*']).toBe("UTF-8'de'n%c3%a4chstes%20Kapitel");
    expect(parseLinkHeader('<http://example.org/>; rel="start http://example.net/relation/other"')[0]?.rel).toEqual(['start', 'http://example.net/relation/other']);
  });

  it('reads Okta-style headers: one per relation, as an array or comma-joined', () => {
    const self = '<https://example.okta.com/api/v1/logs?limit=20>; rel="self"';
    const next = '<https://example.okta.com/api/v1/logs?limit=20&after=1627500044869_1>; rel="next"';
    expect(findLink([self, next], 'next')).toBe('https://example.okta.com/api/v1/logs?limit=20&after=1627500044869_1');
    expect(findLink(`${self}, ${next}`, 'next')).toBe('https://example.okta.com/api/v1/logs?limit=20&after=1627500044869_1');
    expect(findLink(self, 'next')).toBeUndefined();
    expect(findLink(undefined, 'next')).toBeUndefined();
  });

  it('keeps commas and semicolons inside the target', () => {
    expect(findLink('<https://example.okta.com/api/v1/users?filter=a,b;c&after=x>; rel=next', 'next')).toBe(
      'https://example.okta.com/api/v1/users?filter=a,b;c&after=x',
    );
  });

  it('handles unquoted, case-varied and multi-valued rel, and escapes in quoted strings', () => {
    expect(findLink('<a>; REL=Next', 'next')).toBe('a');
    expect(findLink('<a>; rel="last next"', 'next')).toBe('a');
    expect(parseLinkHeader('<a>; title="say \\"hi\\", then; go"; rel=next')[0]).toEqual({
      uri: 'a',
      rel: ['next'],
      params: { title: 'say "hi", then; go', rel: 'next' },
    });
  });

  it('uses only the first rel parameter (RFC 8288 §3.3)', () => {
    expect(parseLinkHeader('<a>; rel=prev; rel=next')[0]?.rel).toEqual(['prev']);
  });

  it('skips malformed values and keeps the good ones', () => {
    expect(parseLinkHeader('garbage, <b>; rel=next, <unterminated; rel=next').map((l) => l.uri)).toEqual(['b']);
    expect(parseLinkHeader(', ,')).toEqual([]);
    expect(parseLinkHeader('<a>; rel="unterminated')[0]?.rel).toEqual(['unterminated']);
  });

  it('parses a 100,000-character hostile header in linear time', () => {
    const n = 100_000;
    const headers = [
      `<${'a'.repeat(n)}`, // never-closed target
      `<a>${'; x'.repeat(n / 3)}`, // endless params without values
      `<a>; rel="${'\\"'.repeat(n / 2)}`, // endless escapes in an unterminated quoted string
      `${', '.repeat(n / 2)}<z>; rel=next`, // empty list elements
      `${'<a>; rel=prev, '.repeat(n / 15)}<last>; rel=next`, // thousands of links
    ];
    const timed = headers.map((h) => {
      const started = performance.now();
      const next = findLink(h, 'next');
      return { next, ms: performance.now() - started };
    });
    expect(timed.map((t) => t.next)).toEqual([undefined, undefined, undefined, 'z', 'last']);
    // An algorithmic guard, not a benchmark: a backtracking parser takes minutes per case here, this one milliseconds.
    for (const { ms } of timed) expect(ms).toBeLessThan(1000);
  });
});
