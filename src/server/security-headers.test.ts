import Fastify from 'fastify';
import { expect, it } from 'vitest';
import { registerSecurityHeaders } from './security-headers.js';

async function headersWith(strictTransportSecurity: boolean): Promise<Record<string, unknown>> {
  const app = Fastify();
  registerSecurityHeaders(app, { strictTransportSecurity });
  app.get('/', () => ({ ok: true }));
  try {
    return (await app.inject('/')).headers;
  } finally {
    await app.close();
  }
}

it('sends HSTS only behind HTTPS, and the same strict CSP on every answer', async () => {
  const [plain, secure] = [await headersWith(false), await headersWith(true)];
  expect(plain['strict-transport-security']).toBeUndefined();
  expect(String(secure['strict-transport-security'])).toMatch(/^max-age=\d+/);
  expect(plain['content-security-policy']).toBe(secure['content-security-policy']);
  expect(String(plain['content-security-policy'])).toBe(
    "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;connect-src 'self';font-src 'self';object-src 'none';base-uri 'none';form-action 'self';frame-ancestors 'none'",
  );
});
