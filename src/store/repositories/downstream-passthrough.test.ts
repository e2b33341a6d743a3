import { expect, it } from 'vitest';
import { describeEachBackend } from '../testing/backend-suite.js';
import { newOrg } from '../testing/fixtures.js';

describeEachBackend('downstream passthrough on %s', ({ store }) => {
  it('keeps every attestation and returns the newest of each fact, with who, when and what', async () => {
    const service = `svc-${newOrg()}`;
    const at = new Date('2025-06-01T10:00:00.125Z');
    const first = await store().passthrough.recordAttestation({ serviceId: service, fact: 'sso-enforced', value: false, attestedBy: 'first@example.com', attestedAt: at, statement: 'Not yet enforced — ünïcode' });
    const second = await store().passthrough.recordAttestation({ serviceId: service, fact: 'sso-enforced', value: true, attestedBy: 'admin@example.com', attestedAt: new Date('2025-06-02T10:00:00Z'), statement: 'Require SAML SSO is on' });
    const format = await store().passthrough.recordAttestation({ serviceId: service, fact: 'name-id-format', value: 'email', attestedBy: 'admin@example.com', attestedAt: at, statement: 'Application username format: Email' });
    await store().passthrough.recordAttestation({ serviceId: `${service}-other`, fact: 'sso-enforced', value: true, attestedBy: 'x@example.com', attestedAt: at, statement: 'other' });

    expect(first.attestedAt).toEqual(at);
    expect((await store().passthrough.latestAttestations(service)).sort((a, b) => a.fact.localeCompare(b.fact))).toEqual([format, second]);
    expect(await store().passthrough.listAttestations(service)).toEqual([format, second, first]);
  });

  it('stores an evaluation whole, returns the newest and prunes older ones', async () => {
    const service = `svc-${newOrg()}`;
    const save = (minute: number) =>
      store().passthrough.saveEvaluation({
        serviceId: service,
        oktaOrg: 'acme.okta.com',
        oktaSnapshotId: `snap-${minute}`,
        evaluatedAt: new Date(Date.UTC(2025, 5, 30, 12, minute)),
        status: 'fail',
        counts: { pass: 3, fail: 1 },
        evaluation: { accounts: [{ login: 'alice', chain: [{ link: 'okta-app', state: 'proven' }] }] },
      });
    await save(1);
    await save(2);
    const newest = await save(3);
    expect(await store().passthrough.latestEvaluation(service)).toEqual(newest);
    expect(await store().passthrough.pruneEvaluations(service, 1)).toBe(2);
    expect(await store().passthrough.latestEvaluation(service)).toEqual(newest);
    expect(await store().passthrough.latestEvaluation(`${service}-none`)).toBeUndefined();
  });
});
