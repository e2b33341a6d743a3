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
