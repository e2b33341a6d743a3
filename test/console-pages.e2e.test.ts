import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFolderName } from '../src/app/pipeline.js';
import { exportEvidence, loadOrCreateSigningKey } from '../src/evidence/index.js';
import { SEEDED_ORG, seedOrg } from '../src/server/testing/seed-org.js';
import { startTestServer, type TestServer } from '../src/server/testing/server-kit.js';
import { runGithubSync } from '../src/app/github/sync.js';
import type { SecretKeyLocation } from '../src/app/secrets/secret-key.js';
import { startGitHubSimulator } from '../src/simulator/github/index.js';

/*
 * The data pages of the web console in Debian's Chromium against the real server: every page is checked with
 * axe-core (no serious or critical violation), must log no console error, and must fit a 390 px wide screen as well
 * as 1280×800 (wide tables scroll inside their own box, the page does not). Entity links are followed, and filters
 * are read from the URL. The console is built from the current source into a temporary folder first.
 */

const CHROMIUM = '/usr/bin/chromium';
const AXE_SOURCE = readFileSync(fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');
/** The Okta org the GitHub connection maps to: seeded after the data-page walks, so they see one org only. */
const GITHUB_OKTA_ORG = 'acme-example.okta.com';
const SCREENSHOTS = fileURLToPath(new URL('../test-results/console-pages/', import.meta.url));

/** Each page with the heading it must show once its data is in (a detail page names its entity), and the admin tabs. */
const PAGES: { path: string; heading: string }[] = [
  { path: '/tests', heading: 'Tests' },
  { path: '/tests/mfa-enabled-all-users', heading: 'MFA Enabled for All Users' },
  { path: '/tests/password-policy-compliance', heading: 'Password Policy Compliance' },
  { path: '/users', heading: 'Users' },
  { path: '/users/00u000000', heading: 'person0@example.com' },
  { path: '/apps', heading: 'Apps' },
  { path: '/apps/0oagithub', heading: 'GitHub' },
  { path: '/groups', heading: 'Groups' },
  { path: '/groups/00gengineers', heading: 'Engineers' },
  { path: '/policies', heading: 'Policies' },
  { path: '/policies/00pacc', heading: 'Default access' },
  { path: '/system-log', heading: 'System Log' },
  { path: '/evidence', heading: 'Evidence' },
  { path: '/frameworks', heading: 'Frameworks' },
  { path: '/integrations', heading: 'Integrations' },
  { path: '/admin?tab=users', heading: 'Admin' },
  { path: '/admin?tab=tokens', heading: 'Admin' },
  { path: '/admin?tab=webhooks', heading: 'Admin' },
  { path: '/admin?tab=audit', heading: 'Admin' },
];
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

describe('console data pages in Chromium', () => {
  let scratch: string;
  let server: TestServer;
  let base: string;
  let sessionCookie: string;
  let browser: Browser;
  let secretKey: SecretKeyLocation;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'oe-console-pages-e2e-'));
    const consoleDir = join(scratch, 'console');
    await build({ configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)), logLevel: 'error', build: { outDir: consoleDir, emptyOutDir: true } });
    const evidence = { root: join(scratch, 'evidence'), keyDir: join(scratch, 'keys') };
    secretKey = { kind: 'file', path: join(scratch, 'secret.key') };
    server = await startTestServer({ consoleDir, evidence, secretKey });
    await seedOrg(server.store, server.now());
    const signingKey = await loadOrCreateSigningKey(evidence.keyDir);
    const exportId = exportFolderName(server.now(), 'sync-e2e');
    await exportEvidence({ store: server.store, org: SEEDED_ORG, outDir: join(evidence.root, SEEDED_ORG, exportId), signingKey, now: () => server.now() });
    base = await server.app.listen({ host: '127.0.0.1', port: 0 });
    const admin = await server.signIn('admin', { email: 'e2e-admin@example.com' });
    // A webhook, so the Webhooks tab is checked with a row in its table (its wide actions column on a phone).
    const webhook = await server.request('POST', '/api/admin/webhooks', admin, { name: '#security-alerts', url: 'https://hooks.example.com/services/T0/B0/x', events: ['tests.newly_failing', 'sync.failed'], format: 'slack' });
    if (webhook.statusCode !== 201) throw new Error(`webhook not created: ${webhook.body}`);
    sessionCookie = /oe_session=([^;]+)/.exec(admin.cookie)?.[1] ?? '';
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  async function openPage(viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport });
    await context.addCookies([{ name: 'oe_session', value: sessionCookie, url: base }]);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    return { context, page, errors };
  }

  /** Waits until the page's heading is there and nothing is still loading. */
  async function settled(page: Page, heading: string): Promise<void> {
    await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor({ timeout: 20_000 });
    await page.waitForLoadState('networkidle');
    await page.getByText('Loading…').first().waitFor({ state: 'detached', timeout: 20_000 }).catch(() => undefined);
  }

  /** axe-core's serious and critical violations (injected by evaluation: the page's CSP refuses inline scripts). */
  async function seriousViolations(page: Page): Promise<string[]> {
    await page.evaluate(AXE_SOURCE);
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
      return (await axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] })).violations;
    });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  }

  /** Opens each page at the viewport: axe, sideways scrolling and console errors; a screenshot of each page with a problem. */
  async function walk(viewport: (typeof VIEWPORTS)[number], pages: readonly { path: string; heading: string }[]): Promise<void> {
    const { context, page, errors } = await openPage(viewport);
    const problems: string[] = [];
    try {
      for (const { path, heading } of pages) {
        try {
          await page.goto(`${base}${path}`);
          await settled(page, heading);
          for (const violation of await seriousViolations(page)) problems.push(`${path}: ${violation}`);
          const overflow = await page.evaluate(() => {
            const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
            return root.scrollWidth - root.clientWidth;
          });
          if (overflow > 1) problems.push(`${path}: the page scrolls sideways by ${overflow} px`);
        } catch (error) {
          problems.push(`${path}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
        }
        if (problems.some((problem) => problem.startsWith(`${path}:`))) {
          mkdirSync(SCREENSHOTS, { recursive: true });
          await page.screenshot({ path: join(SCREENSHOTS, `${viewport.name}${path.replace(/[/?=]/g, '_')}.png`), fullPage: true });
        }
      }
    } finally {
      await context.close();
    }
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
  }

  for (const viewport of VIEWPORTS) {
    it(`every data page at ${viewport.width}×${viewport.height}: no serious accessibility violation, no console error, no sideways scrolling`, async () => {
      await walk(viewport, PAGES);
    });
  }

  it('follows entity links from a failing test to the user, and from the user to their app and group', async () => {
    const { context, page, errors } = await openPage({ width: 1280, height: 800 });
    try {
      await page.goto(`${base}/tests`);
      await settled(page, 'Tests');
      await page.getByRole('link', { name: 'MFA Enabled for All Users' }).first().click();
      await settled(page, 'MFA Enabled for All Users');
      await page.getByLabel('Search name').fill('person29');
      await page.getByLabel('Search name').press('Enter');
      const results = page.getByRole('table', { name: 'MFA Enabled for All Users: results per entity' });
      await results.getByRole('link', { name: 'person29@example.com' }).click();
      await settled(page, 'person29@example.com');
      expect(page.url()).toBe(`${base}/users/00u000029`);
      await page.getByRole('link', { name: 'GitHub' }).click();
      await settled(page, 'GitHub');
      // The deprovisioned user who still holds GitHub is named as an orphaned assignment.
      await page.getByText('Orphaned assignments:').waitFor();
      await page.getByRole('table', { name: 'Who has GitHub' }).getByRole('link', { name: 'Engineers' }).click();
      await settled(page, 'Engineers');
      expect(await page.getByRole('table', { name: 'Members of Engineers' }).getByRole('link').allTextContents()).toEqual(['person0@example.com', 'person1@example.com']);
    } finally {
      await context.close();
    }
    expect(errors).toEqual([]);
  });

  it('opens a shared link with its filters, and pages the users through the server', async () => {
    const { context, page, errors } = await openPage({ width: 1280, height: 800 });
    try {
      await page.goto(`${base}/users?deprovisioned=true`);
      await settled(page, 'Users');
      const users = page.getByRole('table', { name: `Users of ${SEEDED_ORG}` });
      expect(await users.getByRole('link').allTextContents()).toEqual(['person29@example.com']);
      await page.goto(`${base}/users`);
      await settled(page, 'Users');
      await page.getByLabel('Rows per page').selectOption('25');
      await users.getByRole('link', { name: 'person0@example.com' }).waitFor();
      await page.getByRole('button', { name: 'Next page' }).click();
      await page.getByText('Page 2', { exact: true }).waitFor();
      await users.getByRole('link', { name: 'person29@example.com' }).waitFor();
      expect(await users.getByRole('link').count()).toBe(5);
    } finally {
      await context.close();
    }
    expect(errors).toEqual([]);
  });

  it('the GitHub card and a GitHub connection page with its passthrough results, at both sizes', async () => {
    const github = await startGitHubSimulator({ seed: 7, rateLimits: 'off', orgs: [{ login: 'example-eng', members: 12, saml: 'org', outsideCollaborators: 2 }] });
    try {
      await seedOrg(server.store, server.now(), GITHUB_OKTA_ORG);
      const admin = await server.signIn('admin', { email: 'e2e-github-admin@example.com' });
      const okta = await server.request('POST', '/api/connections', admin, { name: 'acme', domain: GITHUB_OKTA_ORG, credential: { kind: 'ssws', token: '00abcdefghijklmnopqrstuvwxyz0123456789ABCD' }, skipTest: true });
      expect(okta.statusCode, okta.body).toBe(201);
      const credential = { kind: 'app', appId: String(github.credentials.appId), privateKey: github.credentials.privateKeyPem };
      const created = await server.request('POST', '/api/github-connections', admin, { name: 'gh-eng', org: 'example-eng', baseUrl: github.url, credential, oktaConnection: 'acme', oktaApp: '0oagithub' });
      expect(created.statusCode, created.body).toBe(201);
      const { id } = created.json<{ connection: { id: string } }>().connection;
      const record = await server.store.githubConnections.get(id);
      if (record === undefined) throw new Error('the GitHub connection was not stored');
      expect(await runGithubSync({ deps: { store: server.store, secretKey }, connection: record, clock: () => server.now().getTime() })).toMatchObject({ ok: true, handlerErrors: [] });
      const pages = [
        { path: '/integrations', heading: 'Integrations' },
        { path: `/integrations/github/${id}`, heading: 'GitHub · gh-eng' },
      ];
      for (const viewport of VIEWPORTS) await walk(viewport, pages);
    } finally {
      await github.close();
    }
  });
});
