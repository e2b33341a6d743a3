import { registerAccountRoutes } from './accounts.js';
import { registerAuthRoutes } from './auth.js';
import { registerMetaRoutes } from './meta.js';
import type { RouteDeps, ZodApp } from './route-deps.js';

/** One module per resource; each declares its routes' access, schemas and operation ids. */
export function registerRoutes(app: ZodApp, deps: RouteDeps): void {
  registerMetaRoutes(app);
  registerAuthRoutes(app, deps);
  registerAccountRoutes(app, deps);
}
