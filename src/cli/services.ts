import type { Command } from 'commander';
import { realClock } from '../config/runtime.js';
import { resolveDatabaseUrl } from '../app/database-url.js';
import { attestServiceFact, importDownstreamService, runDownstreamPassthrough, type DownstreamMfaEvaluation } from '../app/index.js';
import { resolveKeyDirectory } from '../app/evidence.js';
import { evidenceRoot } from '../app/evidence-exports.js';
import { InvalidInputError } from '../app/errors.js';
import { cliActor } from './connection-deps.js';
import type { CliIo } from './io.js';

const DB_OPTION = ['--db <X>', 'SQLite file or postgres:// URL (default: DATABASE_URL, else ./data/okta-evidence.sqlite)'] as const;

interface AttestFlags { service: string; fact: string; value: string; by: string; at?: string; statement: string; db?: string }
interface ImportFlags { name: string; oktaConnection: string; oktaApp: string; file: string; match?: string; db?: string; evaluate: boolean }
interface EvaluateFlags { service: string; db?: string; export: boolean; keyDir?: string; json: boolean }

/** `services attest|import|evaluate`: downstream services reached through Okta SSO and the MFA passthrough (issue 15). */
export function registerServicesCommand(program: Command, io: CliIo): void {
  const services = program.command('services').description('Downstream services reached through Okta SSO: MFA passthrough, attestations, imports.');
  services
    .command('attest')
    .description("Record a fact about a service that its API cannot show, attested by a named admin (e.g. that a standalone GitHub organization enforces SAML SSO).")
    .requiredOption('--service <NAME>', 'the service (name or id)')
    .requiredOption('--fact <F>', 'sso-enforced or name-id-format')
    .requiredOption('--value <V>', 'true/false for sso-enforced; login/email for name-id-format')
    .requiredOption('--by <EMAIL>', 'the admin who checked the setting')
    .requiredOption('--statement <TEXT>', 'what the admin saw, e.g. "Settings › Authentication security: Require SAML SSO is on"')
    .option('--at <ISO>', 'when the admin checked it (default: now)')
    .option(...DB_OPTION)
    .action((flags: AttestFlags) => runAttest(flags, io));
  services
    .command('import')
    .description('Import the accounts of a service without a connector from CSV or JSON (account_id, login and/or email, own_mfa) and map it to an Okta app.')
    .requiredOption('--name <N>', 'the service name (a second import of the same name replaces its accounts)')
    .requiredOption('--okta-connection <C>', 'the stored Okta connection whose org the service signs in through')
    .requiredOption('--okta-app <A>', 'the Okta app (id or label) people sign in through')
    .requiredOption('--file <F>', 'the accounts: .csv or .json')
    .option('--match <M>', "which column names the Okta user (the app's SAML NameID): email or login", 'email')
    .option('--no-evaluate', 'do not run the downstream MFA test after the import')
    .option(...DB_OPTION)
    .action((flags: ImportFlags) => runImport(flags, io));
  services
    .command('evaluate')
    .description('Run the downstream MFA test of a service (own MFA, or Okta through a proven passthrough chain) and store it.')
    .requiredOption('--service <NAME>', 'the service (name or id)')
    .option('--export', "also write a signed evidence export with the coverage artifact, in the service's own chain under the Okta org's evidence folder")
    .option('--key-dir <DIR>', 'the signing key folder (default: OKTA_EVIDENCE_KEY_DIR, else keys/ of the installation)')
    .option('--json', 'print the evaluation as JSON')
    .option(...DB_OPTION)
    .action((flags: EvaluateFlags) => runEvaluate(flags, io));
}

async function runAttest(flags: AttestFlags, io: CliIo): Promise<void> {
  const { url } = resolveDatabaseUrl(flags.db, io.env);
  const attestedAt = flags.at === undefined ? undefined : new Date(flags.at);
  const recorded = await attestServiceFact({ database: url, service: flags.service, fact: flags.fact, value: flags.value, attestedBy: flags.by, attestedAt, statement: flags.statement, actor: cliActor(io), now: new Date(realClock()) });
  io.out(`Recorded: ${recorded.fact} = ${String(recorded.value)} for service ${recorded.serviceId}, attested by ${recorded.attestedBy} at ${recorded.attestedAt.toISOString()} ("${recorded.statement}").`);
}

async function runImport(flags: ImportFlags, io: CliIo): Promise<void> {
  if (flags.match !== undefined && flags.match !== 'email' && flags.match !== 'login') throw new InvalidInputError(`--match must be email or login (got "${flags.match}").`);
  const { url } = resolveDatabaseUrl(flags.db, io.env);
  const now = new Date(realClock());
  const result = await importDownstreamService({ database: url, name: flags.name, oktaConnection: flags.oktaConnection, oktaApp: flags.oktaApp, file: flags.file, match: flags.match === 'login' ? 'login' : 'email', actor: cliActor(io), now });
  io.out(`Imported ${result.accounts} account${result.accounts === 1 ? '' : 's'} of "${result.service.name}" (${result.service.id}), signing in through Okta app ${result.service.oktaAppId ?? ''} of ${result.service.oktaOrg}.`);
  if (flags.evaluate) {
    const outcome = await runDownstreamPassthrough({ database: url, service: result.service.id, now });
    printSummary(outcome.evaluation, io);
  }
}

async function runEvaluate(flags: EvaluateFlags, io: CliIo): Promise<void> {
  const { url } = resolveDatabaseUrl(flags.db, io.env);
  const now = new Date(realClock());
  const evidence = flags.export ? { root: evidenceRoot(url, io.env ?? {}), keyDir: resolveKeyDirectory(flags.keyDir, io.env ?? {}, url) } : undefined;
  const outcome = await runDownstreamPassthrough({ database: url, service: flags.service, now, evidence });
  if (flags.json) io.out(JSON.stringify(outcome.evaluation));
  else printSummary(outcome.evaluation, io);
  if (outcome.exported !== undefined) io.out(`Evidence: ${outcome.exported.directory} (export ${outcome.exported.sequence} of the service's chain)`);
}

function printSummary(evaluation: DownstreamMfaEvaluation, io: CliIo): void {
  const { counts } = evaluation;
  io.out(`Downstream MFA of "${evaluation.service.name}": ${counts.pass} pass (${counts.passByPassthrough} by Okta passthrough, ${counts.passByOwnMfa} by own MFA), ${counts.fail} fail, ${counts.error} cannot be judged; ${evaluation.outsideCollaborators.length} outside collaborators, ${evaluation.bypassCredentials.length} SSO-bypass credentials.`);
  for (const gap of evaluation.gaps) io.err(`incomplete: ${gap}`);
  for (const account of [...evaluation.accounts, ...evaluation.outsideCollaborators]) {
    if (account.status !== 'pass') io.out(`  ${account.status} ${account.login}: ${account.reason}`);
  }
}
