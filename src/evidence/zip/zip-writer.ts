import { createReadStream } from 'node:fs';
import { open, stat, unlink, type FileHandle } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDeflateRaw } from 'node:zlib';
import { EvidenceError } from '../errors.js';
import { crc32 } from './crc32.js';
import * as f from './zip-format.js';

export interface ZipSource {
  /** The name inside the archive. */
  name: string;
  /** The file on disk. */
  path: string;
}

export interface ZipOptions {
  /** Stamped on every entry, so the same export always packs to the same bytes. */
  modifiedAt: Date;
  method?: 'deflate' | 'store';
}

interface CentralEntry {
  name: Buffer;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/**
 * Packs files into a new ZIP archive, streaming each through deflate (or storing it) so memory stays at one chunk
 * whatever the file size. Each local header is written with zero sizes and patched once the entry is written (the
 * output is a seekable file), so no data descriptors are needed and every unzip tool reads the result.
 */
export async function writeZip(target: string, sources: readonly ZipSource[], options: ZipOptions): Promise<void> {
  if (sources.length > f.MAX_ENTRIES) throw tooLarge(`${sources.length} files`);
  const method = options.method === 'store' ? f.METHOD_STORED : f.METHOD_DEFLATED;
  const stamp = f.dosDateTime(options.modifiedAt);
  const handle = await open(target, 'wx', 0o600);
  try {
    let offset = 0;
    const entries: CentralEntry[] = [];
    for (const source of sources) {
      const { size } = await stat(source.path);
      if (size > f.MAX_32) throw tooLarge(`${source.name} (${size} bytes)`);
      const name = Buffer.from(source.name, 'utf8');
      const entry: CentralEntry = { name, method, crc: 0, compressedSize: 0, size: 0, offset };
      offset += await writeAt(handle, localHeader(entry, stamp), offset);
      const written = await writeData(handle, source.path, method, offset);
      Object.assign(entry, written);
      offset += written.compressedSize;
      if (offset > f.MAX_32) throw tooLarge('the archive');
      // Patch crc-32, compressed size and size (offset 14 of the local header).
      await writeAt(handle, sizesField(entry), entry.offset + 14);
      entries.push(entry);
    }
    const directoryOffset = offset;
    for (const entry of entries) offset += await writeAt(handle, centralHeader(entry, stamp), offset);
    if (offset > f.MAX_32) throw tooLarge('the archive');
    await writeAt(handle, endOfCentralDirectory(entries.length, offset - directoryOffset, directoryOffset), offset);
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(target).catch(() => undefined);
    throw error;
  }
}

async function writeData(handle: FileHandle, path: string, method: number, start: number): Promise<Pick<CentralEntry, 'crc' | 'size' | 'compressedSize'>> {
  let crc = 0;
  let size = 0;
  let compressedSize = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      crc = crc32(chunk, crc);
      size += chunk.length;
      done(null, chunk);
    },
  });
  const store = async (output: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of output) compressedSize += await writeAt(handle, chunk, start + compressedSize);
  };
  if (method === f.METHOD_DEFLATED) await pipeline(createReadStream(path), measure, createDeflateRaw({ level: 6 }), store);
  else await pipeline(createReadStream(path), measure, store);
  if (compressedSize > f.MAX_32) throw tooLarge(path);
  return { crc, size, compressedSize };
}

async function writeAt(handle: FileHandle, bytes: Buffer, position: number): Promise<number> {
  let written = 0;
  while (written < bytes.length) written += (await handle.write(bytes, written, bytes.length - written, position + written)).bytesWritten;
  return written;
}

function localHeader(entry: CentralEntry, stamp: { time: number; date: number }): Buffer {
  const header = Buffer.alloc(f.LOCAL_HEADER_SIZE + entry.name.length);
  header.writeUInt32LE(f.LOCAL_HEADER_SIGNATURE, 0);
  header.writeUInt16LE(f.VERSION_NEEDED, 4);
  header.writeUInt16LE(f.FLAG_UTF8, 6);
  header.writeUInt16LE(entry.method, 8);
  header.writeUInt16LE(stamp.time, 10);
  header.writeUInt16LE(stamp.date, 12);
  // 14..25: crc-32, compressed size, size — patched after the data is written.
  header.writeUInt16LE(entry.name.length, 26);
  header.writeUInt16LE(0, 28);
  entry.name.copy(header, f.LOCAL_HEADER_SIZE);
  return header;
}

function sizesField(entry: CentralEntry): Buffer {
  const field = Buffer.alloc(12);
  field.writeUInt32LE(entry.crc, 0);
  field.writeUInt32LE(entry.compressedSize, 4);
  field.writeUInt32LE(entry.size, 8);
  return field;
}

function centralHeader(entry: CentralEntry, stamp: { time: number; date: number }): Buffer {
  const header = Buffer.alloc(f.CENTRAL_HEADER_SIZE + entry.name.length);
  header.writeUInt32LE(f.CENTRAL_HEADER_SIGNATURE, 0);
  header.writeUInt16LE(f.VERSION_MADE_BY, 4);
  header.writeUInt16LE(f.VERSION_NEEDED, 6);
  header.writeUInt16LE(f.FLAG_UTF8, 8);
  header.writeUInt16LE(entry.method, 10);
  header.writeUInt16LE(stamp.time, 12);
  header.writeUInt16LE(stamp.date, 14);
  sizesField(entry).copy(header, 16);
  header.writeUInt16LE(entry.name.length, 28);
  // 30..37: extra length, comment length, disk number, internal attributes — all zero.
  header.writeUInt32LE(f.EXTERNAL_ATTRIBUTES, 38);
  header.writeUInt32LE(entry.offset, 42);
  entry.name.copy(header, f.CENTRAL_HEADER_SIZE);
  return header;
}

function endOfCentralDirectory(count: number, size: number, offset: number): Buffer {
  const record = Buffer.alloc(f.END_OF_CENTRAL_DIRECTORY_SIZE);
  record.writeUInt32LE(f.END_OF_CENTRAL_DIRECTORY_SIGNATURE, 0);
  record.writeUInt16LE(count, 8);
  record.writeUInt16LE(count, 10);
  record.writeUInt32LE(size, 12);
  record.writeUInt32LE(offset, 16);
  return record;
}

function tooLarge(what: string): EvidenceError {
  return new EvidenceError(
    'EVIDENCE_ZIP_TOO_LARGE',
    `Cannot zip ${what}: ZIP archives without the ZIP64 extension stop at 4 GiB and 65,534 files. Use the export directory as it is (evidence verify accepts it), or pack it with a ZIP64-capable tool.`,
  );
}
