import { sql, type ExpressionBuilder, type RawBuilder, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { DialectProfile } from '../dialect-profile.js';
import type { LogEventsTable, LooseDb, StoreDb } from '../schema.js';
import type { CheckRunRef, PageRequest, SnapshotPageRepository, SnapshotRef, UserPageFilter } from '../store.js';
import type { KeysetPage } from '../server-types.js';
import type { CheckRunSummary, CheckStatus } from '../types.js';
import type { RepositoryContext } from './context.js';
import { ENTITY_TABLES, fieldsOf, type EntityKind, type EntityRecords } from './entity-tables.js';
import { ENTITY_RESULT_FIELDS, toEntityResult } from './check-results.js';
import { fromRow } from './entities.js';
import { toLogEventRecord } from './log-events.js';
import { rowValueAfter } from './paging.js';
import { pageQuery, pageRows, type PageShape } from './json-page.js';
import { shapedQuery } from './prepared-query.js';
import { toSync } from './sync-history.js';
import { readDate, readJson, writeDate, writeText } from './row-values.js';
import { USER_SEARCH_SEPARATOR } from '../user-search-text.js';

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

  /** Pages of one kind, narrowed by `narrow` from the page's (shape-cached, see `shapedQuery`) arguments. */
  function pageReader<K extends EntityKind, F>(kind: K, narrow: (query: LooseQuery, filter: F) => LooseQuery) {
    const spec = ENTITY_TABLES[kind];
    const table = spec.table;
    // Children of one parent are narrowed by the caller; they page by the rest of their key.
    const keyColumns = spec.key.map((field) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`));
    const columns = fieldsOf(kind).map((f) => `${table}.${f.column}`);
    const shape: PageShape = { columns: fieldsOf(kind).map((f) => ({ name: f.column, json: f.type === 'json' })), order: keyColumns };
    const run = shapedQuery((db: StoreDb, args: PageArgs<F>) => {
      let query = (db as unknown as LooseDb).selectFrom(table).select(columns).where(`${table}.snapshot_id`, '=', snapshotIdOf(args.snapshot)) as LooseQuery;
      query = narrow(query, args.filter);
      if (args.after !== null) query = query.where(rowValueAfter(keyColumns.map((c) => `${table}.${c}`), args.after));
      for (const column of keyColumns) query = query.orderBy(`${table}.${column}`);
      return pageQuery(ctx.profile, db as unknown as LooseDb, query.limit(args.fetch), shape);
    });
    return async (snapshot: SnapshotRef, filter: F, request: PageRequest): Promise<KeysetPage<EntityRecords[K]>> => {
      const rows = pageRows(ctx.profile, await run(ctx.db, { snapshot, filter, after: request.after ?? null, fetch: request.limit + 1 }), shape);
      return toPage(rows.map((row) => fromRow(kind, row)), request.limit, (record) => keyColumns.map((c) => (record as unknown as Row)[camel(c)] as string));
    };
  }

  /** Pages of the children of one parent (`parentColumn`): the parent's id leads their key. */
  function childPageReader<K extends EntityKind>(kind: K, parentColumn: string) {
    const read = pageReader(kind, (query, parentId: string) => query.where(parentColumn, '=', parentId));
    return async (snapshotId: string, parentId: string, request: PageRequest) => dropParentFromNext(await read(snapshotId, parentId, withParent(parentId, request)));
  }

  const usersPage = pageReader('users', (query, filter: UserQueryFilter) => narrowUsers(query, filter, contains));
  /** Pages of a kind searched in one column and narrowed to one value of another (groups by type, apps by status). */
  function searchablePageReader<K extends EntityKind>(kind: K, searchColumn: string, valueColumn: string) {
    return pageReader(kind, (query, filter: { pattern?: string | undefined; value?: string | undefined }) => {
      let narrowed = query;
      if (filter.pattern !== undefined) narrowed = narrowed.where(contains(searchColumn, filter.pattern));
      if (filter.value !== undefined) narrowed = narrowed.where(valueColumn, '=', filter.value);
      return narrowed;
    });
  }

  const groupsPage = searchablePageReader('groups', 'groups.name', 'groups.type');
  const appsPage = searchablePageReader('apps', 'apps.label', 'apps.status');
  const policiesPage = pageReader('policies', (query, filter: { type?: string | undefined }) => (filter.type === undefined ? query : query.where('policies.type', '=', filter.type)));
  const policyRulesPage = childPageReader('policyRules', 'policy_rules.policy_id');
  const factorsPage = childPageReader('factors', 'factors.user_id');
  const appAssignmentsPage = childPageReader('appAssignments', 'app_assignments.app_id');
  const appGroupAssignmentsPage = childPageReader('appGroupAssignments', 'app_group_assignments.app_id');
  const groupMembersPage = childPageReader('groupMemberships', 'group_memberships.group_id');

  const logEventsQuery = shapedQuery<LogEventQueryArgs, Selectable<LogEventsTable>>((db: StoreDb, args: LogEventQueryArgs) => {
    // By target, the (event, target) pairs lead, read by their key in time order; otherwise the events' own
    // (org, published, uuid) index, or the type's or actor's (migrations 0015, 0016).
    const byTarget = args.targetId !== undefined;
    const time = byTarget ? 't' : 'log_events';
    const loose = db as unknown as LooseDb;
    let query = (
      byTarget
        ? loose
            .selectFrom('log_event_targets as t')
            .innerJoin('log_events', (join) => join.onRef('log_events.org', '=', 't.org').onRef('log_events.uuid', '=', 't.uuid'))
            .where('t.target_id', '=', args.targetId)
        : loose.selectFrom('log_events')
    )
      .selectAll('log_events')
      .where(`${time}.org`, '=', args.org) as LooseQuery;
    if (args.sinceMs !== undefined) query = query.where(`${time}.published`, '>=', args.sinceMs);
    if (args.untilMs !== undefined) query = query.where(`${time}.published`, '<', args.untilMs);
    if (args.eventType !== undefined) query = query.where('log_events.event_type', '=', args.eventType);
    if (args.actorId !== undefined) query = query.where('log_events.actor_id', '=', args.actorId);
    if (args.actorLogin !== undefined) query = query.where('log_events.actor_alternate_id', '=', args.actorLogin);
    if (args.after !== null) {
      const { published, uuid } = args.after;
      query = query.where(`${time}.published`, '<=', published).where(sql<boolean>`(${sql.ref(`${time}.published`)}, ${sql.ref(`${time}.uuid`)}) < (${published}, ${uuid})`);
    }
    return query.orderBy(`${time}.published`, 'desc').orderBy(`${time}.uuid`, 'desc').limit(args.fetch);
  });

  const checkEntitiesQuery = shapedQuery((db: StoreDb, args: { run: CheckRunRef; filter: CheckEntityQueryFilter; after: readonly string[] | null; fetch: number }) => {
    const { filter } = args;
    let query = db.selectFrom('check_entity_results').select(ENTITY_RESULT_FIELDS).where('run_id', '=', runIdOf(args.run)).where('check_id', '=', filter.checkId);
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.entityType !== undefined) query = query.where('entity_type', '=', filter.entityType);
    if (filter.pattern !== undefined) query = query.where(contains('entity_name', filter.pattern));
    if (args.after !== null) query = query.where(rowValueAfter(['entity_type', 'entity_id'], args.after));
    return query.orderBy('entity_type').orderBy('entity_id').limit(args.fetch);
  });

  return {
    users(snapshotId, filter, request) {
      return usersPage(snapshotId, userQueryFilter(filter), request);
    },
    groups(snapshotId, filter, request) {
      return groupsPage(snapshotId, { pattern: likePatternOf(filter.search), value: filter.type }, request);
    },
    apps(snapshotId, filter, request) {
      return appsPage(snapshotId, { pattern: likePatternOf(filter.search), value: filter.status }, request);
    },
    policies(snapshotId, filter, request) {
      return policiesPage(snapshotId, { type: filter.type }, request);
    },
    policyRules: policyRulesPage,
    factors: factorsPage,
    appAssignments: appAssignmentsPage,
    appGroupAssignments: appGroupAssignmentsPage,
    groupMembers: groupMembersPage,
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
      const args: LogEventQueryArgs = {
        org,
        sinceMs: filter.since === undefined ? undefined : writeDate(filter.since),
        untilMs: filter.until === undefined ? undefined : writeDate(filter.until),
        eventType: filter.eventType,
        targetId: filter.target === undefined ? undefined : writeText(filter.target),
        after: request.after === undefined ? null : { published: Number(request.after[0]), uuid: request.after[1] ?? '' },
        fetch: request.limit + 1,
      };
      // An actor is an id or a login: one range read on each column's index, merged, instead of one OR that no
      // index serves in time order (a walk back through every event of the org).
      const rows: Selectable<LogEventsTable>[] =
        filter.actor === undefined
          ? await logEventsQuery(ctx.db, args)
          : newestFirst(
              [...(await logEventsQuery(ctx.db, { ...args, actorId: filter.actor })), ...(await logEventsQuery(ctx.db, { ...args, actorLogin: filter.actor }))],
              args.fetch,
            );
      return toPage(rows.map(toLogEventRecord), request.limit, (event) => [String(event.published.getTime()), event.uuid]);
    },
    async checkEntities(run, filter, request) {
      const queryFilter = { checkId: filter.checkId, status: filter.status, entityType: filter.entityType, pattern: likePatternOf(filter.search) };
      const rows = await checkEntitiesQuery(ctx.db, { run, filter: queryFilter, after: request.after ?? null, fetch: request.limit + 1 });
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

/** The arguments of a page query (see `shapedQuery`): strings and numbers are values, the rest is the query's shape. */
interface PageArgs<F> {
  snapshot: SnapshotRef;
  filter: F;
  after: readonly string[] | null;
  /** The page size + 1, to know whether there is a next page. */
  fetch: number;
}

/** `UserPageFilter` as the page query takes it: the search as its LIKE pattern, the instant in epoch ms. */
interface UserQueryFilter {
  statuses?: readonly string[] | undefined;
  pattern?: string | undefined;
  /** The search holds `USER_SEARCH_SEPARATOR`: test each text apart, since the joined ones could match across two. */
  searchTextByText?: boolean | undefined;
  inactiveBeforeMs?: number | undefined;
  deprovisionedWithAccess?: boolean | undefined;
  verdict?: { run: CheckRunRef; checkId: string; status: CheckStatus } | undefined;
  /** `types` null: users with no active factor of any type (the filter's 'none'). */
  strongestFactor?: { types: readonly string[] | null; strongerTypes: readonly string[] } | undefined;
}

/** A page of System Log events as the query takes it (see `shapedQuery`); an actor is asked by id or by login. */
interface LogEventQueryArgs {
  org: string;
  sinceMs?: number | undefined;
  untilMs?: number | undefined;
  eventType?: string | undefined;
  actorId?: string | undefined;
  actorLogin?: string | undefined;
  targetId?: string | undefined;
  after: { published: number; uuid: string } | null;
  fetch: number;
}

/** The first `count` of two newest-first pages merged, each event once (by uuid), newest first. */
function newestFirst<T extends { published: unknown; uuid: string }>(rows: T[], count: number): T[] {
  const unique = [...new Map(rows.map((row) => [row.uuid, row])).values()];
  const publishedOf = (row: T) => Number(row.published);
  unique.sort((a, b) => publishedOf(b) - publishedOf(a) || (a.uuid < b.uuid ? 1 : a.uuid > b.uuid ? -1 : 0));
  return unique.slice(0, count);
}

interface CheckEntityQueryFilter {
  checkId: string;
  status?: CheckStatus | undefined;
  entityType?: string | undefined;
  pattern?: string | undefined;
}

function userQueryFilter(filter: UserPageFilter): UserQueryFilter {
  const strongest = filter.strongestFactor;
  return {
    statuses: filter.statuses,
    pattern: likePatternOf(filter.search),
    searchTextByText: filter.search?.includes(USER_SEARCH_SEPARATOR),
    inactiveBeforeMs: filter.inactiveBefore === undefined ? undefined : writeDate(filter.inactiveBefore),
    deprovisionedWithAccess: filter.deprovisionedWithAccess,
    verdict: filter.verdict,
    strongestFactor: strongest === undefined ? undefined : { types: strongest.types === 'none' ? null : strongest.types, strongerTypes: strongest.strongerTypes },
  };
}

/**
 * The id of the snapshot a page reads, as a value or, for an org's current snapshot, as a subquery the database runs
 * once per page (`org_state` is keyed by org).
 */
function snapshotIdOf(snapshot: SnapshotRef): string | RawBuilder<string> {
  if (typeof snapshot === 'string') return snapshot;
  return sql<string>`(select org_state.current_snapshot_id from org_state where org_state.org = ${snapshot.currentOf})`;
}

/** The id of the check run a page reads, as a value or, for an org's latest run, as a subquery (the run `latestSummary` finds). */
function runIdOf(run: CheckRunRef): string | RawBuilder<string> {
  if (typeof run === 'string') return run;
  return sql<string>`(select latest.id from check_runs latest where latest.org = ${run.latestOf} order by latest.evaluated_at desc, latest.id desc limit 1)`;
}

function narrowUsers(query: LooseQuery, filter: UserQueryFilter, contains: ContainsIgnoringCase): LooseQuery {
  let narrowed = query;
  if (filter.statuses !== undefined) narrowed = narrowed.where('users.status', 'in', [...filter.statuses]);
  if (filter.pattern !== undefined && filter.searchTextByText !== true) {
    // The four texts as stored lowered and joined with the row (migration 0017): one LIKE instead of four.
    narrowed = narrowed.where(sql<boolean>`users.search_text like ${filter.pattern} escape '\\'`);
  } else if (filter.pattern !== undefined) {
    const pattern = filter.pattern;
    narrowed = narrowed.where((eb) =>
      eb.or([
        contains('users.login', pattern),
        contains('users.email', pattern),
        contains('users.display_name', pattern),
        contains(sql`coalesce(users.first_name, '') || ' ' || coalesce(users.last_name, '')`, pattern),
      ]),
    );
  }
  if (filter.inactiveBeforeMs !== undefined) {
    const cutoff = filter.inactiveBeforeMs;
    // Never signed in counts from the account's creation, as the inactivity check judges it.
    narrowed = narrowed.where((eb) =>
      eb.or([eb('users.last_login', '<', cutoff), eb.and([eb('users.last_login', 'is', null), eb(sql`coalesce(users.created, 0)`, '<', cutoff)])]),
    );
  }
  if (filter.deprovisionedWithAccess === true) {
    narrowed = narrowed
      .where('users.status', '=', 'DEPROVISIONED')
      .where((eb) =>
        eb.exists(eb.selectFrom('app_assignments as aa').select('aa.app_id').whereRef('aa.snapshot_id', '=', 'users.snapshot_id').whereRef('aa.user_id', '=', 'users.id')),
      );
  }
  if (filter.verdict !== undefined) {
    const { run, checkId, status } = filter.verdict;
    narrowed = narrowed.where((eb) =>
      eb.exists(
        eb.selectFrom('check_entity_results as cer')
          .select('cer.entity_id')
          .where('cer.run_id', '=', runIdOf(run))
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
          .whereRef(`${alias}.snapshot_id`, '=', 'users.snapshot_id')
          .whereRef(`${alias}.user_id`, '=', 'users.id')
          .where(`${alias}.status`, '=', 'ACTIVE')
          .where(`${alias}.factor_type`, 'in', [...factorTypes]),
      );
    narrowed = narrowed.where((eb) => {
      const conditions = [];
      if (types !== null) conditions.push(types.length === 0 ? sql<boolean>`1 = 0` : activeFactorOf(eb, types, 'f1'));
      if (strongerTypes.length > 0) conditions.push(eb.not(activeFactorOf(eb, strongerTypes, 'f2')));
      return conditions.length === 0 ? sql<boolean>`1 = 1` : eb.and(conditions);
    });
  }
  return narrowed;
}

type ContainsIgnoringCase = (column: string | RawBuilder<unknown>, pattern: string) => RawBuilder<boolean>;

/**
 * A condition: the column matches `pattern` (from `likePatternOf`), ignoring the case of ASCII letters (all that
 * `lower()` folds on SQLite and in the "C" collation); the term is lowered, so an upper-case ë in it finds a stored
 * lower-case one. SQLite's LIKE already ignores ASCII case, so there the column is not lowered first.
 */
function containsIgnoringCaseOn(profile: DialectProfile): ContainsIgnoringCase {
  return (column, pattern) => {
    const value = typeof column === 'string' ? sql.ref(column) : sql`(${column})`;
    return profile.likeIgnoresAsciiCase ? sql<boolean>`${value} like ${pattern} escape '\\'` : sql<boolean>`lower(${value}) like ${pattern} escape '\\'`;
  };
}

/** The LIKE pattern (with `escape '\\'`) of text containing `search`, lowered; undefined without a search. */
function likePatternOf(search: string | undefined): string | undefined {
  return search === undefined ? undefined : `%${escapeLike(search.toLowerCase())}%`;
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
