import { stat } from 'node:fs/promises';

/*
 * Where a secret is exposed to other users of the same machine, said as a warning: the command still works (a test
 * box may not care), but the admin learns how to close the gap.
 */

/** A warning when a file holding a secret (API token, private key) can be read by group or others; else undefined. */
export async function readableByOthersWarning(path: string, what: string): Promise<string | undefined> {
  if (process.platform === 'win32') return undefined;
  const mode = await stat(path).then(
    (info) => info.mode,
    () => undefined,
  );
  if (mode === undefined || (mode & 0o077) === 0) return undefined;
  return `the ${what} ${path} is readable by other users (mode ${(mode & 0o777).toString(8)}): run chmod 600 on it`;
}

/**
 * A warning when a database URL given on the command line carries a password: every local user can read a process's
 * arguments (ps, /proc) and shells keep them in history. The URL works; the warning names the alternatives.
 */
export function passwordInArgumentWarning(flag: string, url: string | undefined): string | undefined {
  if (url === undefined || !/^postgres(ql)?:\/\//i.test(url.trim())) return undefined;
  const password = URL.canParse(url.trim()) ? new URL(url.trim()).password : '';
  if (password === '') return undefined;
  return `the password in ${flag} is visible to other users of this machine (process list, shell history): put the URL in DATABASE_URL, or leave the password out and set PGPASSWORD or a ~/.pgpass file (PostgreSQL's own ways)`;
}
