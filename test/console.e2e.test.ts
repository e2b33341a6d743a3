/**
 * The web console end to end in a real browser: Debian's Chromium driven by playwright-core (no browser download;
 * `.ci/run` installs the `chromium` package when it is missing), against `okta-evidence serve` started as the CLI
 * starts it, on a free port, with the built-in simulator as the Okta org, and a webhook receiver on loopback. When a
 * step fails, a screenshot of the page it was on and one of every console page go to test-results/console-e2e/
 * (gitignored).
 */
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
/** Every page of the console, screenshotted when a step fails (the walk itself visits most of them). */
const EVERY_PAGE = ['/integrations', '/tests', '/tests/mfa-enabled-all-users', '/users', '/apps', '/groups', '/policies', '/system-log', '/evidence', '/frameworks', '/admin?tab=users', '/admin?tab=tokens', '/admin?tab=webhooks', '/admin?tab=audit'];
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

/** A webhook receiver: records each POST and answers 200. */
async function startReceiver(): Promise<{ url: string; received: { headers: IncomingHttpHeaders; body: string }[]; server: Server }> {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

if (!existsSync(CHROMIUM)) process.stderr.write(`\n${CHROMIUM} is missing: the console's browser test is skipped (apt-get install -y chromium; .ci/run does).\n\n`);

describe.skipIf(!existsSync(CHROMIUM))('the web console in Chromium', () => {
  let sim: SimulatorHandle;
  let server: Serving;
  let context: BrowserContext;
  let page: Page;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let everyPageShot = false;
  const work = mkdtempSync(join(tmpdir(), 'console-e2e-'));
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    const consoleDir = join(work, 'console');
    await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn', build: { outDir: consoleDir, emptyOutDir: true } });
    sim = await startSimulator({ users: 300, seed: 11, rateLimits: 'off', port: 0 });
    server = await serve(join(work, 'okta-evidence.sqlite'), consoleDir);
    receiver = await startReceiver();
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
    await new Promise((closed) => receiver.server.close(closed));
    rmSync(work, { recursive: true, force: true });
  });

  /**
   * Runs one step of the walk; on failure, a screenshot of the page goes to test-results/console-e2e/, and (once) one
   * of every console page as the signed-in user sees it, taken in a second tab so the failing page stays as it was.
   */
  async function step(name: string, body: () => Promise<void>): Promise<void> {
    try {
      await body();
      expect(consoleErrors, `console errors during "${name}"`).toEqual([]);
    } catch (error) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, `${name.replace(/\W+/g, '-')}.png`), fullPage: true }).catch(() => undefined);
      if (!everyPageShot) {
        everyPageShot = true;
        await screenshotEveryPage().catch(() => undefined);
      }
      throw error;
    }
  }

  async function screenshotEveryPage(): Promise<void> {
    const tab = await context.newPage();
    try {
      for (const path of EVERY_PAGE) {
        await tab.goto(`${server.url}${path}`, { timeout: 20_000 }).catch(() => undefined);
        await tab.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
        await tab.screenshot({ path: join(SHOTS, `page${path.replace(/[/?=]/g, '_')}.png`), fullPage: true }).catch(() => undefined);
      }
    } finally {
      await tab.close();
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

  /** Admin › Webhooks: add one (Slack payload) for the loopback receiver, Send test, read its deliveries, delete it. */
  async function webhookWalk(): Promise<void> {
    await page.getByRole('link', { name: 'Webhooks' }).click();
    const form = page.getByRole('form', { name: 'Add a webhook' });
    await form.getByLabel('Name').fill('#security-alerts');
    await form.getByLabel('Receiver URL').fill('hooks.example.com/in');
    await form.getByText('Not a URL: write it whole, starting with https://').waitFor();
    await form.getByLabel('Receiver URL').fill(`${receiver.url}/services/T0/B0/token-part`);
    await form.getByRole('radio', { name: /Slack-compatible/ }).check();
    await form.getByRole('button', { name: 'Add webhook' }).click();
    const secret = (await page.getByLabel('New webhook signing secret').textContent()) ?? '';
    expect(secret).toMatch(/^oewh_/);
    const list = page.getByRole('table', { name: 'Webhooks' });
    await list.getByText(`${receiver.url}/…`).waitFor();
    expect(await list.textContent()).not.toContain('token-part');
    await expectAccessible('admin webhooks');
    await page.getByRole('button', { name: 'Deliveries of #security-alerts' }).click();
    await page.getByRole('button', { name: 'Send test' }).click();
    await page.getByText('Test delivered: the receiver answered 200.').waitFor();
    await page.getByRole('table', { name: 'Deliveries of #security-alerts, newest first' }).getByText('webhook.test').waitFor();
    // The receiver got a Slack message, signed with the secret the page showed once.
    const delivered = receiver.received.at(-1);
    expect(delivered?.headers['x-okta-evidence-signature']).toBe(`v1=${createHmac('sha256', secret).update(`${String(delivered?.headers['x-okta-evidence-timestamp'])}.${delivered?.body}`).digest('hex')}`);
    const slack = JSON.parse(delivered?.body ?? '{}') as { text?: unknown; blocks?: { type: string }[] };
    expect([typeof slack.text, slack.blocks?.[0]?.type]).toEqual(['string', 'section']);
    await expectAccessible('webhook deliveries');
    await page.getByRole('button', { name: 'Delete #security-alerts' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete #security-alerts?' });
    await expectAccessible('delete webhook confirmation');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await list.getByText('No webhook yet.').waitFor();
  }

  // One walk through the product, minutes on a loaded machine: its own generous limit (a hang still ends it).
  it('walks setup, connect, sync, a user without MFA, settings, evidence, webhooks, roles and the 401 advice', { timeout: 900_000 }, async () => {
    await step('first-admin setup', async () => {
      const entryScript = page.waitForResponse((response) => /\/assets\/index-[\w-]+\.js$/.test(response.url()));
      await page.goto(server.setupLink);
      // The console's code arrives compressed (the build's Brotli or gzip copy), under the strict CSP.
      expect((await entryScript).headers()['content-encoding']).toMatch(/^(br|gzip)$/);
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
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tests', exact: true }).click();
      await page.getByRole('heading', { name: 'Tests', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'MFA Enabled for All Users' }).first().click();
      await page.getByRole('heading', { name: 'MFA Enabled for All Users', level: 1 }).waitFor();
      await page.getByLabel('Verdict').selectOption('fail');
      await page.getByLabel('Kind').selectOption('user');
      await expectAccessible('the MFA test’s failing users');
      // A failing user whose reason is that no factor is enrolled at all: the page shows them without MFA.
      const results = page.getByRole('table', { name: 'MFA Enabled for All Users: results per entity' });
      const withoutMfa = results.getByRole('row').filter({ hasText: 'has enrolled no factor' }).first().getByRole('link');
      await withoutMfa.waitFor();
      const login = (await withoutMfa.textContent()) ?? '';
      expect(login).toMatch(/@example\.com$/);
      await withoutMfa.click();
      await page.getByRole('heading', { name: login, level: 1 }).waitFor();
      expect(page.url()).toMatch(/\/users\/00u/);
      await page.getByText('No factor enrolled: this user signs in with a password only.').waitFor();
      const verdict = page.getByRole('table', { name: `Each security test’s verdict on ${login}` }).getByRole('row').filter({ hasText: 'mfa-enabled-all-users' });
      await verdict.getByText('Fail', { exact: true }).waitFor();
      await expectAccessible('the user without MFA');
      // Back to the integration, for its settings.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click();
      await page.getByRole('link', { name: 'Details and settings of acme' }).click();
      await page.getByRole('heading', { name: /^Okta · acme/, level: 1 }).waitFor();
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

    await step('admin pages: users, tokens shown once, webhooks, audit log', async () => {
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
      await webhookWalk();
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
