/**
 * Secrets the process holds (API tokens, client assertions, access tokens, DPoP proofs). Anything that may reach a
 * log line, an error message or a stored record passes through `redact` first.
 */
export class SecretRegistry {
  private readonly secrets = new Set<string>();

  add(...values: (string | undefined | null)[]): void {
    for (const value of values) {
      // Very short strings would redact ordinary words; real secrets are long.
      if (value !== undefined && value !== null && value.length >= 8) this.secrets.add(value);
    }
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('[REDACTED]');
    return redactAuthHeaders(out);
  }
}

/** Values after credential-bearing schemes or headers are never shown, even when the registry does not know them. */
export function redactAuthHeaders(text: string): string {
  return text
    .replace(/\b(SSWS|Bearer|DPoP)\s+[A-Za-z0-9._~+/=-]{8,}/g, '$1 [REDACTED]')
    .replace(/\b(client_assertion|access_token|refresh_token|id_token)=([^&\s"]+)/g, '$1=[REDACTED]')
    .replace(/"(client_assertion|access_token|refresh_token|id_token|token)"\s*:\s*"[^"]*"/g, '"$1":"[REDACTED]"')
    .replace(/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g, '[REDACTED JWT]');
}
