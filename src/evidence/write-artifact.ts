import { join } from 'node:path';
import type { ArtifactFormat, EvidenceArtifact, SnapshotSource } from './artifact.js';
import { csvLine, type CsvValue } from './csv.js';
import type { EvidenceIdentity } from './org-identity.js';
import { openFileSink, type FileDigest, type FileSink } from './file-sink.js';

export const MEDIA_TYPES: Record<ArtifactFormat, string> = {
  json: 'application/json',
  csv: 'text/csv; charset=utf-8; header=present',
  jsonl: 'application/jsonl',
};

export interface WrittenFile extends FileDigest {
  path: string;
  artifact: string;
  format: ArtifactFormat;
  mediaType: string;
  records: number;
}

interface Output {
  format: ArtifactFormat;
  path: string;
  sink: FileSink;
}

/**
 * The columns every CSV ends with: which org the row is evidence of, and whether that org is real or the simulator's
 * (`orgKind` simulated), so a CSV opened on its own can never pass for a real org's (issue 12).
 */
export const CSV_IDENTITY_HEADER = ['oktaDomain', 'oktaOrgId', 'orgKind'] as const;

export function csvIdentityCells(identity: EvidenceIdentity): CsvValue[] {
  return [identity.domain, identity.orgId, identity.orgKind];
}

/**
 * Writes every form of one artifact in a single pass over its records: a JSON document (header, then one record per
 * line, then a summary with the count), a CSV with a header row and the org's identity in its last columns, JSON
 * Lines whose first line is `{"header": …}` (the same header as the JSON form). Each record is written as it arrives.
 */
export async function writeArtifact(
  artifact: EvidenceArtifact,
  source: SnapshotSource,
  directory: string,
  header: Record<string, unknown> & { identity: EvidenceIdentity },
): Promise<WrittenFile[]> {
  const identityCells = csvIdentityCells(header.identity);
  const outputs: Output[] = [];
  try {
    for (const format of artifact.formats) {
      const path = `${artifact.id}.${format}`;
      outputs.push({ format, path, sink: await openFileSink(join(directory, path)) });
    }
    for (const { format, sink } of outputs) {
      if (format === 'json') await sink.write(`{\n  "header": ${JSON.stringify(header, null, 2).replaceAll('\n', '\n  ')},\n  "records": [`);
      if (format === 'csv') await sink.write(csvLine([...artifact.csvHeader, ...CSV_IDENTITY_HEADER]));
      if (format === 'jsonl') await sink.write(`${JSON.stringify({ header })}\n`);
    }
    let records = 0;
    for await (const row of artifact.rows(source)) {
      for (const { format, sink } of outputs) {
        if (format === 'json') await sink.write(`${records === 0 ? '' : ','}\n    ${JSON.stringify(row.json)}`);
        else if (format === 'jsonl') await sink.write(`${JSON.stringify(row.json)}\n`);
        else await sink.write(csvLine([...(row.csv ?? []), ...identityCells]));
      }
      records += 1;
    }
    const written: WrittenFile[] = [];
    for (const { format, path, sink } of outputs) {
      if (format === 'json') await sink.write(`${records === 0 ? '' : '\n  '}],\n  "summary": ${JSON.stringify({ recordCount: records })}\n}\n`);
      written.push({ path, artifact: artifact.id, format, mediaType: MEDIA_TYPES[format], records, ...(await sink.close()) });
    }
    return written;
  } catch (error) {
    await Promise.all(outputs.map(({ sink }) => sink.abort()));
    throw error;
  }
}
