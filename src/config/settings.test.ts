import { describe, expect, it } from 'vitest';
import { proxySettings } from './env.js';
import { checkLogRetention, checkLogWindowDays, checkReverifyShare, LOG_WINDOW_DAYS } from './settings.js';

describe('settings', () => {
  it('checks the System Log window once, for every caller', () => {
    expect(checkLogWindowDays(LOG_WINDOW_DAYS.default)).toBe(7);
    expect(checkLogWindowDays(90)).toBe(90);
    expect(() => checkLogWindowDays(91, '--log-window-days')).toThrow('--log-window-days must be a whole number from 1 to 90, got 91');
    expect(() => checkLogWindowDays(0)).toThrow('logWindowDays must be a whole number from 1 to 90, got 0');
    expect(() => checkLogWindowDays(1.5)).toThrow('got 1.5');
  });

  it('keeps the log retention at least the window', () => {
    expect(checkLogRetention(400, 7)).toBe(400);
    expect(() => checkLogRetention(5, 7)).toThrow('logRetentionDays (5) must be at least logWindowDays (7)');
  });

  it('bounds the re-verification share', () => {
    expect(checkReverifyShare(0)).toBe(0);
    expect(() => checkReverifyShare(0.9, '--reverify-share')).toThrow('--reverify-share must be a number from 0 to 0.8, got 0.9');
    expect(() => checkReverifyShare(Number.NaN)).toThrow('got NaN');
  });

  it('reads proxy settings in either case, blank as unset', () => {
    expect(proxySettings({})).toBeUndefined();
    expect(proxySettings({ HTTPS_PROXY: ' ' })).toBeUndefined();
    expect(proxySettings({ https_proxy: 'http://proxy.example.com:3128', NO_PROXY: 'localhost' })).toEqual({ httpsProxy: 'http://proxy.example.com:3128', noProxy: 'localhost' });
  });
});
