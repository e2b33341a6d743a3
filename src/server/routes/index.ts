import { registerAccountRoutes } from './accounts.js';
import { registerActivityRoutes } from './activity.js';
import { registerAppRoutes } from './apps.js';
import { registerAuthRoutes } from './auth.js';
import { registerComplianceViewRoutes } from './compliance-views.js';
import { registerConnectionRoutes } from './connections.js';
import { registerSyncEventRoutes } from './sync-events.js';
import { registerDirectoryRoutes } from './directory.js';
import { registerEvidenceRoutes } from './evidence.js';
import { registerFrameworkRoutes } from './frameworks.js';
import { registerGithubConnectionRoutes } from './github-connections.js';
import { registerMetaRoutes } from './meta.js';
import { registerOrgRoutes } from './orgs.js';
import { registerReviewRoutes } from './reviews.js';
import { registerServiceRoutes } from './services.js';
import type { RouteDeps, ZodApp } from './route-deps.js';
import { registerTestRoutes } from './tests.js';
import { registerWebhookRoutes } from './webhooks.js';

/** One module per resource; each declares its routes' access, schemas and operation ids. */
export function registerRoutes(app: ZodApp, deps: RouteDeps): void {
  registerMetaRoutes(app);
  registerAuthRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerOrgRoutes(app, deps);
  registerConnectionRoutes(app, deps);
  registerGithubConnectionRoutes(app, deps);
  registerSyncEventRoutes(app, deps);
  registerDirectoryRoutes(app, deps);
  registerAppRoutes(app, deps);
  registerActivityRoutes(app, deps);
  registerTestRoutes(app, deps);
  registerFrameworkRoutes(app, deps);
  registerEvidenceRoutes(app, deps);
  registerReviewRoutes(app, deps);
  registerWebhookRoutes(app, deps);
  registerServiceRoutes(app, deps);
  registerComplianceViewRoutes(app, deps);
}
