import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Accounts } from '../../app/accounts/accounts.js';
import type { ServerStore } from '../../app/read/context.js';

/** The app as route modules see it: zod schemas typed through the type provider. */
export type ZodApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface RouteDeps {
  store: ServerStore;
  accounts: Accounts;
  now: () => Date;
  secureCookies: boolean;
  loginAttemptsPerMinute: number;
}
