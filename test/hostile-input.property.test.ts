import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFactorList } from '../src/collect/factors.js';
import { parseWith } from '../src/collect/read.js';
import { parseLogEvent } from '../src/collect/system-log-record.js';
import { choiceArg, integerArg, numberArg } from '../src/cli/parse-args.js';
import { isEvidenceError } from '../src/evidence/errors.js';
import { verifyEvidence } from '../src/evidence/verify.js';
import { openZip } from '../src/evidence/zip/zip-reader.js';
import { writeZip } from '../src/evidence/zip/zip-writer.js';
import { findLink, parseLinkHeader } from '../src/okta/link-header.js';
import { oktaAppSchema } from '../src/okta/schemas/app.js';
import { oktaGroupSchema } from '../src/okta/schemas/group.js';
import { oktaPolicySchema } from '../src/okta/schemas/policy.js';
import { oktaUserSchema } from '../src/okta/schemas/user.js';
import { parseChanges } from '../src/simulator/org/change-schema.js';
import { OrgFileError, loadOrgFile } from '../src/simulator/org/load.js';

/*
 * Issue 14, "bad input, everywhere": every parser that takes outside input, fed arbitrary input. The rule: never a
 * crash (only the parser's own typed error or a value), never an unbounded allocation, an error naming the input.
 */

const root = mkdtempSync(join(tmpdir(), 'okta-evidence-hostile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let next = 0;
const file = (name: string) => join(root, `${(next += 1)}-${name}`);

/** JSON-ish values, with the shapes parsers look for mixed in so the interesting branches are reached. */
const hostileJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record({ id: fc.oneof(fc.string(), fc.integer(), fc.constant('00u1')), profile: fc.jsonValue({ maxDepth: 2 }), status: fc.string() }, { requiredKeys: [] }),
);

describe('hostile input, property-based', () => {
  it('Link headers: any text parses to links or none, quickly, without throwing', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 2000 }), fc.array(fc.string({ maxLength: 300 }), { maxLength: 5 })), (header) => {
        expect(Array.isArray(parseLinkHeader(header))).toBe(true);
        const next = findLink(header, 'next');
        expect(next === undefined || typeof next === 'string').toBe(true);
      }),
    );
    // A pathological header (the classic ReDoS shape) is still fast: no timer, the test would hang instead.
    expect(findLink(`<${'<'.repeat(50_000)}; rel="next"`, 'next')).toBeUndefined();
  });

  it('Okta records: any payload is a record or a one-line parse message, never a throw', () => {
    fc.assert(
      fc.property(hostileJson, (raw) => {
        for (const schema of [oktaUserSchema, oktaGroupSchema, oktaAppSchema, oktaPolicySchema]) {
          const parsed = parseWith(schema, raw, (value) => value);
          if (!parsed.ok) expect(parsed.message).not.toContain('\n');
        }
        const event = parseLogEvent(raw);
        if (!event.ok) expect(typeof event.message).toBe('string');
        const factors = parseFactorList('00u1', Array.isArray(raw) ? raw : [raw]);
        expect(factors.problems.length).toBeLessThanOrEqual(4);
      }),
    );
  });

  it('the change API: any body is changes or an issue naming a field, never a throw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.array(fc.record({ kind: fc.constantFrom('user.create', 'group.add-member', 'x'), userId: fc.string(), profile: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: ['kind'] }))), (body) => {
        const parsed = parseChanges(body);
        if (!parsed.success) expect(parsed.error.issues.length).toBeGreaterThan(0);
      }),
    );
  });

  it('org files: any file content loads or fails with an OrgFileError naming the file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 500 }), fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value))), async (content) => {
        const path = file('org.json');
        writeFileSync(path, content);
        const outcome = await loadOrgFile(path, { now: Date.UTC(2026, 0, 1) }).then(
          () => 'loaded',
          (error: unknown) => error,
        );
        if (outcome !== 'loaded') {
          expect(outcome).toBeInstanceOf(OrgFileError);
          expect((outcome as Error).message).toContain(path);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('ZIP files: any mutation of a valid archive opens and reads, or fails with EVIDENCE_ZIP_INVALID', async () => {
    const source = file('a.txt');
    writeFileSync(source, 'evidence line\n'.repeat(200));
    const valid = file('valid.zip');
    await writeZip(valid, [{ name: 'a.txt', path: source }, { name: 'manifest.json', path: source }], { modifiedAt: new Date('2026-01-01T00:00:00Z') });
    const bytes = readFileSync(valid);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), fc.nat(bytes.length), async (edits, cut) => {
        const mutated = Buffer.from(bytes.subarray(0, Math.max(cut, 22)));
        for (const [at, value] of edits) if (at < mutated.length) mutated[at] = value;
        const path = file('mutated.zip');
        writeFileSync(path, mutated);
        try {
          const archive = await openZip(path);
          try {
            for (const entry of archive.entries) {
              let size = 0;
              for await (const chunk of archive.read(entry)) size += chunk.length;
              expect(size).toBeLessThanOrEqual(entry.size);
            }
          } finally {
            await archive.close();
          }
        } catch (error) {
          expect(isEvidenceError(error, 'EVIDENCE_ZIP_INVALID')).toBe(true);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('manifests: any manifest.json yields a failed report naming manifest.json, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 300 }), fc.jsonValue({ maxDepth: 5 }).map((value) => JSON.stringify(value))), async (content) => {
        const dir = file('export');
        mkdirSync(dir);
        writeFileSync(join(dir, 'manifest.json'), content);
        const report = await verifyEvidence(dir);
        expect(report.ok).toBe(false);
        expect(report.problems[0]?.file).toBe('manifest.json');
      }),
      { numRuns: 60 },
    );
  });

  it('CLI flags: any value is accepted or refused with a usage error naming the flag', () => {
    const parsers = [integerArg('--users', 0, 1_000_000), numberArg('--time-scale', 1, 600), choiceArg('--format', ['table', 'json'] as const)];
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (value) => {
        for (const parse of parsers) {
          try {
            parse(value);
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidArgumentError);
            expect((error as Error).message).toMatch(/^--[a-z-]+ must/);
          }
        }
      }),
    );
  });
});
