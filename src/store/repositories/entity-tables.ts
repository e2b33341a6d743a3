import type {
  AdminRoleRecord,
  AppAssignmentRecord,
  AppGroupAssignmentRecord,
  AppRecord,
  CollectionErrorRecord,
  FactorRecord,
  GroupMembershipRecord,
  GroupRecord,
  PolicyRecord,
  PolicyRuleRecord,
  UserRecord,
} from '../types.js';
import * as values from './row-values.js';
import { userSearchText } from '../user-search-text.js';

/** Every table whose rows belong to a snapshot. */
export const ENTITY_KINDS = [
  'users',
  'factors',
  'groups',
  'groupMemberships',
  'apps',
  'appAssignments',
  'appGroupAssignments',
  'policies',
  'policyRules',
  'adminRoles',
  'collectionErrors',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface EntityRecords {
  users: UserRecord;
  factors: FactorRecord;
  groups: GroupRecord;
  groupMemberships: GroupMembershipRecord;
  apps: AppRecord;
  appAssignments: AppAssignmentRecord;
  appGroupAssignments: AppGroupAssignmentRecord;
  policies: PolicyRecord;
  policyRules: PolicyRuleRecord;
  adminRoles: AdminRoleRecord;
  collectionErrors: CollectionErrorRecord;
}

/** The fields that identify a record within a snapshot; for a child kind the first is its parent's id. */
interface EntityKeyFields {
  users: 'id';
  factors: 'userId' | 'id';
  groups: 'id';
  groupMemberships: 'groupId' | 'userId';
  apps: 'id';
  appAssignments: 'appId' | 'userId';
  appGroupAssignments: 'appId' | 'groupId';
  policies: 'id';
  policyRules: 'policyId' | 'id';
  adminRoles: 'userId' | 'id';
  collectionErrors: 'dataset' | 'entityId';
}
export type EntityKey<K extends EntityKind> = Pick<EntityRecords[K], EntityKeyFields[K] & keyof EntityRecords[K]>;

/** Kinds that hang off a parent (factors of a user, members of a group…) and can be replaced parent by parent. */
export type ChildKind = 'factors' | 'groupMemberships' | 'appAssignments' | 'appGroupAssignments' | 'policyRules' | 'adminRoles' | 'collectionErrors';

type LogicalType = 'text' | 'text?' | 'int' | 'int?' | 'bool' | 'date' | 'date?' | 'json';

/** The storage form a record field must have, derived from its TypeScript type so spec and record cannot drift. */
type LogicalTypeOf<T> = [T] extends [Date]
  ? 'date'
  : [T] extends [Date | null]
    ? 'date?'
    : [T] extends [boolean]
      ? 'bool'
      : [T] extends [number]
        ? 'int'
        : [T] extends [number | null]
          ? 'int?'
          : [T] extends [string]
            ? 'text'
            : [T] extends [string | null]
              ? 'text?'
              : 'json';

type ColumnSpec<R> = { readonly [F in keyof R]-?: LogicalTypeOf<R[F]> };

export interface EntityTable<K extends EntityKind> {
  readonly table: string;
  readonly fields: ColumnSpec<EntityRecords[K]>;
  readonly key: readonly EntityKeyFields[K][];
  /** Rows in other kinds that refer to this one and go when it is removed (users → their factors, …). */
  readonly dependents: readonly { kind: ChildKind; field: string }[];
  /** Columns computed from the record when it is written, for queries only; never read back into a record. */
  readonly derived?: readonly { column: string; of: (record: EntityRecords[K]) => string }[];
}

type EntityTables = { readonly [K in EntityKind]: EntityTable<K> };

export const ENTITY_TABLES: EntityTables = {
  users: {
    table: 'users',
    fields: {
      id: 'text', login: 'text', email: 'text?', firstName: 'text?', lastName: 'text?', displayName: 'text?',
      department: 'text?', title: 'text?', status: 'text', created: 'date?', activated: 'date?',
      statusChanged: 'date?', lastLogin: 'date?', lastUpdated: 'date?', passwordChanged: 'date?',
      providerType: 'text?', providerName: 'text?',
    },
    key: ['id'],
    dependents: [
      { kind: 'factors', field: 'userId' },
      { kind: 'groupMemberships', field: 'userId' },
      { kind: 'appAssignments', field: 'userId' },
      { kind: 'adminRoles', field: 'userId' },
    ],
    derived: [{ column: 'search_text', of: userSearchText }],
  },
  factors: {
    table: 'factors',
    fields: {
      userId: 'text', id: 'text', factorType: 'text', provider: 'text?', vendorName: 'text?', status: 'text',
      created: 'date?', lastUpdated: 'date?', profileSummary: 'text?',
    },
    key: ['userId', 'id'],
    dependents: [],
  },
  groups: {
    table: 'groups',
    fields: {
      id: 'text', name: 'text', description: 'text?', type: 'text', created: 'date?', lastUpdated: 'date?',
      lastMembershipUpdated: 'date?', sourceAppId: 'text?',
    },
    key: ['id'],
    dependents: [
      { kind: 'groupMemberships', field: 'groupId' },
      { kind: 'appGroupAssignments', field: 'groupId' },
    ],
  },
  groupMemberships: { table: 'group_memberships', fields: { groupId: 'text', userId: 'text' }, key: ['groupId', 'userId'], dependents: [] },
  apps: {
    table: 'apps',
    fields: {
      id: 'text', name: 'text', label: 'text', status: 'text', signOnMode: 'text?', created: 'date?',
      lastUpdated: 'date?', accessPolicyId: 'text?',
    },
    key: ['id'],
    dependents: [
      { kind: 'appAssignments', field: 'appId' },
      { kind: 'appGroupAssignments', field: 'appId' },
    ],
  },
  appAssignments: {
    table: 'app_assignments',
    fields: {
      appId: 'text', userId: 'text', scope: 'text', status: 'text?', created: 'date?', lastUpdated: 'date?',
      viaGroupIds: 'json',
    },
    key: ['appId', 'userId'],
    dependents: [],
  },
  appGroupAssignments: {
    table: 'app_group_assignments',
    fields: { appId: 'text', groupId: 'text', priority: 'int?' },
    key: ['appId', 'groupId'],
    dependents: [],
  },
  policies: {
    table: 'policies',
    fields: {
      id: 'text', type: 'text', name: 'text', status: 'text', priority: 'int?', system: 'bool', conditions: 'json',
      settings: 'json', created: 'date?', lastUpdated: 'date?',
    },
    key: ['id'],
    dependents: [{ kind: 'policyRules', field: 'policyId' }],
  },
  policyRules: {
    table: 'policy_rules',
    fields: {
      policyId: 'text', id: 'text', type: 'text', name: 'text', status: 'text', priority: 'int?', system: 'bool',
      conditions: 'json', actions: 'json',
    },
    key: ['policyId', 'id'],
    dependents: [],
  },
  adminRoles: {
    table: 'admin_roles',
    fields: {
      userId: 'text', id: 'text', type: 'text', label: 'text?', status: 'text?', assignmentType: 'text', groupId: 'text?',
    },
    key: ['userId', 'id'],
    dependents: [],
  },
  collectionErrors: {
    table: 'collection_errors',
    fields: { dataset: 'text', entityId: 'text', message: 'text' },
    key: ['dataset', 'entityId'],
    dependents: [],
  },
};

/** `lastMembershipUpdated` → `last_membership_updated`. */
export function columnName(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

export interface EntityField {
  readonly field: string;
  readonly column: string;
  readonly type: LogicalType;
}

function deriveFields(kind: EntityKind): readonly EntityField[] {
  const spec: Record<string, LogicalType> = ENTITY_TABLES[kind].fields;
  return Object.entries(spec).map(([field, type]) => ({ field, column: columnName(field), type }));
}

/** Derived once: the mapping runs for every row of a 50,000-user write. */
const FIELDS = new Map(ENTITY_KINDS.map((kind) => [kind, deriveFields(kind)]));

/** Every column a row of `kind` is stored with besides `snapshot_id`: its fields', then its derived columns. */
export function storedColumnsOf(kind: EntityKind): readonly string[] {
  return STORED_COLUMNS.get(kind) ?? [];
}

const STORED_COLUMNS = new Map(ENTITY_KINDS.map((kind) => [kind, [...fieldsOf(kind).map((f) => f.column), ...(ENTITY_TABLES[kind].derived ?? []).map((d) => d.column)]]));

/** Record fields in a stable order with their column names and storage forms. */
export function fieldsOf(kind: EntityKind): readonly EntityField[] {
  return FIELDS.get(kind) ?? deriveFields(kind);
}

export function encodeValue(value: unknown, type: LogicalType): unknown {
  switch (type) {
    case 'date':
    case 'date?':
      return values.writeNullableDate(value as Date | null);
    case 'bool':
      return values.writeBoolean(value === true);
    case 'json':
      return values.writeJson(value);
    case 'text':
    case 'text?':
      return values.writeText(value as string | null | undefined) ?? null;
    default:
      return value ?? null;
  }
}

export function decodeValue(value: unknown, type: LogicalType, column: string): unknown {
  switch (type) {
    case 'text':
      return values.readString(value, column);
    case 'text?':
      return values.readNullableString(value, column);
    case 'int':
      return values.readNumber(value, column);
    case 'int?':
      return values.readNullableNumber(value, column);
    case 'bool':
      return values.readBoolean(value, column);
    case 'date':
      return values.readDate(value, column);
    case 'date?':
      return values.readNullableDate(value, column);
    case 'json':
      return values.readJson(value, column);
  }
}
