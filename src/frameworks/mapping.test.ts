import { describe, expect, it } from 'vitest';
import { CONTROLS, FRAMEWORKS, controlById } from './controls.js';
import { ARTIFACT_CONTROLS, ARTIFACT_IDS, CHECK_CONTROLS, CHECK_IDS, DOWNSTREAM_MFA_COVERAGE_CONTROLS } from './mapping.js';

const REQUIRED_FRAMEWORKS = Object.keys(FRAMEWORKS);

describe('framework mapping', () => {
  it('has unique control ids, each prefixed by its framework', () => {
    const ids = CONTROLS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of CONTROLS) expect(c.id.startsWith(`${c.framework}:`)).toBe(true);
  });

  it.each([...ARTIFACT_IDS.map((id) => ['artifact', id, ARTIFACT_CONTROLS[id]] as const), ...CHECK_IDS.map((id) => ['check', id, CHECK_CONTROLS[id]] as const)])(
    '%s %s maps to every framework (legacy and current editions) with known controls',
    (_kind, _id, controls) => {
      const frameworks = new Set(controls.map((id) => controlById(id).framework));
      expect([...frameworks].sort()).toEqual([...REQUIRED_FRAMEWORKS].sort());
    },
  );

  it('maps downstream MFA coverage to the MFA controls: SOC 2 CC6.1, ISO A.9.4.2 / 8.5, HIPAA 164.312(d), PCI DSS 8.4, NIST PR.AC-7 / PR.AA-03', () => {
    for (const id of ['SOC2:CC6.1', 'ISO27001_2013:A.9.4.2', 'ISO27001_2022:8.5', 'HIPAA:164.312(d)', 'PCI_DSS_4:8.4', 'NIST_CSF_1_1:PR.AC-7', 'NIST_CSF_2_0:PR.AA-03'] as const) {
      expect(DOWNSTREAM_MFA_COVERAGE_CONTROLS).toContain(id);
    }
    expect(new Set(DOWNSTREAM_MFA_COVERAGE_CONTROLS.map((id) => controlById(id).framework)).size).toBe(REQUIRED_FRAMEWORKS.length);
  });

  it("serves the seed product's ids: SOC 2 CC6.1–CC6.3, ISO A.9.2/A.9.4, HIPAA 164.312(d), GDPR Art. 32, NIST PR.AC-1/PR.AC-7", () => {
    const all = new Set([...Object.values(ARTIFACT_CONTROLS), ...Object.values(CHECK_CONTROLS)].flat());
    for (const id of ['SOC2:CC6.1', 'SOC2:CC6.2', 'SOC2:CC6.3', 'ISO27001_2013:A.9.2', 'ISO27001_2013:A.9.4', 'HIPAA:164.312(d)', 'GDPR:Art.32', 'NIST_CSF_1_1:PR.AC-1', 'NIST_CSF_1_1:PR.AC-7'] as const) {
      expect(all.has(id), id).toBe(true);
    }
  });
});
