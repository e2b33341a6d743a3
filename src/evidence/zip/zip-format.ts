/**
 * The few ZIP records this tool writes and reads (PKWARE APPNOTE.TXT 6.3.10, sections 4.3.7, 4.3.12, 4.3.16):
 * local file header, central directory header, end of central directory. No ZIP64, no encryption, no spanning.
 */

export const LOCAL_HEADER_SIGNATURE = 0x04034b50;
export const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
export const END_OF_CENTRAL_DIRECTORY_SIGNATURE = 0x06054b50;

export const LOCAL_HEADER_SIZE = 30;
export const CENTRAL_HEADER_SIZE = 46;
export const END_OF_CENTRAL_DIRECTORY_SIZE = 22;

export const METHOD_STORED = 0;
export const METHOD_DEFLATED = 8;

/** General-purpose flag bit 11: the file name is UTF-8. */
export const FLAG_UTF8 = 0x0800;
/** Bit 0: encrypted, which we refuse. */
export const FLAG_ENCRYPTED = 0x0001;

/** 0xFFFFFFFF in a size or offset field means "see ZIP64"; without ZIP64 every value must stay below it. */
export const MAX_32 = 0xfffffffe;
export const MAX_ENTRIES = 0xfffe;

export const VERSION_NEEDED = 20;
/** Made by: Unix (3) so unzip keeps the permission bits in the external attributes; spec version 2.0. */
export const VERSION_MADE_BY = (3 << 8) | VERSION_NEEDED;
/** A regular file, rw------- (evidence holds personal data), in the high 16 bits as Unix zip tools expect. */
export const EXTERNAL_ATTRIBUTES = (0o100600 << 16) >>> 0;

/** MS-DOS date and time (2-second resolution, years 1980–2107), from UTC so the archive does not depend on the host. */
export function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}
