const CLASS_OF: Record<string, string> = {
  pass: 'state-ok',
  fail: 'state-bad',
  error: 'state-bad',
  not_applicable: '',
  unknown: 'state-warn',
  ACTIVE: 'state-ok',
  DEPROVISIONED: 'state-bad',
  SUSPENDED: 'state-warn',
  LOCKED_OUT: 'state-warn',
  'phishing-resistant': 'state-ok',
  strong: 'state-ok',
  weak: 'state-warn',
  knowledge: 'state-bad',
};

const LABEL_OF: Record<string, string> = { pass: 'Pass', fail: 'Fail', error: 'Error', not_applicable: 'Not applicable', unknown: 'Unknown' };

/** A verdict or a status as a pill: the word is always written out, colour only repeats it. */
export function StatusBadge({ status }: { status: string | null | undefined }) {
  if (status === null || status === undefined) return <span className="muted">—</span>;
  return <span className={`state ${CLASS_OF[status] ?? ''}`}>{LABEL_OF[status] ?? status}</span>;
}
