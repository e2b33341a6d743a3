import type { SnapshotSource } from '../artifact.js';

/**
 * Names for the ids artifacts carry (issue 12: "group ids and policy ids come with their names"), read once per
 * export and shared by every artifact that needs them. Groups and policies number in the thousands at most; the user
 * lookup is the one that grows with the org — about 100 bytes a user (5 MB for 50,000) — and status strings are
 * shared, not copied per user.
 */

export interface NamedEntity {
  name: string;
  status: string;
}

export interface IdRef {
  id: string;
  /** Null when the id is not in the snapshot (deleted since, or its dataset was not read in full). */
  name: string | null;
}

type Kind = 'users' | 'apps' | 'groups' | 'policies';

const cache = new WeakMap<SnapshotSource, Map<Kind, Promise<Map<string, NamedEntity>>>>();

/** id → name and status of the snapshot's users (login), apps (label), groups or policies (name). */
export function namesOf(source: SnapshotSource, kind: Kind): Promise<Map<string, NamedEntity>> {
  let byKind = cache.get(source);
  if (byKind === undefined) cache.set(source, (byKind = new Map<Kind, Promise<Map<string, NamedEntity>>>()));
  let names = byKind.get(kind);
  if (names === undefined) byKind.set(kind, (names = readNames(source, kind)));
  return names;
}

async function readNames(source: SnapshotSource, kind: Kind): Promise<Map<string, NamedEntity>> {
  const statuses = new Map<string, string>();
  const shared = (status: string): string => {
    const known = statuses.get(status);
    if (known !== undefined) return known;
    statuses.set(status, status);
    return status;
  };
  const byId = new Map<string, NamedEntity>();
  const { entities, snapshotId } = source;
  if (kind === 'users') for await (const user of entities.stream('users', snapshotId)) byId.set(user.id, { name: user.login, status: shared(user.status) });
  if (kind === 'apps') for await (const app of entities.stream('apps', snapshotId)) byId.set(app.id, { name: app.label, status: shared(app.status) });
  // Okta groups have no status; their type (OKTA_GROUP, APP_GROUP, BUILT_IN) stands in its place.
  if (kind === 'groups') for await (const group of entities.stream('groups', snapshotId)) byId.set(group.id, { name: group.name, status: shared(group.type) });
  if (kind === 'policies') for await (const policy of entities.stream('policies', snapshotId)) byId.set(policy.id, { name: policy.name, status: shared(policy.status) });
  return byId;
}

export function idRef(names: ReadonlyMap<string, NamedEntity>, id: string): IdRef {
  return { id, name: names.get(id)?.name ?? null };
}

/**
 * Every group id under `people.groups.include/exclude` of a policy's or rule's conditions, with its name, as
 * `{ include: [{id, name}], exclude: [...] }`; null when the conditions name no groups.
 */
export function conditionGroups(conditions: unknown, groups: ReadonlyMap<string, NamedEntity>): { include: IdRef[]; exclude: IdRef[] } | null {
  const people = (conditions as { people?: { groups?: { include?: unknown; exclude?: unknown } | null } | null } | null | undefined)?.people?.groups ?? undefined;
  if (people === undefined) return null;
  const refs = (list: unknown): IdRef[] => (Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string').map((id) => idRef(groups, id)) : []);
  return { include: refs(people.include), exclude: refs(people.exclude) };
}
