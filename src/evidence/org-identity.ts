import { hostname } from 'node:os';
import type { SyncOrgIdentity } from '../store/types.js';

export const SIMULATED_NOTICE = 'SIMULATED ORG: this evidence comes from the built-in Okta simulator, not a real Okta org.';

/** The `simulated` member of a manifest or header: present only for a simulated org, so it cannot be overlooked. */
export function simulatedNotice(identity: EvidenceIdentity): { simulated?: string } {
  return identity.orgKind === 'simulated' ? { simulated: SIMULATED_NOTICE } : {};
}

/** Who and what the evidence is about, named in the manifest and every artifact's header (issue 12). */
export interface EvidenceIdentity {
  /** "simulated" for the built-in simulator's org: such evidence can never pass for a real org's. */
  orgKind: 'real' | 'simulated' | 'unknown';
  orgId: string | null;
  domain: string;
  engine: 'Identity Engine' | 'Classic Engine' | 'unknown';
  credential: { type: string | null; principal: string | null };
  /** The machine that produced the export. */
  host: string;
  /** What could not be read, each naming why; empty when everything is known. */
  unknown: string[];
}

export function evidenceIdentity(domain: string, recorded: SyncOrgIdentity | null, host: string = hostname()): EvidenceIdentity {
  if (recorded === null) {
    return {
      orgKind: 'unknown',
      orgId: null,
      domain,
      engine: 'unknown',
      credential: { type: null, principal: null },
      host,
      unknown: ['org id, engine and credential unknown: the sync recorded none (it ran before this version, or could not read them); run a new sync to record them.'],
    };
  }
  return {
    orgKind: recorded.simulated ? 'simulated' : 'real',
    orgId: recorded.orgId,
    domain: recorded.domain,
    engine: recorded.pipeline === 'idx' ? 'Identity Engine' : recorded.pipeline === 'v1' ? 'Classic Engine' : 'unknown',
    credential: recorded.credential,
    host,
    unknown: recorded.unknown,
  };
}
