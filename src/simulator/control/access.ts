import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { SimContext } from '../context.js';
import { sendOktaError } from '../okta-errors.js';
import { isKnownSswsToken } from '../auth/ssws.js';

/** Whether the request comes from this machine. `inject()` requests carry 127.0.0.1 as well. */
export function isLoopback(request: FastifyRequest): boolean {
  const address = request.socket.remoteAddress;
  return address === undefined || address.startsWith('127.') || address === '::1' || address === '::ffff:127.0.0.1';
}

/** For read-only simulator routes: any caller on this machine, 403 E0000006 from elsewhere. */
export function loopbackOnly(): onRequestAsyncHookHandler {
  return async (request, reply) => {
    if (!isLoopback(request)) return sendOktaError(reply, 'E0000006');
    return undefined;
  };
}

/**
 * For simulator routes that change the org: a caller on this machine holding one of the org's SSWS tokens, the
 * credential that stands for an Okta admin. OAuth access tokens are refused: the simulator grants them read scopes
 * only. The token is checked, not used: no revocation-fault count, no rate-limit share (these are not Okta calls).
 */
export function requireSimulatorAdmin(ctx: SimContext): onRequestAsyncHookHandler {
  return async (request, reply) => {
    if (!isLoopback(request)) return sendOktaError(reply, 'E0000006');
    const match = /^SSWS\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (match?.[1] === undefined || !isKnownSswsToken(ctx.org, match[1])) return sendOktaError(reply, 'E0000011');
    return undefined;
  };
}
