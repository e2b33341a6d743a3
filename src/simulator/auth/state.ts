import { AccessTokenStore } from './access-tokens.js';
import { CredentialUsage } from './credential-usage.js';
import { DpopNonces } from './dpop-nonces.js';
import { ReplayCache } from './replay-cache.js';

/** Everything authentication remembers, created once per registered app: no module-level state. */
export interface AuthState {
  tokens: AccessTokenStore;
  /** Used client assertion `jti`s (single use until `exp`). */
  assertionJtis: ReplayCache;
  /** Used DPoP proof `jti`s, per key thumbprint. */
  proofJtis: ReplayCache;
  nonces: DpopNonces;
  usage: CredentialUsage;
}

export function newAuthState(): AuthState {
  return {
    tokens: new AccessTokenStore(),
    assertionJtis: new ReplayCache(),
    proofJtis: new ReplayCache(),
    nonces: new DpopNonces(),
    usage: new CredentialUsage(),
  };
}
