import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { createAccounts, DEFAULT_ACCOUNT_POLICY } from '../src/app/accounts/accounts.js';
import { evaluateChecks } from '../src/checks/engine.js';
import { loadSnapshotView } from '../src/checks/snapshot-view.js';
import { DEFAULT_CONSOLE_DIR } from '../src/server/console.js';
import { buildServer } from '../src/server/server.js';
import { openDatabase } from '../src/store/database.js';
import { BENCH_NOW, BENCH_ORG, seedBenchSnapshot } from './checks-50k.js';
import { defineScenario } from './scenario.js';

const FIRST_PAINT_TARGET_MS = 1_000;
const PAGE_CHANGE_TARGET_MS = 200;
const LOADS = 5;
const PAGE_CHANGES = 20;
const CHROMIUM = '/usr/bin/chromium';
const EMAIL = 'bench-admin@example.com';
const PASSWORD = 'bench password for the console';

/**
 * The console's pages over a 50,000-user snapshot, in Debian's Chromium against the real server on loopback:
 * - first paint of the Tests page: from navigation start (a fresh browser context, nothing cached) to the frame in
 *   which the tests' cards, with their data, are on screen; the median of LOADS cold loads must be < 1 s;
 * - a users-table page change: from the click on "Next page" to the frame showing the next page's rows; the 95th
 *   percentile of PAGE_CHANGES changes must be < 200 ms.
 * The console must be built (`npm run build`): it is what `serve` sends.
 */
export const consolePages = defineScenario({
  id: 'console-pages',
  description: 'Tests page first paint and users-table page changes over a 50,000-user snapshot, in Chromium over loopback',
  async run() {
    if (!existsSync(join(DEFAULT_CONSOLE_DIR, 'index.html'))) throw new Error('The web console is not built: run `npm run build` first.');
    const directory = mkdtempSync(join(tmpdir(), 'okta-evidence-bench-console-'));
    const store = await openDatabase(join(directory, 'bench.sqlite'));
    const app = await buildServer({ store, accountPolicy: { ...DEFAULT_ACCOUNT_POLICY, passwordCost: { N: 1024, r: 8, p: 1 } } });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const seeded = await seedBenchSnapshot(store);
      const snapshot = await store.snapshots.current(BENCH_ORG);
      if (snapshot === undefined) throw new Error('the bench snapshot was not promoted');
      const view = await loadSnapshotView(store, snapshot);
      // Two runs: the Tests page then has a previous run to compare with, and a trend.
      await store.checkResults.save(evaluateChecks(view, {}, { now: new Date(BENCH_NOW - 3_600_000) }));
      await store.checkResults.save(evaluateChecks(view, {}, { now: new Date(BENCH_NOW) }));
      await createAccounts(store, () => new Date(), { ...DEFAULT_ACCOUNT_POLICY, passwordCost: { N: 1024, r: 8, p: 1 } }).createUser({ email: EMAIL, password: PASSWORD, role: 'admin', reviewAppIds: [] }, 'bench');
      const base = await app.listen({ host: '127.0.0.1', port: 0 });
      const cookie = await signIn(base);
      // The API reads the pages make, timed alone (the browser's figures include them).
      const apiMs = async (path: string) => {
        const started = performance.now();
        const response = await fetch(`${base}${path}`, { headers: { cookie: `oe_session=${cookie}` } });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${path}: ${response.status}`);
        return Math.round(performance.now() - started);
      };
      const testsApiMs = await apiMs(`/api/orgs/${BENCH_ORG}/tests`);
      const changesApiMs = await apiMs(`/api/orgs/${BENCH_ORG}/tests/changes`);
      const usersPageApiMs = await apiMs(`/api/orgs/${BENCH_ORG}/users?limit=50`);

      const errors: string[] = [];
      const loads: number[] = [];
      for (let i = 0; i < LOADS; i += 1) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        await context.addCookies([{ name: 'oe_session', value: cookie, url: base }]);
        const page = await context.newPage();
        watchErrors(page, errors);
        loads.push(await timeTestsFirstPaint(page, base));
        // Let the page's later reads finish, so none of them runs into the next cold load.
        await page.waitForLoadState('networkidle');
        await context.close();
      }

      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addCookies([{ name: 'oe_session', value: cookie, url: base }]);
      const page = await context.newPage();
      watchErrors(page, errors);
      await page.goto(`${base}/users`);
      await page.getByRole('table', { name: `Users of ${BENCH_ORG}` }).locator('tbody tr td a').first().waitFor();
      const changes: number[] = [];
      for (let n = 2; n < PAGE_CHANGES + 2; n += 1) changes.push(await timeNextPage(page, n));
      await context.close();

      const median = (values: number[]) => percentile(values, 0.5);
      const firstPaintMs = median(loads);
      const pageChangeP95Ms = percentile(changes, 0.95);
      return {
        scenario: 'console-pages',
        figures: {
          users: view.users.length,
          ...seeded,
          testsApiMs,
          changesApiMs,
          usersPageApiMs,
          testsFirstPaintMedianMs: firstPaintMs,
          testsFirstPaintMaxMs: Math.max(...loads),
          usersPageChangeMedianMs: median(changes),
          usersPageChangeP95Ms: pageChangeP95Ms,
          usersPageChangeMaxMs: Math.max(...changes),
          consoleErrors: errors.length,
        },
        target: `Tests first paint (median of ${LOADS} cold loads) < ${FIRST_PAINT_TARGET_MS} ms; users page change p95 of ${PAGE_CHANGES} < ${PAGE_CHANGE_TARGET_MS} ms; no console error`,
        passed: firstPaintMs < FIRST_PAINT_TARGET_MS && pageChangeP95Ms < PAGE_CHANGE_TARGET_MS && errors.length === 0 && view.users.length === 50_000,
      };
    } finally {
      await browser.close();
      await app.close();
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    }
  },
});

async function signIn(base: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL, password: PASSWORD }) });
  const session = /oe_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (!response.ok || session === undefined) throw new Error(`bench sign-in failed: ${response.status}`);
  return session;
}

function watchErrors(page: Page, errors: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
}

/*
 * The measuring runs inside the page. It is written as text because this package is type-checked for Node (no DOM
 * types): the browser evaluates it as is.
 */
const WATCH_TESTS_PAINT = `(() => {
  const look = () => {
    if (document.querySelector('[aria-label="Security tests"] li') !== null) {
      // The frame after the DOM change is the one that shows it.
      requestAnimationFrame(() => { window.__testsPainted = performance.now(); });
      return;
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})()`;

/** Milliseconds from navigation start to the frame in which the Tests page's cards are painted. */
async function timeTestsFirstPaint(page: Page, base: string): Promise<number> {
  await page.addInitScript(WATCH_TESTS_PAINT);
  await page.goto(`${base}/tests`);
  // A function, not text: the console's CSP forbids eval, which a text predicate would need.
  await page.waitForFunction(() => (globalThis as { __testsPainted?: number }).__testsPainted !== undefined, undefined, { timeout: 30_000 });
  return Math.round(await page.evaluate<number>('window.__testsPainted'));
}

/** Clicks "Next page" and measures, inside the page, until the frame that shows page `expected`'s rows. */
async function timeNextPage(page: Page, expected: number): Promise<number> {
  const script = `(async () => {
    const firstLogin = () => document.querySelector('table tbody tr td a')?.textContent ?? '';
    const before = firstLogin();
    const button = [...document.querySelectorAll('button')].find((candidate) => candidate.textContent === 'Next page');
    if (button === undefined) throw new Error('no Next page button');
    const started = performance.now();
    button.click();
    await new Promise((resolve) => {
      const look = () => {
        const shown = document.body.textContent.includes('Page ${expected}') && firstLogin() !== before && document.querySelector('table[aria-busy="true"]') === null;
        if (shown) requestAnimationFrame(() => resolve());
        else requestAnimationFrame(look);
      };
      look();
    });
    return performance.now() - started;
  })()`;
  return Math.round(await page.evaluate<number>(script));
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}
