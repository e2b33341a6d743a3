import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, generateApiTypes } from '../scripts/api-types.js';

describe('the web console’s API types', () => {
  it('are generated from the server’s current OpenAPI document (run `npm run api-types` when this fails)', async () => {
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    const fresh = await generateApiTypes();
    expect(fresh.length).toBeGreaterThan(10_000);
    expect(fresh).toContain('"/api/auth/login"');
    expect(committed === fresh, 'web/src/api/schema.d.ts is stale: run `npm run api-types` and commit it').toBe(true);
  });
});
