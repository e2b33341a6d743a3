import type { DemoEvidence } from '../app/demo-evidence.js';
import type { CheckRunSummary } from '../store/types.js';

/** The demo's summary of the security tests: one line per check. */
export function testSummaryLines(run: CheckRunSummary, database: string): string[] {
  const lines = ['', 'Security tests:'];
  for (const result of run.results) {
    const { pass, fail, error, not_applicable: notApplicable } = result.counts;
    lines.push(`  ${result.status.toUpperCase().padEnd(14)} ${result.title} (${result.severity}): ${pass} pass · ${fail} fail · ${error} error · ${notApplicable} n/a`);
  }
  lines.push(`  Failing entities and reasons: npx okta-evidence tests --db ${database}`);
  return lines;
}

/** Where the demo's evidence is and how an auditor verifies it; commands name the demo's database, not the real one. */
export function demoEvidenceLines(demo: DemoEvidence, database: string): string[] {
  const { manifest } = demo.exported;
  return [
    '',
    `Evidence: ${manifest.files.length} files and a signed manifest in ${demo.exported.directory} (chain #${manifest.chain.sequence}, verified)${demo.tests === undefined ? '' : ', security test results included'}.`,
    `  Auditors verify it with: npx okta-evidence evidence verify ${demo.exported.directory} --trusted-key ${demo.publicKeyPath}`,
    `  The demo's data and signing key live apart from a real org's: ${database} (pass --db ${database} to look at it with other commands).`,
  ];
}
