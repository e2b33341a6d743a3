import { z } from 'zod';
import { linkSchema, oktaIdSchema, optionalStringSchema } from './common.js';

/** A row of `GET /api/v1/iam/assignees/users`: a user holding at least one role (OKTA-API.md §11). */
export const oktaRoleAssigneeSchema = z.object({ id: oktaIdSchema });

/**
 * A role assignment from `GET /api/v1/users/{id}/roles` (OKTA-API.md §11). For `assignmentType: GROUP` the role is
 * inherited, and `_links.assignee` points at the group.
 */
export const oktaRoleSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  label: optionalStringSchema,
  status: optionalStringSchema,
  assignmentType: z.string().min(1),
  _links: z.object({ assignee: linkSchema }).nullish(),
});
export type OktaRole = z.output<typeof oktaRoleSchema>;
