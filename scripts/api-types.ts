/**
 * Generates the web console's API types (web/src/api/schema.d.ts) from the server's OpenAPI document with
 * openapi-typescript. `npm run api-types` rewrites the file; test/console-api-types.test.ts fails when it is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { buildOpenApiDocument } from '../src/server/openapi-document.js';

export const API_TYPES_FILE = fileURLToPath(new URL('../web/src/api/schema.d.ts', import.meta.url));

const HEADER = '/* Generated from the server\'s OpenAPI document by `npm run api-types` (scripts/api-types.ts). Do not edit. */\n\n';

export async function generateApiTypes(): Promise<string> {
  const document = await buildOpenApiDocument();
  const ast = await openapiTS(document as unknown as OpenAPI3);
  return HEADER + astToString(ast);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(API_TYPES_FILE, await generateApiTypes());
  process.stdout.write(`wrote ${API_TYPES_FILE}\n`);
}
