import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { EvidenceError } from './errors.js';
import { openZip } from './zip/zip-reader.js';

/** An export to verify, as a directory or a ZIP archive: the same questions, two ways to answer them. */
export interface EvidenceBundle {
  readonly kind: 'directory' | 'zip';
  readonly location: string;
  /** Every file in it, as `/`-separated names relative to its top. */
  readonly names: readonly string[];
  /** Entries that are not plain files or appear twice: always a verification failure. */
  readonly irregular: readonly { file: string; reason: string }[];
  read(name: string): AsyncIterable<Buffer>;
  close(): Promise<void>;
}

export async function openBundle(location: string): Promise<EvidenceBundle> {
  const info = await stat(location).catch(() => undefined);
  if (info?.isDirectory() === true) return openDirectory(location);
  if (info?.isFile() === true) return openZipBundle(location);
  throw new EvidenceError('EVIDENCE_NOT_FOUND', `${location} is neither an evidence directory nor a ZIP file.`);
}

async function openDirectory(root: string): Promise<EvidenceBundle> {
  const names: string[] = [];
  const irregular: { file: string; reason: string }[] = [];
  async function walk(directory: string): Promise<void> {
    for (const entry of await readdir(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      const name = relative(root, path).split(sep).join('/');
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) names.push(name);
      else irregular.push({ file: name, reason: `not a regular file (${entry.isSymbolicLink() ? 'a symbolic link' : 'a special file'}); an export holds plain files only` });
    }
  }
  await walk(root);
  return {
    kind: 'directory',
    location: root,
    names: names.sort(),
    irregular,
    read: (name) => createReadStream(join(root, ...name.split('/'))),
    close: () => Promise.resolve(),
  };
}

async function openZipBundle(path: string): Promise<EvidenceBundle> {
  const archive = await openZip(path);
  const byName = new Map<string, (typeof archive.entries)[number]>();
  const irregular: { file: string; reason: string }[] = [];
  for (const entry of archive.entries) {
    // Directory entries carry no data; some tools add them when re-zipping.
    if (entry.name.endsWith('/') && entry.size === 0) continue;
    if (byName.has(entry.name)) irregular.push({ file: entry.name, reason: 'appears more than once in the ZIP archive' });
    else byName.set(entry.name, entry);
  }
  return {
    kind: 'zip',
    location: path,
    names: [...byName.keys()].sort(),
    irregular,
    read: (name) => {
      const entry = byName.get(name);
      if (entry === undefined) throw new EvidenceError('EVIDENCE_NOT_FOUND', `${name} is not in ${path}.`);
      return archive.read(entry);
    },
    close: () => archive.close(),
  };
}
