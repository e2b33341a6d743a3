import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { NameIdFormat } from '../../checks/downstream/passthrough-types.js';
import type { DownstreamService, DownstreamSnapshot } from '../../store/downstream-types.js';
import type { Store } from '../../store/store.js';
import { recordAudit } from '../audit.js';
import { findConnection } from '../connection-lookup.js';
import { withStore } from '../database-url.js';
import { InvalidInputError, OperationFailedError } from '../errors.js';
import { ImportFileError, importFormat, parseImportFile } from './import-file.js';

export interface ImportServiceInput {
  database: string | Store;
  /** The service's name: an existing imported service of that name gets a new read. */
  name: string;
  /** The stored Okta connection (name or id) whose org the service signs in through. */
  oktaConnection: string;
  /** The Okta app (id or label) people sign in through; it must be in the org's current snapshot. */
  oktaApp: string;
  /** A file to read, or the file's text as an upload gave it. */
  file: string | { text: string; fileName: string };
  /** Which column names the Okta user (the app's NameID): `email` (default) or `login`. */
  match?: NameIdFormat | undefined;
  actor: string;
  now: Date;
}

export interface ImportServiceResult {
  service: DownstreamService;
  snapshotId: string;
  accounts: number;
}

/**
 * Imports a service without a connector from CSV or JSON and maps it to an Okta app: strict parsing (every problem
 * named by row and field), then the service, its read, the NameID format the import states and the audit entry in
 * one transaction — nothing half-imported. Run `runDownstreamPassthrough` after it to evaluate.
 */
export function importDownstreamService(input: ImportServiceInput): Promise<ImportServiceResult> {
  return withStore(
    input.database,
    async (store) => {
      const name = input.name.trim();
      if (name === '') throw new InvalidInputError('--name must name the service.');
      const match = input.match ?? 'email';
      const file = input.file;
      const fileName = basename(typeof file === 'string' ? file : file.fileName);
      const text =
        typeof file !== 'string'
          ? file.text
          : await readFile(file, 'utf8').catch((error: unknown) => {
              throw new InvalidInputError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
            });
      let rows;
      try {
        rows = parseImportFile(text, importFormat(fileName, text));
      } catch (error) {
        if (error instanceof ImportFileError) throw new InvalidInputError(`${fileName}: ${error.message}`, { cause: error });
        throw error;
      }
      const connection = await findConnection(store, input.oktaConnection);
      const oktaOrg = connection.domain;
      const snapshot = await store.snapshots.current(oktaOrg);
      if (snapshot === undefined) throw new OperationFailedError(`No successful sync of ${oktaOrg} yet: run okta-evidence sync --connection ${connection.name} first, so the Okta app can be checked.`);
      const apps = [];
      for await (const app of store.entities.stream('apps', snapshot.id)) apps.push(app);
      const wanted = input.oktaApp.trim();
      const byId = apps.find((app) => app.id === wanted);
      const byLabel = apps.filter((app) => app.label.toLowerCase() === wanted.toLowerCase());
      if (byId === undefined && byLabel.length > 1) throw new InvalidInputError(`--okta-app "${wanted}" names ${byLabel.length} apps of ${oktaOrg} (${byLabel.map((app) => app.id).join(', ')}): give the app id.`);
      const app = byId ?? byLabel[0];
      if (app === undefined) throw new InvalidInputError(`Unknown Okta app "${wanted}" in ${oktaOrg}: give the id or label of an app in its current snapshot.`);
      const existing = await store.downstream.findServiceByName(name);
      if (existing !== undefined && existing.kind !== 'imported') throw new InvalidInputError(`"${existing.name}" is a ${existing.kind} service read by its connector; choose another name for the import.`);

      return store.transaction(async (tx) => {
        const service = await tx.downstream.upsertService({ ...(existing === undefined ? {} : { id: existing.id }), kind: 'imported', name, oktaOrg, oktaAppId: app.id });
        const read: DownstreamSnapshot = {
          service,
          readAt: input.now.toISOString(),
          accounts: rows.map((row) => ({
            accountId: row.accountId,
            login: row.login ?? row.email ?? row.accountId,
            email: row.email,
            kind: 'account',
            ownMfa: row.ownMfa,
            samlNameId: match === 'email' ? row.email : row.login,
          })),
          credentials: [],
          requiresOwnMfa: null,
          samlConfigured: null,
          ssoEnforced: { source: 'unverified', value: null, why: 'an imported service carries no SSO setting' },
          completeness: { accounts: true, ownMfa: true, samlIdentities: true, credentials: false, notes: [`imported from ${fileName}: the file lists no SSO-bypass credentials (API tokens, keys)`] },
        };
        const { snapshotId } = await tx.downstream.saveSnapshot(read);
        await tx.passthrough.recordAttestation({
          serviceId: service.id,
          fact: 'name-id-format',
          value: match,
          attestedBy: input.actor,
          attestedAt: input.now,
          statement: `Imported from ${fileName}: each account names its Okta user by ${match}`,
        });
        await recordAudit(tx, {
          actor: input.actor,
          action: 'downstream.import',
          details: { serviceId: service.id, serviceName: name, oktaOrg, oktaAppId: app.id, oktaAppLabel: app.label, file: fileName, accounts: rows.length, match, snapshotId },
        });
        return { service, snapshotId, accounts: rows.length };
      });
    },
    { mustExist: true },
  );
}
