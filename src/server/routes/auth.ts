import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { isAccountError } from '../../app/accounts/errors.js';
import { SESSION_COOKIE, principalOf } from '../auth/authenticate.js';
import { HttpProblem, problemSchema } from '../problem.js';
import type { RouteDeps, ZodApp } from './route-deps.js';
import { emailSchema, newPasswordSchema, problemResponses, serverUserSchema, toServerUser } from './schemas.js';

const meSchema = z.object({
  user: serverUserSchema,
  via: z.enum(['session', 'token']),
  canWrite: z.boolean().describe('False for a read-only API token.'),
});

const signedInSchema = z.object({ user: serverUserSchema, csrfToken: z.string().describe('Send as x-csrf-token on every change made with the session cookie.') });

export function registerAuthRoutes(app: ZodApp, deps: RouteDeps): void {
  const { accounts } = deps;

  function setSessionCookie(reply: FastifyReply, secret: string): void {
    // No Max-Age: the cookie ends with the browser, and the server ends the session on idle or at its maximum age.
    void reply.setCookie(SESSION_COOKIE, secret, { path: '/', httpOnly: true, sameSite: 'strict', secure: deps.secureCookies });
  }

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimit: { max: deps.loginAttemptsPerMinute, timeWindow: 60_000 } },
      schema: {
        operationId: 'login',
        tags: ['auth'],
        summary: 'Sign in with email and password; sets the session cookie.',
        security: [],
        body: z.strictObject({ email: z.string().max(254), password: z.string().min(1).max(256) }),
        response: { 200: signedInSchema, 400: problemSchema, 401: problemSchema, 423: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      try {
        const { sessionSecret, user } = await accounts.signIn(request.body.email, request.body.password);
        setSessionCookie(reply, sessionSecret);
        return { user: toServerUser(user), csrfToken: reply.generateCsrf() };
      } catch (error) {
        if (isAccountError(error, 'ACCOUNT_INVALID_CREDENTIALS')) throw new HttpProblem(401, 'INVALID_CREDENTIALS', error.message);
        if (isAccountError(error, 'ACCOUNT_LOCKED')) throw new HttpProblem(423, 'ACCOUNT_LOCKED', error.message);
        throw error;
      }
    },
  );

  app.get(
    '/api/auth/setup',
    {
      config: { access: 'public' },
      schema: { operationId: 'getSetupState', tags: ['auth'], summary: 'Whether the first admin still has to be created.', security: [], response: { 200: z.object({ needed: z.boolean() }) } },
    },
    async () => ({ needed: (await accounts.countUsers()) === 0 }),
  );

  app.post(
    '/api/auth/setup',
    {
      config: { access: 'public', rateLimit: { max: deps.loginAttemptsPerMinute, timeWindow: 60_000 } },
      schema: {
        operationId: 'completeSetup',
        tags: ['auth'],
        summary: 'Create the first admin with the one-time setup link `serve` printed; signs them in.',
        security: [],
        body: z.strictObject({ token: z.string().min(1).max(200), email: emailSchema, password: newPasswordSchema, displayName: z.string().max(200).optional() }),
        response: { 201: signedInSchema, 400: problemSchema, 403: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const { token, ...input } = request.body;
      try {
        await accounts.completeSetup(token, input);
        const { sessionSecret, user } = await accounts.signIn(input.email, input.password);
        setSessionCookie(reply, sessionSecret);
        return await reply.code(201).send({ user: toServerUser(user), csrfToken: reply.generateCsrf() });
      } catch (error) {
        if (isAccountError(error, 'ACCOUNT_SETUP_INVALID')) throw new HttpProblem(403, 'SETUP_LINK_INVALID', error.message);
        if (isAccountError(error, 'ACCOUNT_WEAK_PASSWORD')) throw new HttpProblem(400, 'VALIDATION_FAILED', error.message, [{ field: 'body.password', message: error.message }]);
        throw error;
      }
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'signedIn' },
      schema: { operationId: 'logout', tags: ['auth'], summary: 'End the current session.', response: { 204: z.null(), ...problemResponses } },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const cookie = request.cookies[SESSION_COOKIE];
      if (principal.via.kind === 'session' && cookie !== undefined) await accounts.signOut(cookie);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    { config: { access: 'signedIn' }, schema: { operationId: 'getMe', tags: ['auth'], summary: 'Who is calling, with which role.', response: { 200: meSchema, ...problemResponses } } },
    (request) => {
      const principal = principalOf(request);
      return { user: toServerUser(principal.user), via: principal.via.kind, canWrite: principal.canWrite };
    },
  );

  app.get(
    '/api/auth/csrf',
    {
      config: { access: 'signedIn' },
      schema: { operationId: 'getCsrfToken', tags: ['auth'], summary: 'A CSRF token for changes made with the session cookie (x-csrf-token).', response: { 200: z.object({ token: z.string() }), ...problemResponses } },
    },
    (_request, reply) => ({ token: reply.generateCsrf() }),
  );
}
