import { Link } from 'react-router';

const PAGE_OF: Record<string, string> = { user: 'users', app: 'apps', policy: 'policies', group: 'groups' };

/** The console page of an entity a test judged (a user, app, policy or group); other kinds are named, not linked. */
export function entityPath(entityType: string, entityId: string): string | undefined {
  const page = PAGE_OF[entityType];
  return page === undefined ? undefined : `/${page}/${encodeURIComponent(entityId)}`;
}

export function EntityLink({ entityType, entityId, children }: { entityType: string; entityId: string; children: React.ReactNode }) {
  const path = entityPath(entityType, entityId);
  return path === undefined ? <>{children}</> : <Link to={path}>{children}</Link>;
}
