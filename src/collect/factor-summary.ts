/**
 * A factor's `profile` reduced to what evidence needs and nothing that could be used against the user
 * (OKTA-API.md §6.1): phone numbers keep their last 2 digits, device and authenticator names stay, email addresses
 * keep their first character and domain. Credential ids, security-question text and every other field are left out.
 */

const MAX_LENGTH = 120;

function text(profile: Record<string, unknown>, key: string): string | undefined {
  const value = profile[key];
  if (typeof value !== 'string') return undefined;
  // Control characters have no place in a label; they could forge lines in a report.
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  return clean === '' ? undefined : clean.slice(0, MAX_LENGTH);
}

/** `+1-555-415-1337` → `phone ***37`. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 2 ? `phone ***${digits.slice(-2)}` : 'phone ***';
}

/** `alice.smith@example.com` → `email a***@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return 'email ***';
  return `email ${email.charAt(0)}***${email.slice(at)}`;
}

function deviceLabel(profile: Record<string, unknown>): string | null {
  const name = text(profile, 'name');
  const platform = text(profile, 'platform');
  if (name === undefined) return platform ?? null;
  return platform === undefined ? name : `${name} (${platform})`;
}

export function summarizeFactorProfile(factorType: string, profile: Record<string, unknown> | null): string | null {
  if (profile === null) return null;
  const phone = text(profile, 'phoneNumber');
  if (phone !== undefined) return maskPhone(phone);
  switch (factorType) {
    case 'push':
    case 'signed_nonce':
      return deviceLabel(profile);
    case 'webauthn':
    case 'u2f':
      return text(profile, 'authenticatorName') ?? null;
    case 'email': {
      const email = text(profile, 'email');
      return email === undefined ? null : maskEmail(email);
    }
    case 'question':
      // The question is a hint to the answer; "never store recovery questions" applies here too.
      return 'security question';
    default:
      return null;
  }
}
