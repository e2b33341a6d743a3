import { printable } from '../text/printable.js';
import type { EvidenceBundle } from './bundle.js';
import { csvCell } from './csv.js';
import type { ParsedManifest } from './manifest.js';
import { CSV_IDENTITY_HEADER } from './write-artifact.js';

/**
 * Once every file's hash matches, what each artifact file says about itself must agree with the signed manifest: the
 * JSON header and the first line of a JSON Lines file name the same artifact, org, snapshot, org kind (real or
 * simulated) and completeness; a CSV ends with the identity columns and its rows name the manifest's org. A file
 * whose header disagrees was produced for another export, or the manifest was rewritten and re-signed around it.
 * Manifests before version 2 carry no file headers and are not checked here.
 */

/** A header is a few KB; reading stops here rather than scanning a file that has none. */
const MAX_HEADER_BYTES = 1024 * 1024;
const JSON_RECORDS_MARK = ',\n  "records": [';

interface HeaderFields {
  artifact?: unknown;
  org?: unknown;
  snapshotId?: unknown;
  complete?: unknown;
  identity?: { orgKind?: unknown } | null;
}

/** Problems with the headers of the files that are present and intact (`failed`: files already reported). */
export async function headerProblems(bundle: EvidenceBundle, manifest: ParsedManifest, failed: ReadonlySet<string>): Promise<{ file: string; reason: string }[]> {
  if (manifest.manifestVersion < 2 || manifest.artifacts === undefined) return [];
  const problems: { file: string; reason: string }[] = [];
  const owner = new Map(manifest.artifacts.flatMap((artifact) => artifact.files.map((file) => [file, artifact] as const)));
  const present = new Set(bundle.names);
  for (const file of manifest.files) {
    const artifact = owner.get(file.path);
    if (artifact === undefined || failed.has(file.path) || !present.has(file.path)) continue;
    const head = await readHead(bundle, file.path);
    let reason: string | undefined;
    if (file.path.endsWith('.csv')) reason = csvProblem(head, manifest);
    else if (file.path.endsWith('.jsonl') || file.path.endsWith('.json')) reason = jsonProblem(head, file.path.endsWith('.jsonl'), artifact, manifest);
    if (reason !== undefined) problems.push({ file: file.path, reason });
  }
  return problems;
}

/** The start of a file, at most MAX_HEADER_BYTES; enough for any header and the first CSV row. */
async function readHead(bundle: EvidenceBundle, name: string): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of bundle.read(name)) {
    chunks.push(chunk);
    length += chunk.length;
    if (length >= MAX_HEADER_BYTES) break;
  }
  return Buffer.concat(chunks).subarray(0, MAX_HEADER_BYTES).toString('utf8');
}

function isHeader(value: unknown): value is HeaderFields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonProblem(head: string, jsonLines: boolean, artifact: { id: string; complete: boolean }, manifest: ParsedManifest): string | undefined {
  let header: unknown;
  try {
    if (jsonLines) header = (JSON.parse(head.slice(0, head.indexOf('\n'))) as { header?: unknown }).header;
    else {
      const end = head.indexOf(JSON_RECORDS_MARK);
      header = end < 0 ? undefined : (JSON.parse(`${head.slice(0, end)}}`) as { header?: unknown }).header;
    }
  } catch {
    header = undefined;
  }
  const where = jsonLines ? 'its first line' : 'its header';
  if (!isHeader(header)) return `${where} is not an okta-evidence artifact header ({"header": …})`;
  const expected: [string, unknown, unknown][] = [
    ['artifact', header.artifact, artifact.id],
    ['org', header.org, manifest.org],
    ['snapshotId', header.snapshotId, manifest.snapshotId],
    ['complete', header.complete, artifact.complete],
    ['identity.orgKind', header.identity?.orgKind, manifest.identity?.orgKind],
  ];
  const wrong = expected.filter(([, actual, wanted]) => wanted !== undefined && actual !== wanted);
  if (wrong.length === 0) return undefined;
  return `${where} disagrees with manifest.json: ${wrong.map(([name, actual, wanted]) => `${name} is ${actual === undefined ? 'missing' : printable(JSON.stringify(actual), 120)}, the manifest says ${printable(JSON.stringify(wanted), 120)}`).join('; ')}`;
}

/** The first `count` records of CSV text as their raw lines: a CRLF inside a quoted cell does not end a record. */
function csvRecords(text: string, count: number): string[] {
  const records: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length && records.length < count; i += 1) {
    if (text[i] === '"') quoted = !quoted;
    else if (!quoted && text[i] === '\r' && text[i + 1] === '\n') {
      records.push(text.slice(start, i));
      start = i + 2;
      i += 1;
    }
  }
  return records;
}

function csvProblem(head: string, manifest: ParsedManifest): string | undefined {
  const lines = csvRecords(head, 2);
  const columns = CSV_IDENTITY_HEADER.join(',');
  if (!(lines[0] ?? '').endsWith(`,${columns}`)) return `its header row does not end with the identity columns ${columns}`;
  const identity = manifest.identity;
  const firstRow = lines[1];
  if (identity === undefined || firstRow === undefined || firstRow === '') return undefined;
  const cells = [identity.domain, identity.orgId, identity.orgKind].map(csvCell).join(',');
  if (!firstRow.endsWith(`,${cells}`)) return `its rows do not name the manifest's org (${printable(cells, 200)})`;
  return undefined;
}
