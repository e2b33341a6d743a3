import type { Api } from '../../api/client';
import { unwrap } from '../../api/client';

/** The latest run's result per test; shared by the Tests page and a test's page (one cache entry). */
export function latestTestsQuery(api: Api, org: string) {
  return { queryKey: ['tests', org], queryFn: async () => unwrap(await api.GET('/api/orgs/{org}/tests', { params: { path: { org } } })) };
}

export function passwordComplianceQuery(api: Api, org: string) {
  return { queryKey: ['password-compliance', org], queryFn: async () => unwrap(await api.GET('/api/orgs/{org}/password-compliance', { params: { path: { org } } })) };
}

export const SEVERITY_ORDER: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };
