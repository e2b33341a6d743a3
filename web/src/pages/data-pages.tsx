import type { ConsolePage } from './page';
import { placeholder } from './Placeholder';

/**
 * The data pages (owned by the console-pages work): Tests, Users, Apps, Groups, Policies, System Log, Evidence,
 * Frameworks. Replace a placeholder with `lazy(() => import('./users/UsersPage'))` and add detail routes here.
 */
export const dataPages: ConsolePage[] = [
  { path: 'tests', title: 'Tests', Component: placeholder('Tests') },
  { path: 'users', title: 'Users', Component: placeholder('Users') },
  { path: 'apps', title: 'Apps', Component: placeholder('Apps') },
  { path: 'groups', title: 'Groups', Component: placeholder('Groups') },
  { path: 'policies', title: 'Policies', Component: placeholder('Policies') },
  { path: 'system-log', title: 'System Log', Component: placeholder('System Log') },
  { path: 'evidence', title: 'Evidence', Component: placeholder('Evidence') },
  { path: 'frameworks', title: 'Frameworks', Component: placeholder('Frameworks') },
];
