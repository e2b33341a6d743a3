import { sql, type ExpressionBuilder, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { DialectProfile } from '../dialect-profile.js';
import type { LooseDb } from '../schema.js';
import type { PageRequest, SnapshotPageRepository, UserPageFilter } from '../store.js';
import type { KeysetPage } from '../server-types.js';
import type { CheckRunSummary, CheckStatus } from '../types.js';
import type { RepositoryContext } from './context.js';
import { ENTITY_TABLES, fieldsOf, type EntityKind } from './entity-tables.js';
import { toEntityResult } from './check-results.js';
import { fromRow } from './entities.js';
import { toLogEventRecord } from './log-events.js';
import { rowValueAfter } from './paging.js';
import { toSync } from './sync-history.js';
import { readDate, readJson, writeDate } from './row-values.js';

type Row = Record<string, unknown>;
type LooseQuery = SelectQueryBuilder<Record<string, Record<string, unknown>>, string, Row>;

/**
 * Keyset-paginated reads of one snapshot for the API: each page is one indexed query that starts after the previous
 * page's last key, never an OFFSET scan, so the 1,000th page costs what the first does. `after` is the last key of
 * the previous page; `next` is null on the last page.
 */
export function createSnapshotPageRepository(ctx: RepositoryContext): SnapshotPageRepository {
  const loose = ctx.db as unknown as LooseDb;
  const contains = containsIgnoringCaseOn(ctx.profile);

  async function page<K extends EntityKind>(
    kind: K,
    snapshotId: string,
    request: PageRequest,
    narrow: (query: LooseQuery) => LooseQuery = (query) => query,
  ): Promise<KeysetPage<ReturnType<typeof fromRow<K>>>> {
    const spec = ENTITY_TABLES[kind];
    // Children of one parent are narrowed by the caller; they page by the rest of their key.
    const keyColumns = spec.key.map((field) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`));
    const table = spec.table;
    let query = loose
      .selectFrom(table)
      .select(fieldsOf(kind).map((f) => `${table}.${f.column}`))
      .where(`${table}.snapshot_id`, '=', snapshotId) as LooseQuery;
    query = narrow(query);
    if (request.after !== undefined) query = query.where(rowValueAfter(keyColumns.map((c) => `${table}.${c}`), request.after));
    for (const column of keyColumns) query = query.orderBy(`${table}.${column}`);
    const rows: Row[] = await query.limit(request.limit + 1).execute();
    return toPage(rows.map((row) => fromRow(kind, row)), request.limit, (record) => keyColumns.map((c) => (record as unknown as Row)[camel(c)] as string));
  }

  return {
    users(snapshotId, filter, request) {
      return page('users', snapshotId, request, (query) => narrowUsers(query, snapshotId, filter, contains));
    },
    groups(snapshotId, filter, request) {
      return page('groups', snapshotId, request, (query) => {
        let narrowed = query;
        if (filter.search !== undefined) narrowed = narrowed.where(contains('groups.name', filter.search));
        if (filter.type !== undefined) narrowed = narrowed.where('groups.type', '=', filter.type);
        return narrowed;
      });
    },
    apps(snapshotId, filter, request) {
      return page('apps', snapshotId, request, (query) => {
        let narrowed = query;
        if (filter.search !== undefined) narrowed = narrowed.where(contains('apps.label', filter.search));
        if (filter.status !== undefined) narrowed = narrowed.where('apps.status', '=', filter.status);
        return narrowed;
      });
    },
    policies(snapshotId, filter, request) {
      return page('policies', snapshotId, request, (query) => (filter.type === undefined ? query : query.where('policies.type', '=', filter.type)));
    },
    policyRules(snapshotId, policyId, request) {
      return page('policyRules', snapshotId, withParent(policyId, request), (query) => query.where('policy_rules.policy_id', '=', policyId)).then(
        dropParentFromNext,
      );
    },
    factors(snapshotId, userId, request) {
      return page('factors', snapshotId, withParent(userId, request), (query) => query.where('factors.user_id', '=', userId)).then(dropParentFromNext);
    },
    appAssignments(snapshotId, appId, request) {
      return page('appAssignments', snapshotId, withParent(appId, request), (query) => query.where('app_assignments.app_id', '=', appId)).then(dropParentFromNext);
    },
    appGroupAssignments(snapshotId, appId, request) {
      return page('appGroupAssignments', snapshotId, withParent(appId, request), (query) => query.where('app_group_assignments.app_id', '=', appId)).then(
        dropParentFromNext,
      );
    },
    groupMembers(snapshotId, groupId, request) {
      return page('groupMemberships', snapshotId, withParent(groupId, request), (query) => query.where('group_memberships.group_id', '=', groupId)).then(
        dropParentFromNext,
      );
    },
    async userGroups(snapshotId, userId) {
      const rows: Row[] = await loose
        .selectFrom('group_memberships')
        .select('group_id')
        .where('snapshot_id', '=', snapshotId)
        .where('user_id', '=', userId)
        .orderBy('group_id')
        .execute();
      return rows.map((row) => row.group_id as string);
    },
    async userApps(snapshotId, userId) {
      const rows: Row[] = await loose
        .selectFrom('app_assignments')
        .select(fieldsOf('appAssignments').map((f) => f.column))
        .where('snapshot_id', '=', snapshotId)
        .where('user_id', '=', userId)
        .orderBy('app_id')
        .execute();
      return rows.map((row) => fromRow('appAssignments', row));
    },
    async logEvents(org, filter, request) {
      let query = ctx.db.selectFrom('log_events').selectAll().where('org', '=', org);
      if (filter.since !== undefined) query = query.where('published', '>=', writeDate(filter.since));
      if (filter.until !== undefined) query = query.where('published', '<', writeDate(filter.until));
      if (filter.eventType !== undefined) query = query.where('event_type', '=', filter.eventType);
      if (filter.actor !== undefined) {
        const actor = filter.actor;
        query = query.where((eb) => eb.or([eb('actor_id', '=', actor), eb('actor_alternate_id', '=', actor)]));
      }
      // Target ids are a JSON array in text on both databases; a quoted match finds an exact id.
      if (filter.target !== undefined) query = query.where(sql<boolean>`cast(target_ids as text) like ${`%${escapeLike(JSON.stringify(filter.target))}%`} escape '\\'`);
      if (request.after !== undefined) {
        const [published, uuid] = request.after;
        query = query.where('published', '<=', Number(published)).where(sql<boolean>`(published, uuid) < (${Number(published)}, ${uuid})`);
      }
      const rows = await query.orderBy('published', 'desc').orderBy('uuid', 'desc').limit(request.limit + 1).execute();
      return toPage(rows.map(toLogEventRecord), request.limit, (event) => [String(event.published.getTime()), event.uuid]);
    },
    async checkEntities(runId, filter, request) {
      let query = ctx.db.selectFrom('check_entity_results').selectAll().where('run_id', '=', runId).where('check_id', '=', filter.checkId);
      if (filter.status !== undefined) query = query.where('status', '=', filter.status);
      if (filter.entityType !== undefined) query = query.where('entity_type', '=', filter.entityType);
      if (filter.search !== undefined) query = query.where(contains('entity_name', filter.search));
      if (request.after !== undefined) query = query.where(rowValueAfter(['entity_type', 'entity_id'], request.after));
      const rows = await query.orderBy('entity_type').orderBy('entity_id').limit(request.limit + 1).execute();
      const records = rows.map(toEntityResult);
      return toPage(records, request.limit, (record) => [record.entityType, record.entityId]);
    },
    async syncs(org, request) {
      let query = ctx.db.selectFrom('syncs').selectAll().where('org', '=', org);
      if (request.after !== undefined) {
        const [startedAt, id] = request.after;
        query = query.where('started_at', '<=', Number(startedAt)).where(sql<boolean>`(started_at, id) < (${Number(startedAt)}, ${id})`);
      }
      const rows = await query.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(request.limit + 1).execute();
      return toPage(rows.map(toSync), request.limit, (sync) => [String(sync.startedAt.getTime()), sync.id]);
    },
    async runSummaries(org, request) {
      let query = ctx.db.selectFrom('check_runs').select(['id', 'org', 'sync_id', 'snapshot_id', 'evaluated_at', 'settings', 'summaries']).where('org', '=', org);
      if (request.after !== undefined) {
        const [evaluatedAt, id] = request.after;
        query = query.where('evaluated_at', '<=', Number(evaluatedAt)).where(sql<boolean>`(evaluated_at, id) < (${Number(evaluatedAt)}, ${id})`);
      }
      const rows = await query.orderBy('evaluated_at', 'desc').orderBy('id', 'desc').limit(request.limit + 1).execute();
      const runs = rows.map(
        (row): CheckRunSummary => ({
          id: row.id,
          org: row.org,
          syncId: row.sync_id,
          snapshotId: row.snapshot_id,
          evaluatedAt: readDate(row.evaluated_at, 'check_runs.evaluated_at'),
          settings: readJson(row.settings, 'check_runs.settings'),
          results: readJson(row.summaries, 'check_runs.summaries') as CheckRunSummary['results'],
        }),
      );
      return toPage(runs, request.limit, (run) => [String(run.evaluatedAt.getTime()), run.id]);
    },
    async entityResults(runId, entityType, entityId) {
      const rows = await ctx.db
        .selectFrom('check_entity_results')
        .select(['check_id', 'status', 'reason'])
        .where('run_id', '=', runId)
        .where('entity_type', '=', entityType)
        .where('entity_id', '=', entityId)
        .orderBy('check_id')
        .execute();
      return rows.map((row) => ({ checkId: row.check_id, status: row.status as CheckStatus, reason: row.reason }));
    },
  };
}

function narrowUsers(query: LooseQuery, snapshotId: string, filter: UserPageFilter, contains: ContainsIgnoringCase): LooseQuery {
  let narrowed = query;
  if (filter.statuses !== undefined) narrowed = narrowed.where('users.status', 'in', [...filter.statuses]);
  if (filter.search !== undefined) {
    const search = filter.search;
    narrowed = narrowed.where((eb) =>
      eb.or([
        contains('users.login', search),
        contains('users.email', search),
        contains('users.display_name', search),
        contains(sql`coalesce(users.first_name, '') || ' ' || coalesce(users.last_name, '')`, search),
      ]),
    );
  }
  if (filter.inactiveBefore !== undefined) {
    const cutoff = writeDate(filter.inactiveBefore);
    // Never signed in counts from the account's creation, as the inactivity check judges it.
    narrowed = narrowed.where((eb) =>
      eb.or([eb('users.last_login', '<', cutoff), eb.and([eb('users.last_login', 'is', null), eb(sql`coalesce(users.created, 0)`, '<', cutoff)])]),
    );
  }
  if (filter.deprovisionedWithAccess === true) {
    narrowed = narrowed
      .where('users.status', '=', 'DEPROVISIONED')
      .where((eb) =>
        eb.exists(eb.selectFrom('app_assignments as aa').select('aa.app_id').where('aa.snapshot_id', '=', snapshotId).whereRef('aa.user_id', '=', 'users.id')),
      );
  }
  if (filter.verdict !== undefined) {
    const { runId, checkId, status } = filter.verdict;
    narrowed = narrowed.where((eb) =>
      eb.exists(
        eb.selectFrom('check_entity_results as cer')
          .select('cer.entity_id')
          .where('cer.run_id', '=', runId)
          .where('cer.check_id', '=', checkId)
          .where('cer.entity_type', '=', 'user')
          .where('cer.status', '=', status)
          .whereRef('cer.entity_id', '=', 'users.id'),
      ),
    );
  }
  if (filter.strongestFactor !== undefined) {
    const { types, strongerTypes } = filter.strongestFactor;
    const activeFactorOf = (eb: ExpressionBuilder<Record<string, Record<string, unknown>>, string>, factorTypes: readonly string[], alias: string) =>
      eb.exists(
        eb
          .selectFrom(`factors as ${alias}`)
          .select(`${alias}.id`)
          .where(`${alias}.snapshot_id`, '=', snapshotId)
          .whereRef(`${alias}.user_id`, '=', 'users.id')
          .where(`${alias}.status`, '=', 'ACTIVE')
          .where(`${alias}.factor_type`, 'in', [...factorTypes]),
      );
    narrowed = narrowed.where((eb) => {
      const conditions = [];
      if (types !== 'none') conditions.push(types.length === 0 ? sql<boolean>`1 = 0` : activeFactorOf(eb, types, 'f1'));
      if (strongerTypes.length > 0) conditions.push(eb.not(activeFactorOf(eb, strongerTypes, 'f2')));
      return conditions.length === 0 ? sql<boolean>`1 = 1` : eb.and(conditions);
    });
  }
  return narrowed;
}

type ContainsIgnoringCase = (column: string | RawBuilder<unknown>, search: string) => RawBuilder<boolean>;

/**
 * A condition: `search` occurs in the column, ignoring the case of ASCII letters (all that `lower()` folds on SQLite
 * and in the "C" collation); the term is lowered, so an upper-case ë in it finds a stored lower-case one.
 */
function containsIgnoringCaseOn(profile: DialectProfile): ContainsIgnoringCase {
  return (column, search) => {
    const value = typeof column === 'string' ? sql.ref(column) : sql`(${column})`;
    const pattern = likePattern(search);
    return profile.likeIgnoresAsciiCase ? sql<boolean>`${value} like ${pattern} escape '\\'` : sql<boolean>`lower(${value}) like ${pattern} escape '\\'`;
  };
}

function likePattern(search: string): string {
  return `%${escapeLike(search.toLowerCase())}%`;
}

/** `%`, `_` and the escape character itself match literally (with `escape '\\'` on both databases). */
function escapeLike(text: string): string {
  return text.replace(/[%_\\]/g, (character) => `\\${character}`);
}

function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => string[]): KeysetPage<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextKey: rows.length > limit && last !== undefined ? keyOf(last) : null };
}

function withParent(parentId: string, request: PageRequest): PageRequest {
  return { ...request, after: request.after === undefined ? undefined : [parentId, ...request.after] };
}

/** A child page's key starts with the parent id, which the caller already knows: the cursor keeps the rest. */
function dropParentFromNext<T>(page: KeysetPage<T>): KeysetPage<T> {
  return { items: page.items, nextKey: page.nextKey === null ? null : page.nextKey.slice(1) };
}

function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_m, letter: string) => letter.toUpperCase());
}
