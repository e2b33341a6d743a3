import { lazy } from 'react';
import type { ConsolePage } from './page';

/**
 * The data pages (owned by the console-pages work): Tests, Users, Apps, Groups, Policies, System Log, Evidence,
 * Frameworks, and the detail pages entity links lead to. Each is its own lazy chunk.
 */
export const dataPages: ConsolePage[] = [
  { path: 'tests', title: 'Tests', Component: lazy(() => import('./tests/TestsPage')) },
  { path: 'tests/:checkId', title: 'Test', Component: lazy(() => import('./tests/TestPage')) },
  { path: 'users', title: 'Users', Component: lazy(() => import('./users/UsersPage')) },
  { path: 'users/:id', title: 'User', Component: lazy(() => import('./users/UserPage')) },
  { path: 'apps', title: 'Apps', Component: lazy(() => import('./apps/AppsPage')) },
  { path: 'apps/:id', title: 'App', Component: lazy(() => import('./apps/AppPage')) },
  { path: 'groups', title: 'Groups', Component: lazy(() => import('./groups/GroupsPage')) },
  { path: 'groups/:id', title: 'Group', Component: lazy(() => import('./groups/GroupPage')) },
  { path: 'policies', title: 'Policies', Component: lazy(() => import('./policies/PoliciesPage')) },
  { path: 'policies/:id', title: 'Policy', Component: lazy(() => import('./policies/PolicyPage')) },
  { path: 'system-log', title: 'System Log', Component: lazy(() => import('./system-log/SystemLogPage')) },
  { path: 'evidence', title: 'Evidence', Component: lazy(() => import('./evidence/EvidencePage')) },
  { path: 'frameworks', title: 'Frameworks', Component: lazy(() => import('./frameworks/FrameworksPage')) },
];
