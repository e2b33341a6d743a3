import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** What an auditor checks a file against: its SHA-256 (hex) and its size in bytes. */
export interface FileDigest {
  sha256: string;
  bytes: number;
}

export interface FileSink {
  /** Appends text (UTF-8). Resolves at once unless the disk is behind, so memory stays bounded by one chunk. */
  write(text: string): Promise<void>;
  /** Flushes, closes the file and returns the digest of everything written. */
  close(): Promise<FileDigest>;
  /** Closes without a digest, after a failure. */
  abort(): Promise<void>;
}

/** Text is gathered into chunks of about this many characters before it is encoded, hashed and written. */
const CHUNK_CHARS = 64 * 1024;

/**
 * A new file (never an existing one: `wx`) written sequentially while its SHA-256 and size are computed, so no file
 * is read back to be hashed. Writes are batched: a million one-line writes become a few thousand disk writes.
 */
export async function openFileSink(path: string): Promise<FileSink> {
  const stream = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  await once(stream, 'open');
  // Kept, not thrown from an event: a disk-full error surfaces at the next write or at close.
  let failure: Error | undefined;
  stream.on('error', (error) => {
    failure ??= error;
  });
  const hash = createHash('sha256');
  let bytes = 0;
  let pending: string[] = [];
  let pendingChars = 0;

  async function flush(): Promise<void> {
    if (failure !== undefined) throw failure;
    if (pendingChars === 0) return;
    const chunk = Buffer.from(pending.join(''), 'utf8');
    pending = [];
    pendingChars = 0;
    hash.update(chunk);
    bytes += chunk.length;
    // `once` rejects if the stream emits 'error' while we wait.
    if (!stream.write(chunk)) await once(stream, 'drain');
  }

  return {
    async write(text) {
      pending.push(text);
      pendingChars += text.length;
      if (pendingChars >= CHUNK_CHARS) await flush();
    },
    async close() {
      await flush();
      await new Promise<void>((resolve, reject) => {
        stream.end(() => (failure === undefined ? resolve() : reject(failure)));
      });
      return { sha256: hash.digest('hex'), bytes };
    },
    async abort() {
      pending = [];
      pendingChars = 0;
      if (stream.closed) return;
      const closed = once(stream, 'close');
      stream.destroy();
      await closed.catch(() => undefined);
    },
  };
}
