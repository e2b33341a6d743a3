/**
 * The web console end to end in a real browser: Debian's Chromium driven by playwright-core (no browser download;
 * `.ci/run` installs the `chromium` package when it is missing), against `okta-evidence serve` started as the CLI
 * starts it, on a free port, with the built-in simulator as the Okta org. Screenshots of the page at a failing step
 * go to test-results/console-e2e/ (gitignored).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/program.js';
import { captureIo } from '../src/cli/testing/seed-store.js';
import { startServer } from '../src/server/start.js';
import { startSimulator, type SimulatorHandle } from '../src/simulator/server.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = resolve('test-results', 'console-e2e');
const ORG = 'acme.okta.com';
const ADMIN = { email: 'admin@example.com', password: 'a long admin passphrase' };
const AUDITOR = { email: 'auditor@example.com', password: 'a long auditor passphrase' };
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The page's globals, for the callbacks that run in the browser (this file is compiled without the DOM library). */
interface AxeResult {
  violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[];
}
declare const document: { documentElement: { scrollWidth: number; clientWidth: number } };
declare const window: { axe: { run: (context: typeof document) => Promise<AxeResult> } };

interface Serving {
  url: string;
  setupLink: string;
  db: string;
  stop: () => Promise<unknown>;
}

/** `okta-evidence serve --port 0` in this process, serving the console built into `consoleDir`. */
async function serve(db: string, consoleDir: string): Promise<Serving> {
  const { io, out, err } = captureIo();
  let stop!: () => void;
  const stopped = new Promise<void>((resolveStop) => (stop = resolveStop));
  const exit = runCli(['serve', '--port', '0', '--db', db], { ...io, untilStopped: () => stopped }, { startServer: (options) => startServer({ ...options, consoleDir }) });
  const deadline = Date.now() + 60_000;
  let link: string | undefined;
  while ((link = out.find((line) => line.includes('/setup#token='))) === undefined) {
    if (Date.now() > deadline) throw new Error(`serve did not start: ${[...out, ...err].join('\n')}`);
    await new Promise((wait) => setTimeout(wait, 100));
  }
  const setupLink = link.trim();
  return { url: new URL(setupLink).origin, setupLink, db, stop: () => (stop(), exit) };
}

if (!existsSync(CHROMIUM)) process.stderr.write(`\n${CHROMIUM} is missing: the console's browser test is skipped (apt-get install -y chromium; .ci/run does).\n\n`);

describe.skipIf(!existsSync(CHROMIUM))('the web console in Chromium', () => {
  let sim: SimulatorHandle;
  let server: Serving;
  let context: BrowserContext;
  let page: Page;
  const work = mkdtempSync(join(tmpdir(), 'console-e2e-'));
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    const consoleDir = join(work, 'console');
    await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn', build: { outDir: consoleDir, emptyOutDir: true } });
    sim = await startSimulator({ users: 300, seed: 11, rateLimits: 'off', port: 0 });
    server = await serve(join(work, 'okta-evidence.sqlite'), consoleDir);
    context = await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
    });
    // Generous: the real password hashing (scrypt, N=2^17) and syncs run on a loaded two-core machine.
    context.setDefaultTimeout(90_000);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      // A 401 while the console asks who is signed in (before sign-in) is the API's answer, not a fault of the page.
      if (message.type() === 'error' && !/Failed to load resource: the server responded with a status of 401/.test(message.text())) consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  });

  afterAll(async () => {
    await context.close();
    await server.stop();
    await sim.close();
    rmSync(work, { recursive: true, force: true });
  });

  /** Runs one step of the walk; on failure, a screenshot of the page goes to test-results/console-e2e/. */
  async function step(name: string, body: () => Promise<void>): Promise<void> {
    try {
      await body();
      expect(consoleErrors, `console errors during "${name}"`).toEqual([]);
    } catch (error) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, `${name.replace(/\W+/g, '-')}.png`), fullPage: true }).catch(() => undefined);
      throw error;
    }
  }

  /** axe-core over the page as it is: no serious or critical violation. */
  async function expectAccessible(where: string): Promise<void> {
    // page.evaluate runs through the DevTools protocol, outside the page's CSP (which forbids inline scripts).
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document);
      return result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id} (${violation.impact}): ${JSON.stringify(violation.nodes.map((node) => node.target))}`);
    });
    expect(violations, `axe on ${where}`).toEqual([]);
  }

  async function signIn(user: { email: string; password: string }): Promise<void> {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();
  }

  // One walk through the product, minutes on a loaded machine: its own generous limit (a hang still ends it).
  it('walks setup, connect, sync, settings, evidence, roles and the 401 advice', { timeout: 900_000 }, async () => {
    await step('first-admin setup', async () => {
      await page.goto(server.setupLink);
      await page.getByRole('heading', { name: 'Create the first admin' }).waitFor();
      await expectAccessible('setup');
      await page.getByLabel('Email').fill(ADMIN.email);
      await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
      await page.getByLabel('Repeat the password').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Create admin and sign in' }).click();
      await page.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();
      await expectAccessible('integrations (empty)');
    });

    await step('connect and test connection', async () => {
      await page.getByRole('button', { name: 'Connect Okta' }).click();
      const dialog = page.getByRole('dialog', { name: 'Connect Okta' });
      await dialog.getByLabel('Okta domain').fill('acme-admin.okta.com');
      await dialog.getByText('is the Admin Console host, not the API host').waitFor();
      await dialog.getByLabel('Okta domain').fill(ORG);
      await dialog.getByText('Advanced: base URL override').click();
      await dialog.getByLabel('Base URL (a simulator or a forward proxy)').fill(sim.baseUrl);
      await dialog.getByLabel('Okta API token').fill(sim.token);
      await dialog.getByRole('button', { name: 'Test connection' }).click();
      await dialog.getByText(/^Connected to org 00o/).waitFor({ timeout: 60_000 });
      const readable = await dialog.getByRole('table', { name: 'What this credential can read' }).getByText('Readable', { exact: true }).count();
      expect(readable).toBeGreaterThan(3);
      await expectAccessible('connect dialog with a test result');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('heading', { name: /^Okta · acme/, level: 1 }).waitFor({ timeout: 60_000 });
    });

    await step('sync now with live progress', async () => {
      await page.getByRole('button', { name: 'Sync Now' }).click();
      // The running sync's budget counts down, from the sync record the event stream delivered.
      await page.getByText(/Sync running since .*s of its \d+ s budget left/).waitFor({ timeout: 60_000 });
      await page.getByRole('table', { name: 'Progress per dataset' }).waitFor();
      await page.getByText(/Last sync succeeded at .*, complete\./).waitFor({ timeout: 170_000 });
      await page.getByRole('table', { name: 'Syncs, newest first' }).getByText('succeeded').first().waitFor({ timeout: 30_000 });
      await expectAccessible('integration detail after a sync');
    });

    await step('a user without MFA, from the failing test', async () => {
      // The Tests page is built beside this work (console-pages); until it is merged, the failing check's users are
      // read through the same API the page uses, signed in as this browser.
      const found = await page.evaluate(async (org) => {
        const entities = (await (await fetch(`/api/orgs/${org}/tests/mfa-enabled-all-users/entities?status=fail&entityType=user&limit=5`)).json()) as { items: { entityId: string }[] };
        const first = entities.items[0];
        if (first === undefined) return null;
        const user = (await (await fetch(`/api/orgs/${org}/users/${first.entityId}`)).json()) as { user: { id: string; login: string } };
        return user.user;
      }, ORG);
      expect(found?.login).toMatch(/@/);
    });

    await step('change the sync interval', async () => {
      await page.getByLabel('Sync Interval').selectOption('12h');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByText('Settings saved.').waitFor();
      await page.reload();
      await page.getByRole('heading', { name: /^Okta · acme/, level: 1 }).waitFor();
      expect(await page.getByLabel('Sync Interval').inputValue()).toBe('12h');
    });

    await step('download the evidence zip and verify it', async () => {
      const link = page.getByRole('link', { name: 'Download evidence zip' });
      await link.waitFor({ timeout: 60_000 });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const zip = join(work, 'evidence.zip');
      await download.saveAs(zip);
      const { io, out, err } = captureIo();
      const code = await runCli(['evidence', 'verify', zip, '--db', server.db, '--full'], io);
      expect({ code, err }, out.join('\n')).toEqual({ code: 0, err: [] });
    });

    await step('a wrong token shows the 401 advice', async () => {
      await page.getByRole('link', { name: 'Integrations' }).click();
      await page.getByRole('button', { name: 'Connect another Okta org' }).click();
      const dialog = page.getByRole('dialog', { name: 'Connect Okta' });
      await dialog.getByLabel('Okta domain').fill('other.okta.com');
      await dialog.getByText('Advanced: base URL override').click();
      await dialog.getByLabel('Base URL (a simulator or a forward proxy)').fill(sim.baseUrl);
      await dialog.getByLabel('Okta API token').fill('00wrong-token-for-this-org');
      await dialog.getByRole('button', { name: 'Test connection' }).click();
      await dialog.getByText(/when it has not been used for 30 days, or when the admin who created it was deactivated/).waitFor({ timeout: 60_000 });
      await expectAccessible('connect dialog with the 401 advice');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
    });

    await step('admin pages: users, tokens shown once, audit log', async () => {
      await page.getByRole('link', { name: 'Admin' }).click();
      await page.getByRole('heading', { name: 'Users and roles' }).waitFor();
      await expectAccessible('admin users');
      await page.getByLabel('Email').fill(AUDITOR.email);
      await page.getByLabel('Initial password').fill(AUDITOR.password);
      await page.getByLabel(/Auditor: reads everything/).check();
      await page.getByRole('button', { name: 'Add user' }).click();
      await page.getByText(`User ${AUDITOR.email} added.`).waitFor();
      await page.getByRole('link', { name: 'API tokens' }).click();
      await page.getByLabel('Name').fill('ci-evidence-pull');
      await page.getByRole('button', { name: 'Create token' }).click();
      expect(await page.getByLabel('New API token').textContent()).toMatch(/^oet_/);
      await expectAccessible('admin tokens');
      await page.getByRole('link', { name: 'Audit log' }).click();
      await page.getByRole('table', { name: 'Audit log, newest first' }).getByText('connection.update').first().waitFor();
      await expectAccessible('audit log');
    });

    await step('an auditor reads the settings but cannot change them', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in to okta-evidence' }).waitFor();
      await expectAccessible('sign in');
      await signIn(AUDITOR);
      await page.getByRole('link', { name: 'Details and settings of acme' }).click();
      await page.getByText('Your role can read these settings but not change them.').waitFor();
      expect(await page.getByLabel('Sync Interval').inputValue()).toBe('12h');
      expect(await page.getByLabel('Sync Interval').isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Sync Now' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
      // And the API refuses the change the page does not offer.
      const status = await page.evaluate(async () => {
        const csrf = (await (await fetch('/api/auth/csrf')).json()) as { token: string };
        const connections = (await (await fetch('/api/connections')).json()) as { items: { id: string }[] };
        const response = await fetch(`/api/connections/${connections.items[0]?.id ?? ''}`, { method: 'PATCH', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf.token }, body: JSON.stringify({ settings: { syncInterval: '1h' } }) });
        return response.status;
      });
      expect(status).toBe(403);
      // The browser logs that deliberate refusal as a failed resource; it is this test's request, not the page's.
      consoleErrors.splice(consoleErrors.findIndex((message) => message.includes('status of 403')), 1);
      await expectAccessible('integration detail as auditor');
    });

    await step('readable at 390 px wide', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      for (const path of ['/integrations', '/admin']) {
        await page.goto(`${server.url}${path}`);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
        await expectAccessible(`${path} at 390 px`);
      }
    });
  });
});
