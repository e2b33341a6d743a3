import type { Command } from 'commander';
import { recordAudit, rotateSecretKey } from '../app/index.js';
import { realClock } from '../config/runtime.js';
import { withConnectionDeps } from './connection-deps.js';
import type { CliIo } from './io.js';

export function registerSecretsCommand(program: Command, io: CliIo): void {
  const secrets = program.command('secrets').description('The key that encrypts stored credentials.');
  secrets
    .command('rotate-key')
    .description('Re-encrypt every stored credential with a new key, in one transaction; the old key file is kept as a backup.')
    .option('--db <X>', 'SQLite file or postgres:// URL (default: DATABASE_URL, else ./data/okta-evidence.sqlite)')
    .option('--json', 'print the outcome as one JSON line')
    .action((flags: { db?: string; json?: boolean }) =>
      withConnectionDeps(flags.db, io, async (deps) => {
        const result = await rotateSecretKey(deps.store, deps.secretKey, new Date(realClock()));
        await recordAudit(deps.store, {
          actor: deps.actor,
          action: 'secrets.rotate-key',
          details: { resealed: result.resealed, oldKeyId: result.oldKeyId, newKeyId: result.newKeyId },
        });
        if (flags.json === true) {
          io.out(JSON.stringify(result));
          return;
        }
        io.out(`Re-encrypted ${result.resealed} stored credential${result.resealed === 1 ? '' : 's'} with secret key ${result.newKeyId} (was ${result.oldKeyId}).`);
        io.out(result.message);
      }),
    );
}
