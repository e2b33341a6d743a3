import { z } from 'zod';
import { CHECK_STATUSES, DATASET_IDS, DATASET_STATES, SYNC_STATUSES, SYNC_TRIGGERS } from '../../app/read/vocabulary.js';
import { timestamp } from './timestamp.js';

/** Response shapes of the snapshot's records: what the API promises, independent of how the store keeps them. */

const date = timestamp.nullable();
export const checkStatusSchema = z.enum(CHECK_STATUSES);

export const datasetStatusSchema = z
  .object({
    dataset: z.enum(DATASET_IDS),
    state: z.enum(DATASET_STATES),
    count: z.number().int(),
    reason: z.string().optional(),
    permissionNeeded: z.string().optional().describe('For not_permitted: the Okta admin role or OAuth scope that would allow reading it.'),
  })
  .meta({ id: 'DatasetStatus' });

export const syncSchema = z
  .object({
    id: z.string(),
    org: z.string(),
    trigger: z.enum(SYNC_TRIGGERS),
    startedAt: timestamp,
    endedAt: date,
    status: z.enum(SYNC_STATUSES),
    complete: z.boolean().describe('True only when every dataset is complete (or honestly not permitted).'),
    datasets: z.array(datasetStatusSchema),
    requestsByBucket: z.record(z.string(), z.number()),
    requestsTotal: z.number().int(),
    throttled: z.number().int().describe('Responses with HTTP 429.'),
    errors: z.array(z.object({ code: z.string(), message: z.string() })),
    logWindow: z.object({ since: timestamp, until: timestamp }).nullable(),
    snapshotId: z.string().nullable(),
    orgIdentity: z
      .object({ orgId: z.string().nullable(), pipeline: z.enum(['idx', 'v1']).nullable(), simulated: z.boolean().describe('True when the sync read the built-in simulator, never a real org.') })
      .nullable()
      .describe('Which org the sync read, from its start; null for syncs recorded before it was kept.'),
  })
  .meta({ id: 'Sync' });

export const orgSchema = z
  .object({ org: z.string(), snapshotId: z.string(), snapshotCreatedAt: timestamp, datasets: z.array(datasetStatusSchema), lastSync: syncSchema.nullable() })
  .meta({ id: 'Org' });

export const userSchema = z
  .object({
    id: z.string(),
    login: z.string(),
    email: z.string().nullable(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    displayName: z.string().nullable(),
    department: z.string().nullable(),
    title: z.string().nullable(),
    status: z.string(),
    created: date,
    activated: date,
    statusChanged: date,
    lastLogin: date,
    lastUpdated: date,
    passwordChanged: date,
  })
  .meta({ id: 'User' });

export const factorSchema = z
  .object({
    id: z.string(),
    factorType: z.string(),
    provider: z.string().nullable(),
    vendorName: z.string().nullable(),
    status: z.string(),
    created: date,
    lastUpdated: date,
    profileSummary: z.string().nullable().describe('Masked by the collector, never a secret or a full number.'),
  })
  .meta({ id: 'Factor' });

export const groupSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    type: z.string(),
    created: date,
    lastUpdated: date,
    lastMembershipUpdated: date,
    sourceAppId: z.string().nullable(),
  })
  .meta({ id: 'Group' });

export const appSchema = z
  .object({ id: z.string(), name: z.string(), label: z.string(), status: z.string(), signOnMode: z.string().nullable(), created: date, lastUpdated: date, accessPolicyId: z.string().nullable() })
  .meta({ id: 'App' });

export const assignmentSchema = z
  .object({
    appId: z.string(),
    userId: z.string(),
    scope: z.enum(['USER', 'GROUP']).describe('USER: assigned directly; GROUP: only through the groups in viaGroupIds.'),
    status: z.string().nullable(),
    created: date,
    lastUpdated: date,
    viaGroupIds: z.array(z.string()),
  })
  .meta({ id: 'AppAssignment' });

export const policySchema = z
  .object({
    id: z.string(),
    type: z.string(),
    name: z.string(),
    status: z.string(),
    priority: z.number().nullable(),
    system: z.boolean(),
    conditions: z.unknown(),
    settings: z.unknown(),
    created: date,
    lastUpdated: date,
  })
  .meta({ id: 'Policy' });

export const policyRuleSchema = z
  .object({ id: z.string(), type: z.string(), name: z.string(), status: z.string(), priority: z.number().nullable(), system: z.boolean(), conditions: z.unknown(), actions: z.unknown() })
  .meta({ id: 'PolicyRule' });

export const logEventSchema = z
  .object({
    uuid: z.string(),
    published: timestamp,
    eventType: z.string(),
    outcomeResult: z.string().nullable(),
    actorId: z.string().nullable(),
    actorAlternateId: z.string().nullable(),
    targetIds: z.array(z.string()),
    raw: z.unknown().describe('The event as Okta sent it.'),
  })
  .meta({ id: 'LogEvent' });

/**
 * The fields a check read for one entity, as stored: an object checked as one, not copied key by key. A record schema
 * rebuilt every entity's fields on each page (a tenth of a failing-entities page's CPU); the fields came from our own
 * JSON, and nothing in them is dropped or added on the way out.
 */
const entityFieldsSchema = z
  .custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'Not an object.')
  .meta({ type: 'object', additionalProperties: true, description: 'The snapshot fields the check read for this entity.' });

export const checkEntitySchema = z
  .object({ entityType: z.string(), entityId: z.string(), entityName: z.string(), status: checkStatusSchema, reason: z.string(), fields: entityFieldsSchema })
  .meta({ id: 'CheckEntityResult' });
