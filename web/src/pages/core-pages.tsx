import { lazy } from 'react';
import type { ConsolePage } from './page';

/** The connection and administration pages (owned by the console-core work). */
export const corePages: ConsolePage[] = [
  { path: 'integrations', title: 'Integrations', Component: lazy(() => import('./integrations/IntegrationsPage')) },
  { path: 'integrations/:id', title: 'Okta integration', Component: lazy(() => import('./integrations/IntegrationDetailPage')) },
  { path: 'integrations/github/:id', title: 'GitHub integration', Component: lazy(() => import('./integrations/github/GithubIntegrationPage')) },
  { path: 'admin', title: 'Admin', Component: lazy(() => import('./admin/AdminPage')), roles: ['admin', 'auditor'] },
];
