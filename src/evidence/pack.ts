import { join } from 'node:path';
import { MANIFEST_FILE, type Manifest } from './manifest.js';
import { writeZip } from './zip/zip-writer.js';

/** Packs an export directory into one ZIP: the manifest first, then the files it lists, stamped with its time. */
export async function packEvidence(directory: string, target: string, manifest: Pick<Manifest, 'files' | 'generatedAt'>): Promise<void> {
  const names = [MANIFEST_FILE, ...manifest.files.map((file) => file.path)];
  await writeZip(
    target,
    names.map((name) => ({ name, path: join(directory, name) })),
    { modifiedAt: new Date(manifest.generatedAt) },
  );
}
