import { lazyPage, type ConsolePage } from './page';

/**
 * The data pages (owned by the console-pages work): Tests, Users, Apps, Groups, Policies, System Log, Evidence,
 * Frameworks, and the detail pages entity links lead to. Each is its own lazy chunk.
 */
export const dataPages: ConsolePage[] = [
  { path: 'tests', title: 'Tests', ...lazyPage(() => import('./tests/TestsPage')) },
  { path: 'tests/:checkId', title: 'Test', ...lazyPage(() => import('./tests/TestPage')) },
  { path: 'users', title: 'Users', ...lazyPage(() => import('./users/UsersPage')) },
  { path: 'users/:id', title: 'User', ...lazyPage(() => import('./users/UserPage')) },
  { path: 'apps', title: 'Apps', ...lazyPage(() => import('./apps/AppsPage')) },
  { path: 'apps/:id', title: 'App', ...lazyPage(() => import('./apps/AppPage')) },
  { path: 'groups', title: 'Groups', ...lazyPage(() => import('./groups/GroupsPage')) },
  { path: 'groups/:id', title: 'Group', ...lazyPage(() => import('./groups/GroupPage')) },
  { path: 'policies', title: 'Policies', ...lazyPage(() => import('./policies/PoliciesPage')) },
  { path: 'policies/:id', title: 'Policy', ...lazyPage(() => import('./policies/PolicyPage')) },
  { path: 'system-log', title: 'System Log', ...lazyPage(() => import('./system-log/SystemLogPage')) },
  { path: 'evidence', title: 'Evidence', ...lazyPage(() => import('./evidence/EvidencePage')) },
  { path: 'frameworks', title: 'Frameworks', ...lazyPage(() => import('./frameworks/FrameworksPage')) },
];
