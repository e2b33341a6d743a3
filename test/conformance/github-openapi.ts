import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * GitHub's own OpenAPI descriptions as @octokit/openapi publishes them (GITHUB-API.md §8), read from node_modules,
 * never copied: `ghec` (GitHub Enterprise Cloud, which has the SAML endpoints) and `api.github.com`.
 */
export type GitHubDescription = 'ghec' | 'api.github.com';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value);
}

/**
 * OpenAPI 3.0 → what ajv validates: examples dropped; `nullable: true` without a `type` (GitHub writes it beside
 * `anyOf`/`allOf`/`$ref`) becomes `anyOf: [null, schema]`, since ajv honours `nullable` only next to `type`.
 */
export function normaliseGitHubSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(normaliseGitHubSchema);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example' || key === 'examples') continue;
    out[key] = normaliseGitHubSchema(value);
  }
  if (out.nullable === true && !('type' in out)) {
    delete out.nullable;
    return { anyOf: [{ type: 'null' }, out] };
  }
  return out;
}

function escapePointer(part: string): string {
  return encodeURIComponent(part.replace(/~/g, '~0').replace(/\//g, '~1'));
}

export interface GitHubValidators {
  /** Validator of the JSON body of `method path` answering `status`; `path` as the description writes it. */
  response(path: string, method: string, status: number): ValidateFunction;
  /** Validator of a named schema of `components.schemas`, e.g. `basic-error`. */
  component(name: string): ValidateFunction;
}

type AddFormats = (ajv: Ajv) => Ajv;

export function loadGitHubValidators(description: GitHubDescription): GitHubValidators {
  const file = resolve(import.meta.dirname, '../../node_modules/@octokit/openapi/generated', `${description}.json`);
  const raw = JSON.parse(readFileSync(file, 'utf8')) as JsonObject;
  if (isObject(raw.components)) delete raw.components.examples;
  const spec = normaliseGitHubSchema(raw) as JsonObject;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  (addFormatsModule as unknown as AddFormats)(ajv);
  ajv.addSchema(spec, description);
  const cache = new Map<string, ValidateFunction>();
  const compile = (pointer: string): ValidateFunction => {
    let validate = cache.get(pointer);
    if (validate === undefined) {
      validate = ajv.compile({ $ref: `${description}#/${pointer}` });
      cache.set(pointer, validate);
    }
    return validate;
  };
  return {
    component(name) {
      return compile(`components/schemas/${escapePointer(name)}`);
    },
    response(path, method, status) {
      const paths = spec.paths as Record<string, Record<string, { responses?: Record<string, { $ref?: string }> }>>;
      const response = paths[path]?.[method.toLowerCase()]?.responses?.[String(status)];
      if (response === undefined) throw new Error(`${description} declares no ${status} response for ${method.toUpperCase()} ${path}`);
      // Shared responses (404, 422, …) are `$ref`s to components.responses.
      const base = response.$ref !== undefined ? response.$ref.slice(2).split('/').map(escapePointer).join('/') : ['paths', path, method.toLowerCase(), 'responses', String(status)].map(escapePointer).join('/');
      return compile(`${base}/content/${escapePointer('application/json')}/schema`);
    },
  };
}
