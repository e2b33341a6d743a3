import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isEvidenceError } from '../errors.js';
import { crc32 } from './crc32.js';
import { openZip, type ZipArchive } from './zip-reader.js';
import { writeZip } from './zip-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'okta-evidence-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let next = 0;
const temp = (name: string) => join(dir, `${(next += 1)}-${name}`);

async function readAll(archive: ZipArchive, name: string): Promise<Buffer> {
  const entry = archive.entries.find((e) => e.name === name);
  if (entry === undefined) throw new Error(`no ${name}`);
  const chunks: Buffer[] = [];
  for await (const chunk of archive.read(entry)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const FILES: Record<string, Buffer> = {
  'manifest.json': Buffer.from('{"hello":"world"}\n'),
  'empty.csv': Buffer.alloc(0),
  'zoë-李.jsonl': Buffer.from('{"name":"Zoë"}\n'.repeat(10_000)),
  'random.bin': randomBytes(300_000),
};

async function zipOf(files: Record<string, Buffer>, method: 'deflate' | 'store'): Promise<string> {
  const sources = Object.entries(files).map(([name, content]) => {
    const path = temp(name.replace(/[^a-z.]/g, '_'));
    writeFileSync(path, content);
    return { name, path };
  });
  const target = temp('archive.zip');
  await writeZip(target, sources, { modifiedAt: new Date('2024-06-08T12:34:56Z'), method });
  return target;
}

async function failure(work: () => Promise<unknown>): Promise<unknown> {
  return work().then(() => 'no error', (error: unknown) => error);
}

describe('crc32', () => {
  it('matches the standard check value and continues across chunks', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.from('56789'), crc32(Buffer.from('1234')))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });
});

describe.each(['deflate', 'store'] as const)('zip round trip (%s)', (method) => {
  it('reads back every file byte for byte, with its name, CRC and size', async () => {
    const archive = await openZip(await zipOf(FILES, method));
    try {
      expect(archive.entries.map((e) => e.name)).toEqual(Object.keys(FILES));
      for (const [name, content] of Object.entries(FILES)) {
        expect((await readAll(archive, name)).equals(content), name).toBe(true);
        const entry = archive.entries.find((e) => e.name === name)!;
        expect(entry.size).toBe(content.length);
        expect(entry.crc).toBe(crc32(content));
        expect(entry.method).toBe(method === 'deflate' ? 8 : 0);
      }
    } finally {
      await archive.close();
    }
  });
});

describe('zip writer', () => {
  it('compresses text and packs the same input to the same bytes', async () => {
    const files = { 'a.jsonl': FILES['zoë-李.jsonl']! };
    const first = readFileSync(await zipOf(files, 'deflate'));
    const second = readFileSync(await zipOf(files, 'deflate'));
    expect(first.equals(second)).toBe(true);
    expect(first.length).toBeLessThan(files['a.jsonl'].length / 20);
  });

  it('never overwrites an existing file', async () => {
    const target = temp('exists.zip');
    writeFileSync(target, 'keep');
    const error = await failure(() => writeZip(target, [], { modifiedAt: new Date() }));
    expect((error as NodeJS.ErrnoException).code).toBe('EEXIST');
    expect(readFileSync(target, 'utf8')).toBe('keep');
  });
});

describe('zip reader', () => {
  it('refuses a file that is not a ZIP', async () => {
    const path = temp('not.zip');
    writeFileSync(path, 'just text, no central directory');
    expect(isEvidenceError(await failure(() => openZip(path)), 'EVIDENCE_ZIP_INVALID')).toBe(true);
  });

  it('refuses a truncated archive', async () => {
    const bytes = readFileSync(await zipOf(FILES, 'deflate'));
    const path = temp('truncated.zip');
    writeFileSync(path, bytes.subarray(0, bytes.length - 10));
    expect(isEvidenceError(await failure(() => openZip(path)), 'EVIDENCE_ZIP_INVALID')).toBe(true);
  });

  it.each(['deflate', 'store'] as const)('detects a changed byte in %s data by its CRC-32', async (method) => {
    const bytes = readFileSync(await zipOf({ 'a.txt': Buffer.from('x'.repeat(1000) + 'tail') }, method));
    // The data starts after the 30-byte local header and the 5-byte name.
    bytes[30 + 5 + 1] = bytes[30 + 5 + 1]! ^ 0x01;
    const path = temp('flipped.zip');
    writeFileSync(path, bytes);
    const archive = await openZip(path);
    try {
      const error = await failure(() => readAll(archive, 'a.txt'));
      expect(isEvidenceError(error, 'EVIDENCE_ZIP_INVALID')).toBe(true);
    } finally {
      await archive.close();
    }
  });
});

/** The archive with its one central directory entry listed a second time under `alias` (same data, same offset). */
function withAliasEntry(bytes: Buffer, alias: string): Buffer {
  const end = bytes.length - 22;
  const count = bytes.readUInt16LE(end + 10);
  const directorySize = bytes.readUInt32LE(end + 12);
  const directoryOffset = bytes.readUInt32LE(end + 16);
  const entry = Buffer.from(bytes.subarray(directoryOffset, directoryOffset + 46 + bytes.readUInt16LE(directoryOffset + 28)));
  Buffer.from(alias).copy(entry, 46);
  const tail = Buffer.from(bytes.subarray(end));
  tail.writeUInt16LE(count + 1, 8);
  tail.writeUInt16LE(count + 1, 10);
  tail.writeUInt32LE(directorySize + entry.length, 12);
  return Buffer.concat([bytes.subarray(0, end), entry, tail]);
}

describe('zip reader against crafted archives (issue 14 items 9 and 10)', () => {
  it('refuses entries whose data overlap: the same deflated run listed twice cannot inflate twice', async () => {
    const bytes = readFileSync(await zipOf({ 'a.txt': Buffer.alloc(1_000_000) }, 'deflate'));
    const path = temp('overlap.zip');
    writeFileSync(path, withAliasEntry(bytes, 'b.txt'));
    const error = await failure(() => openZip(path));
    expect(isEvidenceError(error, 'EVIDENCE_ZIP_INVALID')).toBe(true);
    expect((error as Error).message).toContain('the entries a.txt and b.txt overlap');
  });

  it('escapes control characters of entry names in its messages', async () => {
    const bytes = readFileSync(await zipOf({ 'a.txt': Buffer.from('x') }, 'store'));
    const path = temp('escape.zip');
    writeFileSync(path, withAliasEntry(bytes, '\u001b[2J\n'));
    const message = (await failure(() => openZip(path)) as Error).message;
    expect(message).toContain('\\x1b[2J\\x0a');
    expect(message.includes('\u001b') || message.includes('\n')).toBe(false);
  });
});
