import { matchRoutes } from 'react-router';
import { corePages } from './core-pages';
import { dataPages } from './data-pages';
import type { ConsolePage } from './page';

export type { ConsolePage };

/** Every page inside the shell. Add pages to core-pages.tsx or data-pages.tsx, not here. */
export const pages: ConsolePage[] = [...corePages, ...dataPages];

/** The navigation, in the order a compliance user works through it. */
export const NAV: readonly { label: string; path: string }[] = [
  { label: 'Integrations', path: 'integrations' },
  { label: 'Tests', path: 'tests' },
  { label: 'Users', path: 'users' },
  { label: 'Apps', path: 'apps' },
  { label: 'Groups', path: 'groups' },
  { label: 'Policies', path: 'policies' },
  { label: 'System Log', path: 'system-log' },
  { label: 'Evidence', path: 'evidence' },
  { label: 'Frameworks', path: 'frameworks' },
  { label: 'Admin', path: 'admin' },
];

/** The page whose route matches `pathname`, if any. */
export function pageAt(pathname: string): ConsolePage | undefined {
  const route = matchRoutes(pages.map((page) => ({ path: page.path })), pathname)?.[0]?.route;
  return pages.find((page) => page.path === route?.path);
}

/**
 * Starts fetching the chunk of the page the console opens on at once, beside the session check, instead of after it
 * (the shell renders the page only once it knows who is signed in): one round trip fewer before the first paint.
 * A failed fetch is left to the page's own load, which shows the error.
 */
export function preloadPageAt(pathname: string): void {
  pageAt(pathname)
    ?.preload?.()
    .catch(() => undefined);
}
