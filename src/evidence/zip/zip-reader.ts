import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { printable } from '../../text/printable.js';
import { EvidenceError } from '../errors.js';
import { crc32 } from './crc32.js';
import * as f from './zip-format.js';

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export interface ZipArchive {
  readonly entries: readonly ZipEntry[];
  /**
   * The entry's content, chunk by chunk. Throws EVIDENCE_ZIP_INVALID when the data does not match its CRC-32 or size
   * (it also stops reading past the declared size, so a crafted entry cannot inflate without bound).
   */
  read(entry: ZipEntry): AsyncIterable<Buffer>;
  close(): Promise<void>;
}

/** Opens a ZIP archive by its central directory (stored and deflated entries; no ZIP64, no encryption). */
export async function openZip(path: string): Promise<ZipArchive> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const end = await readEndOfCentralDirectory(handle, size, path);
    const directory = await readAt(handle, end.directoryOffset, end.directorySize);
    const entries = parseCentralDirectory(directory, end.count, end.directoryOffset, path);
    return {
      entries,
      read: (entry) => readEntry(handle, path, entry, end.directoryOffset),
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

async function readEndOfCentralDirectory(handle: FileHandle, size: number, path: string) {
  // The record is 22 bytes plus a comment of up to 65,535: search backwards for its signature.
  const tailLength = Math.min(size, f.END_OF_CENTRAL_DIRECTORY_SIZE + 0xffff);
  const tail = await readAt(handle, size - tailLength, tailLength);
  for (let at = tail.length - f.END_OF_CENTRAL_DIRECTORY_SIZE; at >= 0; at -= 1) {
    if (tail.readUInt32LE(at) !== f.END_OF_CENTRAL_DIRECTORY_SIGNATURE) continue;
    if (at + f.END_OF_CENTRAL_DIRECTORY_SIZE + tail.readUInt16LE(at + 20) !== tail.length) continue;
    const count = tail.readUInt16LE(at + 10);
    const directorySize = tail.readUInt32LE(at + 12);
    const directoryOffset = tail.readUInt32LE(at + 16);
    if (tail.readUInt16LE(at + 4) !== 0 || tail.readUInt16LE(at + 6) !== 0 || tail.readUInt16LE(at + 8) !== count) throw invalid(path, 'it spans several disks');
    if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) throw invalid(path, 'it uses ZIP64, which this tool does not read');
    if (directoryOffset + directorySize > size - tailLength + at) throw invalid(path, 'its central directory lies outside the file');
    return { count, directorySize, directoryOffset };
  }
  throw invalid(path, 'no end-of-central-directory record (not a ZIP file, or truncated)');
}

function parseCentralDirectory(directory: Buffer, count: number, directoryOffset: number, path: string): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let index = 0; index < count; index += 1) {
    if (at + f.CENTRAL_HEADER_SIZE > directory.length || directory.readUInt32LE(at) !== f.CENTRAL_HEADER_SIGNATURE) {
      throw invalid(path, `central directory entry ${index + 1} is damaged`);
    }
    const flags = directory.readUInt16LE(at + 8);
    const nameLength = directory.readUInt16LE(at + 28);
    const next = at + f.CENTRAL_HEADER_SIZE + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    if (next > directory.length) throw invalid(path, `central directory entry ${index + 1} is damaged`);
    const nameBytes = directory.subarray(at + f.CENTRAL_HEADER_SIZE, at + f.CENTRAL_HEADER_SIZE + nameLength);
    const entry: ZipEntry = {
      name: nameBytes.toString(flags & f.FLAG_UTF8 ? 'utf8' : 'latin1'),
      method: directory.readUInt16LE(at + 10),
      crc: directory.readUInt32LE(at + 16),
      compressedSize: directory.readUInt32LE(at + 20),
      size: directory.readUInt32LE(at + 24),
      localHeaderOffset: directory.readUInt32LE(at + 42),
    };
    if (flags & f.FLAG_ENCRYPTED) throw invalid(path, `${printable(entry.name)} is encrypted`);
    if (entry.method !== f.METHOD_STORED && entry.method !== f.METHOD_DEFLATED) throw invalid(path, `${printable(entry.name)} uses compression method ${entry.method}`);
    if (entry.localHeaderOffset >= directoryOffset) throw invalid(path, `${printable(entry.name)} points outside the archive's data`);
    entries.push(entry);
    at = next;
  }
  rejectOverlaps(entries, path);
  return entries;
}

/**
 * Two entries whose data overlap are how a small ZIP inflates to gigabytes (the same deflated run listed many times);
 * a ZIP this tool writes has its entries one after the other, so any overlap is refused.
 */
function rejectOverlaps(entries: readonly ZipEntry[], path: string): void {
  let before: ZipEntry | undefined;
  for (const entry of [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset)) {
    if (before !== undefined && before.localHeaderOffset + f.LOCAL_HEADER_SIZE + before.compressedSize > entry.localHeaderOffset) {
      throw invalid(path, `the entries ${printable(before.name)} and ${printable(entry.name)} overlap (a ZIP built to inflate far beyond its size)`);
    }
    before = entry;
  }
}

async function* readEntry(handle: FileHandle, path: string, entry: ZipEntry, dataEnd: number): AsyncGenerator<Buffer> {
  const header = await readAt(handle, entry.localHeaderOffset, f.LOCAL_HEADER_SIZE);
  if (header.length < f.LOCAL_HEADER_SIZE || header.readUInt32LE(0) !== f.LOCAL_HEADER_SIGNATURE) throw invalid(path, `the local header of ${printable(entry.name)} is damaged`);
  const start = entry.localHeaderOffset + f.LOCAL_HEADER_SIZE + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (start + entry.compressedSize > dataEnd) throw invalid(path, `the data of ${printable(entry.name)} runs into the central directory`);
  let crc = 0;
  let size = 0;
  if (entry.compressedSize > 0) {
    // Opened by path: read streams share no file position with the handle.
    const raw = createReadStream(path, { start, end: start + entry.compressedSize - 1 });
    let stream: Readable = raw;
    if (entry.method === f.METHOD_DEFLATED) {
      const inflate = createInflateRaw();
      raw.on('error', (error) => inflate.destroy(error));
      stream = raw.pipe(inflate);
    }
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > entry.size) throw invalid(path, `${printable(entry.name)} holds more data than its declared ${entry.size} bytes`);
        crc = crc32(chunk, crc);
        yield chunk;
      }
    } catch (error) {
      if (error instanceof EvidenceError) throw error;
      throw invalid(path, `${printable(entry.name)} cannot be decompressed (${error instanceof Error ? error.message : String(error)})`);
    } finally {
      raw.destroy();
      stream.destroy();
    }
  }
  if (size !== entry.size || crc !== entry.crc) throw invalid(path, `${printable(entry.name)} is damaged (CRC-32 or size does not match its directory entry)`);
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const { bytesRead } = await handle.read(buffer, read, length - read, position + read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  return buffer.subarray(0, read);
}

function invalid(path: string, reason: string): EvidenceError {
  return new EvidenceError('EVIDENCE_ZIP_INVALID', `${path} is not a readable ZIP archive: ${reason}.`);
}
