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

type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value);
}

/**
 * ajv does not implement OpenAPI's `discriminator.mapping`, and Okta's unions (roles, policies, rules) rely on it:
 * their `oneOf` branches overlap, so plain `oneOf` fails. Each discriminator becomes `if type = X then <mapped
 * schema>`. A mapped schema that extends the base through `allOf` keeps only its own additions, so the base's
 * discriminator never points back into itself (which would recurse forever).
 */
export function rewriteDiscriminators(spec: JsonObject): void {
  const schemas = isObject(spec.components) && isObject(spec.components.schemas) ? spec.components.schemas : {};
  // Collected before any rewrite: the visit below deletes the discriminators it replaces.
  const withDiscriminator = new Set(
    Object.entries(schemas)
      .filter(([, schema]) => isObject(schema) && 'discriminator' in schema)
      .map(([name]) => `#/components/schemas/${name}`),
  );
  const hasDiscriminator = (ref: Json | undefined): boolean => typeof ref === 'string' && withDiscriminator.has(ref);
  const mappedSchema = (ref: string): Json => {
    const target = schemas[ref.slice('#/components/schemas/'.length)];
    if (isObject(target) && Array.isArray(target.allOf)) {
      return { allOf: target.allOf.filter((part) => !(isObject(part) && hasDiscriminator(part.$ref))) };
    }
    return { $ref: ref };
  };
  const visit = (node: Json): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!isObject(node)) return;
    for (const value of Object.values(node)) visit(value);
    const discriminator = node.discriminator;
    if (!isObject(discriminator)) return;
    delete node.discriminator;
    const property = discriminator.propertyName;
    const mapping = discriminator.mapping;
    if (typeof property !== 'string' || !isObject(mapping)) return;
    delete node.oneOf;
    const branches: Json[] = Object.entries(mapping).map(([value, ref]) => ({
      if: { properties: { [property]: { const: value } }, required: [property] },
      then: typeof ref === 'string' ? mappedSchema(ref) : {},
    }));
    node.allOf = [...(Array.isArray(node.allOf) ? node.allOf : []), ...branches];
  };
  visit(spec);
}

export interface SpecValidators {
  /** Validator for the JSON body of `method path` answering `status`; path as written in the spec. */
  response(path: string, method: string, status: number): ValidateFunction;
  /** Validator for a named schema of `components.schemas`, e.g. `Error`. */
  component(name: string): ValidateFunction;
}

type AddFormats = (ajv: Ajv) => Ajv;

function escapePointer(part: string): string {
  return part.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function loadSpecValidators(): SpecValidators {
  const raw = parse(readFileSync(SPEC_PATH, 'utf8'), { maxAliasCount: -1 }) as { [key: string]: Json };
  delete (raw.components as { [key: string]: Json } | undefined)?.examples;
  const spec = normaliseSpec(raw) as JsonObject;
  rewriteDiscriminators(spec);
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  (addFormatsModule as unknown as AddFormats)(ajv);
  ajv.addSchema(spec, 'okta');
  const cache = new Map<string, ValidateFunction>();
  const compile = (pointer: string): ValidateFunction => {
    let validate = cache.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `okta#/${pointer}` });
      cache.set(pointer, validate);
    }
    return validate;
  };
  return {
    response(path, method, status) {
      const operation = ((spec.paths as Record<string, Record<string, { responses?: Record<string, { $ref?: string }> }>>)[path] ?? {})[
        method.toLowerCase()
      ];
      const response = operation?.responses?.[String(status)];
      if (!response) throw new Error(`the spec declares no ${status} response for ${method.toUpperCase()} ${path}`);
      // Shared responses (e.g. 429) are `$ref`s to components.responses.
      const base = response.$ref !== undefined ? response.$ref.slice(2) : ['paths', path, method.toLowerCase(), 'responses', String(status)].map(escapePointer).join('/');
      return compile(`${base}/content/${escapePointer('application/json')}/schema`);
    },
    component(name) {
      return compile(`components/schemas/${escapePointer(name)}`);
    },
  };
}
