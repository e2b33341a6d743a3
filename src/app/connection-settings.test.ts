import { describe, expect, it } from 'vitest';
import { checkConnectionName, checkProxyUrl, DEFAULT_CONNECTION_SETTINGS, formatSeconds, resolveConnectionSettings } from './connection-settings.js';
import { InvalidInputError } from './errors.js';

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('connection settings', () => {
  it('defaults to Auto Sync every 6 hours, a 7-day log window, 300 s budget, 30 exports kept', () => {
    expect(resolveConnectionSettings({})).toEqual({ autoSync: true, syncIntervalS: 21_600, logWindowDays: 7, budgetS: 300, eventTypes: null, evidenceRetention: 30 });
  });

  it('reads durations with units, within 15 minutes and 24 hours', () => {
    expect(resolveConnectionSettings({ syncInterval: '15m' }).syncIntervalS).toBe(900);
    expect(resolveConnectionSettings({ syncInterval: '1h30m' }).syncIntervalS).toBe(5400);
    expect(resolveConnectionSettings({ syncInterval: '24h' }).syncIntervalS).toBe(86_400);
    expect(resolveConnectionSettings({ syncInterval: '1d' }).syncIntervalS).toBe(86_400);
    expect(formatSeconds(5400)).toBe('1h30m');
  });

  it.each([
    ['6x', 'the sync interval (--sync-interval) must be a duration such as 6h, 15m or 90s (between 15m and 24h), got "6x"'],
    ['0', 'the sync interval (--sync-interval) must be a duration such as 6h, 15m or 90s (between 15m and 24h), got "0"'],
    ['25h', 'the sync interval (--sync-interval) must be between 15m and 24h, got "25h"'],
    ['14m', 'the sync interval (--sync-interval) must be between 15m and 24h, got "14m"'],
    ['', 'the sync interval (--sync-interval) must be a duration such as 6h, 15m or 90s (between 15m and 24h), got ""'],
  ])('refuses the interval %j in one line', (interval, message) => {
    expect(refusal(() => resolveConnectionSettings({ syncInterval: interval }))).toBe(message);
  });

  it.each([0, 91, '7.5', 'seven', -1])('refuses the log window %j', (days) => {
    expect(refusal(() => resolveConnectionSettings({ logWindowDays: days }))).toMatch(/^the System Log window \(--log-window-days\) must be a whole number from 1 to 90, got/);
  });

  it('changes only what is given, on top of the current settings', () => {
    const current = { ...DEFAULT_CONNECTION_SETTINGS, autoSync: false, logWindowDays: 30 };
    expect(resolveConnectionSettings({ budget: '10m', eventTypes: ['user.session.start', 'user.session.start'] }, current)).toEqual({
      ...current,
      budgetS: 600,
      eventTypes: ['user.session.start'],
    });
    expect(resolveConnectionSettings({ eventTypes: [] }, { ...current, eventTypes: ['x.y'] }).eventTypes).toBeNull();
    expect(refusal(() => resolveConnectionSettings({ eventTypes: ['not an event'] }))).toContain('"not an event" is not a System Log event type');
  });

  it('checks names and proxy URLs, refusing a proxy password that would be stored in clear', () => {
    expect(checkConnectionName(' Acme Prod ')).toBe('Acme Prod');
    expect(refusal(() => checkConnectionName('-x'))).toContain('must be 1–64 letters');
    expect(refusal(() => checkConnectionName('a'.repeat(65)))).toContain('must be 1–64 letters');
    expect(checkProxyUrl('http://proxy.example.com:3128/')).toBe('http://proxy.example.com:3128');
    expect(refusal(() => checkProxyUrl('http://u:secret@proxy.example.com'))).not.toContain('secret');
    expect(refusal(() => checkProxyUrl('socks5://proxy.example.com'))).toContain('http:// or https://');
  });
});
