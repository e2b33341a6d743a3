import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

/**
 * Okta's own OpenAPI spec lives beside the project in `../shared/okta-openapi/` (never copied in). Tests that need it
 * skip with a message when it is absent, unless REQUIRE_OKTA_OPENAPI=1 (CI), where its absence is a failure.
 */
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SPEC_PATH = resolve(process.env.OKTA_OPENAPI_DIR ?? resolve(projectRoot, '../shared/okta-openapi'), 'management-minimal.yaml');
export const specAvailable = existsSync(SPEC_PATH);
export const specRequired = process.env.REQUIRE_OKTA_OPENAPI === '1';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The normalisation OKTA-API.md §14 describes: ajv rejects `example(s)` noise and `nullable` beside `$ref` or without
 * a `type`, so those are dropped. Nothing else about the schemas changes.
 */
export function normaliseSpec(node: Json): Json {
  if (Array.isArray(node)) return node.map(normaliseSpec);
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example' || key === 'examples') continue;
    if (key === 'nullable' && ('$ref' in node || !('type' in node))) continue;
    out[key] = normaliseSpec(value);
  }
  return out;
}

export interface SpecValidators {
  /** Validator for the JSON body of `method path` answering `status`; path as written in the spec. */
  response(path: string, method: string, status: number): ValidateFunction;
}

type AddFormats = (ajv: Ajv) => Ajv;

export function loadSpecValidators(): SpecValidators {
  const raw = parse(readFileSync(SPEC_PATH, 'utf8'), { maxAliasCount: -1 }) as { [key: string]: Json };
  delete (raw.components as { [key: string]: Json } | undefined)?.examples;
  const spec = normaliseSpec(raw);
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  (addFormatsModule as unknown as AddFormats)(ajv);
  ajv.addSchema(spec as object, 'okta');
  const cache = new Map<string, ValidateFunction>();
  return {
    response(path, method, status) {
      const pointer = ['paths', path, method.toLowerCase(), 'responses', String(status), 'content', 'application/json', 'schema']
        .map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1'))
        .join('/');
      let validate = cache.get(pointer);
      if (!validate) {
        validate = ajv.compile({ $ref: `okta#/${pointer}` });
        cache.set(pointer, validate);
      }
      return validate;
    },
  };
}
