import { openServerStore } from '../app/read/context.js';
import { buildServer } from './server.js';

/**
 * The API's OpenAPI document as `/api/openapi.json` serves it, built without a port or a database file: the web
 * console's types are generated from it (scripts/api-types.ts), so they can never drift from the routes' schemas.
 */
export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  const store = await openServerStore(':memory:');
  try {
    const app = await buildServer({ store, consoleDir: null, version: '0.0.0' });
    try {
      await app.ready();
      return app.swagger() as unknown as Record<string, unknown>;
    } finally {
      await app.close();
    }
  } finally {
    await store.close();
  }
}
