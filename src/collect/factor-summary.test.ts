import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone, summarizeFactorProfile } from './factor-summary.js';

describe('summarizeFactorProfile', () => {
  it.each([
    ['sms', { phoneNumber: '+1-555-415-1337' }, 'phone ***37'],
    ['call', { phoneNumber: '+1 (555) 010-0142', phoneExtension: '99' }, 'phone ***42'],
    ['push', { credentialId: 'ada@example.com', deviceType: 'SmartPhone_IPhone', name: 'iPhone 15', platform: 'IOS', version: '17.4' }, 'iPhone 15 (IOS)'],
    ['signed_nonce', { credentialId: 'ada@example.com', name: 'MacBook Pro', platform: 'MACOS' }, 'MacBook Pro (MACOS)'],
    ['signed_nonce', { platform: 'WINDOWS' }, 'WINDOWS'],
    ['webauthn', { credentialId: 'AHoOEhwv…', authenticatorName: 'YubiKey 5 NFC' }, 'YubiKey 5 NFC'],
    ['u2f', { credentialId: 'x' }, null],
    ['email', { email: 'ada.lovelace@example.com' }, 'email a***@example.com'],
    ['question', { question: 'disliked_food', questionText: 'What is the food you least liked as a child?' }, 'security question'],
    ['token:software:totp', { credentialId: 'ada@example.com' }, null],
    ['token:hardware', { credentialId: 'cccccc123456' }, null],
    ['brand_new_type', { secret: 'x' }, null],
  ])('%s → %s', (type, profile, expected) => {
    expect(summarizeFactorProfile(type, profile)).toBe(expected);
  });

  it('has nothing to say without a profile, and strips control characters from names', () => {
    expect(summarizeFactorProfile('push', null)).toBeNull();
    expect(summarizeFactorProfile('webauthn', { authenticatorName: 'Key\n[ERROR] forged line' })).toBe('Key [ERROR] forged line');
  });

  it('masks odd phone numbers and addresses without revealing them', () => {
    expect(maskPhone('7')).toBe('phone ***');
    expect(maskEmail('no-at-sign')).toBe('email ***');
  });
});
