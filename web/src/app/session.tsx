import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/ApiContext';
import { ApiError, unwrap, type Schemas } from '../api/client';

export type ServerUser = Schemas['ServerUser'];
export type Role = ServerUser['role'];

/** Who is signed in: undefined while loading, null when nobody is (the API answered 401). */
export function useSession(): { user: ServerUser | null | undefined; error: unknown } {
  const api = useApi();
  const query = useQuery({
    queryKey: ['session'],
    queryFn: async () => {
      try {
        return unwrap(await api.GET('/api/auth/me')).user;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
  return { user: query.data, error: query.error };
}

/** Whether the signed-in user may change things (connections, settings, users): admins only. */
export function useCanAdminister(): boolean {
  return useSession().user?.role === 'admin';
}

/** After sign-in, setup or sign-out: keep the CSRF token and start from a clean cache. */
export function useSessionChanged(): (user: ServerUser | null, csrfToken: string | undefined) => void {
  const api = useApi();
  const queryClient = useQueryClient();
  return (user, csrfToken) => {
    api.setCsrfToken(csrfToken);
    // Every answer read as the previous user goes, except the session itself: queryClient.clear() would also drop
    // the query that the always-mounted org picker (OrgProvider) watches, leaving it deaf to the new session, so the
    // synced orgs never loaded until a reload. Setting the session then makes it read the orgs again.
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
    queryClient.setQueryData(['session'], user);
  };
}
