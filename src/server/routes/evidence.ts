import { z } from 'zod';
import { EXPORT_ID, listEvidenceExports, openEvidenceZip, verifyKeptExport } from '../../app/evidence-exports.js';
import { read } from '../auth/access.js';
import { HttpProblem } from '../problem.js';
import { orgNameSchema, orgParams } from './params.js';
import type { RouteDeps, ZodApp } from './route-deps.js';
import { problemResponses } from './schemas.js';

/** An export id is validated by shape before it comes near a path: no `..`, no separator, nothing but the id form. */
const exportParams = z.strictObject({ org: orgNameSchema, exportId: z.string().max(160).regex(EXPORT_ID, 'An export id from GET /api/orgs/{org}/evidence.') });

const exportSchema = z.object({ id: z.string(), org: z.string(), syncId: z.string().nullable(), generatedAt: z.string(), complete: z.boolean(), files: z.number().int(), sequence: z.number().int().nullable(), frameworks: z.array(z.string()).describe('Framework ids the artifacts are mapped to.'), simulated: z.string().nullable().describe('Set when the export is of the built-in simulated org.'), service: z.object({ id: z.string(), name: z.string(), kind: z.string() }).nullable().describe("Set for a downstream service's export (a GitHub connection, an imported service): its coverage artifact, in the service's own chain; null for the org's own exports.") });
const verificationSchema = z.object({
  id: z.string(),
  ok: z.boolean(),
  trust: z.object({ kind: z.enum(['trusted-key', 'local-key', 'untrusted']), fingerprint: z.string() }).nullable(),
  manifestSha256: z.string().nullable(),
  problems: z.array(z.object({ file: z.string(), reason: z.string() })),
  warnings: z.array(z.string()),
});

export function registerEvidenceRoutes(app: ZodApp, { evidence }: RouteDeps): void {
  const location = () => {
    if (evidence === undefined) throw new HttpProblem(404, 'NOT_FOUND', 'This server keeps no evidence exports: the scheduler of `serve` or `run` writes them.');
    return evidence;
  };

  app.get(
    '/api/orgs/:org/evidence',
    { config: { access: read() }, schema: { operationId: 'listEvidenceExports', tags: ['evidence'], summary: "The signed evidence exports kept for the org and for the downstream services mapped to it (each in its own chain), newest first.", params: orgParams, response: { 200: z.object({ items: z.array(exportSchema) }), ...problemResponses } } },
    async (request) => ({ items: await listEvidenceExports(location(), request.params.org) }),
  );

  app.get(
    '/api/orgs/:org/evidence/:exportId/zip',
    {
      config: { access: read() },
      schema: {
        operationId: 'downloadEvidenceExport',
        tags: ['evidence'],
        summary: 'One export as a ZIP (manifest first, then the files it lists), streamed.',
        params: exportParams,
        response: { 200: { description: 'The ZIP archive.', content: { 'application/zip': { schema: z.string() } } }, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { fileName, stream } = await openEvidenceZip(location(), request.params.org, request.params.exportId);
      // Fastify sends a stream as it is (no serializer); the schema's typed body is the OpenAPI description only.
      return reply.type('application/zip').header('content-disposition', `attachment; filename="${fileName}"`).send(stream as unknown as string);
    },
  );

  app.get(
    '/api/orgs/:org/evidence/:exportId/verification',
    { config: { access: read() }, schema: { operationId: 'verifyEvidenceExport', tags: ['evidence'], summary: 'Verifies one export: every file hash, the signature, trusted by the installation key.', params: exportParams, response: { 200: verificationSchema, ...problemResponses } } },
    (request) => verifyKeptExport(location(), request.params.org, request.params.exportId),
  );
}
