import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiProvider } from '../api/ApiContext';
import { ApiError, type Api } from '../api/client';
import { OrgProvider } from './org';

/** Queries: an API refusal (4xx) is an answer, not a blip; only network and 5xx failures are retried, once. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) => failures < 1 && !(error instanceof ApiError && error.status < 500),
        refetchOnWindowFocus: false,
      },
    },
  });
}

/** Everything a page needs around it: the API client, the query cache and the chosen org. */
export function Providers({ api, queryClient, children }: { api: Api; queryClient: QueryClient; children: ReactNode }) {
  return (
    <ApiProvider api={api}>
      <QueryClientProvider client={queryClient}>
        <OrgProvider>{children}</OrgProvider>
      </QueryClientProvider>
    </ApiProvider>
  );
}
