import { z } from 'zod';
import { SERVER_ROLES, TOKEN_ACCESS } from '../../app/accounts/types.js';
import { problemSchema } from '../problem.js';
import { timestamp } from './timestamp.js';

/** Error answers every operation may give, documented once. */
export const problemResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
} as const;

export const roleSchema = z.enum(SERVER_ROLES);
export const tokenAccessSchema = z.enum(TOKEN_ACCESS);

/** Okta ids are short base-62 strings; anything else cannot name an entity. */
export const oktaIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'Not an Okta id (letters, digits, _ and - only).');

export const serverUserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string().nullable(),
    role: roleSchema,
    createdAt: timestamp,
    disabled: z.boolean(),
    lockedUntil: timestamp.nullable(),
    reviewAppIds: z.array(z.string()),
  })
  .meta({ id: 'ServerUser' });

export function toServerUser(user: {
  id: string;
  email: string;
  displayName: string | null;
  role: z.infer<typeof roleSchema>;
  createdAt: Date;
  disabledAt: Date | null;
  lockedUntil: Date | null;
  reviewAppIds: string[];
}): z.infer<typeof serverUserSchema> {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    createdAt: user.createdAt,
    disabled: user.disabledAt !== null,
    lockedUntil: user.lockedUntil,
    reviewAppIds: user.reviewAppIds,
  };
}

export const emailSchema = z.email().max(254);
export const newPasswordSchema = z.string().min(12, 'At least 12 characters.').max(256);
