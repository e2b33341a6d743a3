import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_ORG, seedOrg } from './testing/seed-org.js';
import { TEST_PASSWORD, startTestServer, type TestServer } from './testing/server-kit.js';

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}
interface Operation {
  operationId: string;
  parameters?: { in: string; name: string; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

/** Anything a client could send in a field: the right kind, the wrong kind, huge, unicode, prototype keys. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant('x'.repeat(20_000)),
  fc.constant('../../etc/passwd'),
  fc.constant("' OR 1=1 --"),
  fc.constant('%_\\'),
  fc.array(fc.string(), { maxLength: 5 }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'a'), fc.string(), { maxKeys: 3 }),
);

/** A value for a declared field: often valid (its enum), often not. */
function valueFor(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  const choices: fc.Arbitrary<unknown>[] = [hostileValue];
  if (schema?.enum !== undefined && schema.enum.length > 0) choices.push(fc.constantFrom(...schema.enum));
  if (schema?.properties !== undefined) choices.push(objectFor(schema));
  return fc.oneof(...choices);
}

function objectFor(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, field]) => [name, valueFor(field)]));
  return fc.tuple(fc.record(fields, { requiredKeys: [] }), fc.dictionary(fc.string({ maxLength: 10 }), hostileValue, { maxKeys: 2 })).map(([known, extra]) => ({ ...extra, ...known }));
}

/** Query and path values are text; anything else is sent as its JSON. */
function asText(value: unknown): string {
  // Every generated value has a JSON form (no undefined, no functions).
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const SECRET_PATTERNS = [/oes_[A-Za-z0-9_-]{20}/, /oesetup_/, /scrypt\$/, /password_hash|passwordHash|tokenHash|idHash/, /PRIVATE KEY-----/, /github_pat_|ghp_[A-Za-z0-9]/, /oes1\./];

describe('fuzzing every operation from the OpenAPI document', () => {
  let server: TestServer;
  let bearer: string;
  let operations: { method: string; path: string; operation: Operation }[];
  beforeAll(async () => {
    server = await startTestServer({ loginAttemptsPerMinute: 1_000_000 });
    await seedOrg(server.store, server.now());
    ({ bearer } = await server.token('admin', 'read-write'));
    const document = (await server.request('GET', '/api/openapi.json', { bearer })).json<{ paths: Record<string, Record<string, Operation>> }>();
    operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })));
  });
  afterAll(() => server.close());

  it('never answers 5xx, never crashes, never returns a secret', async () => {
    const failures: string[] = [];
    // The event stream never ends, so it is not fuzzed here (the access matrix opens it).
    for (const { method, path, operation } of operations.filter((entry) => entry.operation.operationId !== 'watchSyncEvents')) {
      const pathParams = (operation.parameters ?? []).filter((p) => p.in === 'path');
      const queryParams = (operation.parameters ?? []).filter((p) => p.in === 'query');
      const bodySchema = operation.requestBody?.content['application/json']?.schema;
      const request = fc.record({
        path: fc.record(Object.fromEntries(pathParams.map((p) => [p.name, fc.oneof(fc.constantFrom(SEEDED_ORG, '00u000000', '0oagithub', 'mfa-enabled-all-users', 'SOC2'), fc.string({ minLength: 1, maxLength: 300 }))]))),
        query: fc.record(Object.fromEntries(queryParams.map((p) => [p.name, valueFor(p.schema).map(asText)])), { requiredKeys: [] }),
        extraQuery: fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.string()), { nil: undefined }),
        body: bodySchema === undefined ? fc.constant(undefined) : fc.oneof(objectFor(bodySchema), hostileValue),
      });
      await fc.assert(
        fc.asyncProperty(request, async ({ path: params, query, extraQuery, body }) => {
          const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(asText(params[name])));
          const search = new URLSearchParams(query as Record<string, string>);
          if (extraQuery !== undefined) search.append(extraQuery[0], extraQuery[1]);
          const response = await server.app.inject({
            method: method as 'GET',
            url: `${url}?${search.toString()}`,
            headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
            ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
          });
          if (response.statusCode >= 500) failures.push(`${operation.operationId}: ${response.statusCode} ${response.body.slice(0, 200)}`);
          for (const pattern of SECRET_PATTERNS) if (pattern.test(response.body)) failures.push(`${operation.operationId}: secret-like ${pattern.source}`);
          if (response.body.includes(TEST_PASSWORD) || (operation.operationId !== 'createApiToken' && response.body.includes(bearer))) failures.push(`${operation.operationId}: echoed a credential`);
        }),
        { numRuns: 25, seed: 20261202 },
      );
    }
    expect(failures.slice(0, 20)).toEqual([]);
    // Still alive and still answering after all of it.
    expect((await server.request('GET', '/healthz')).statusCode).toBe(200);
  });
});
