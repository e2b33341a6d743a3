/** Stable codes a caller (CLI, server) can branch on. Messages are for people and may change. */
export const EVIDENCE_ERROR_CODES = [
  /** The org has no current snapshot: no sync has succeeded yet. */
  'EVIDENCE_NO_SNAPSHOT',
  /** A sync promoted a new snapshot while the export was being prepared. */
  'EVIDENCE_SNAPSHOT_CHANGED',
  /** The export directory exists and is not empty; an export never mixes with other files. */
  'EVIDENCE_OUT_EXISTS',
  /** The signing key file or a trusted key file cannot be read or is not an Ed25519 key. */
  'EVIDENCE_KEY_INVALID',
  /** Another export of the same org finished first and moved the chain head. */
  'EVIDENCE_CHAIN_CONFLICT',
  /** A file is not a ZIP archive this tool can read (or is damaged). */
  'EVIDENCE_ZIP_INVALID',
  /** A file or the archive exceeds the 4 GiB limit of a ZIP without the ZIP64 extension. */
  'EVIDENCE_ZIP_TOO_LARGE',
  /** `--from`/`--to` is not a date, or the period is empty. */
  'EVIDENCE_PERIOD_INVALID',
  /** The audit period reaches beyond the System Log data kept (the message says what is available). */
  'EVIDENCE_PERIOD_UNAVAILABLE',
  /** The path given to verify is neither an export directory nor a ZIP file. */
  'EVIDENCE_NOT_FOUND',
] as const;
export type EvidenceErrorCode = (typeof EVIDENCE_ERROR_CODES)[number];

export class EvidenceError extends Error {
  readonly code: EvidenceErrorCode;

  constructor(code: EvidenceErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EvidenceError';
    this.code = code;
  }
}

export function isEvidenceError(error: unknown, code?: EvidenceErrorCode): error is EvidenceError {
  return error instanceof EvidenceError && (code === undefined || error.code === code);
}
