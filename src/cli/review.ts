import type { Command } from 'commander';
import { realClock } from '../config/runtime.js';
import { resolveDatabaseUrl } from '../app/database-url.js';
import { attestReview } from '../app/review.js';
import { cliActor } from './connection-deps.js';
import type { CliIo } from './io.js';

interface AttestFlags {
  app: string;
  reviewer: string;
  note?: string;
  db?: string;
  org?: string;
}

export function registerReviewCommand(program: Command, io: CliIo): void {
  const review = program.command('review').description('Record access reviews (until review campaigns exist).');
  review
    .command('attest')
    .description('Record that REVIEWER reviewed who has access to an app, with the assignment list of the current snapshot.')
    .requiredOption('--app <ID>', 'the app id (0oa…)')
    .requiredOption('--reviewer <EMAIL>', 'the email address of the person who reviewed the access')
    .option('--note <TEXT>', 'what was decided, e.g. a ticket reference')
    .option('--db <X>', 'SQLite file or postgres:// URL (default: DATABASE_URL, else ./data/okta-evidence.sqlite)')
    .option('--org <D>', 'the Okta org, when the database holds several')
    .action((flags: AttestFlags) => runAttest(flags, io));
}

async function runAttest(flags: AttestFlags, io: CliIo): Promise<void> {
  const { url } = resolveDatabaseUrl(flags.db, io.env);
  const { review, orphaned, warnings } = await attestReview({
    database: url,
    org: flags.org,
    appId: flags.app,
    reviewerEmail: flags.reviewer,
    note: flags.note,
    now: new Date(realClock()),
    actor: cliActor(io),
  });
  for (const warning of warnings) io.err(`warning: ${warning}`);
  const count = review.assignments.length;
  io.out(`Recorded the access review of ${review.appLabel} (${review.appId}) by ${review.reviewerEmail} at ${review.attestedAt.toISOString()}: ${count} assigned user${count === 1 ? '' : 's'}.`);
  if (orphaned.length > 0) {
    io.out(`Note: ${orphaned.length} of them can no longer sign in (${orphaned.map((entry) => entry.login ?? entry.userId).slice(0, 10).join(', ')}${orphaned.length > 10 ? ', …' : ''}); the access review test keeps failing until their assignments are removed.`);
  }
}
