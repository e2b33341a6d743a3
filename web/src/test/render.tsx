import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import type { Api } from '../api/client';
import { createQueryClient, Providers } from '../app/Providers';
import { consoleRoutes } from '../app/routes';

/** Renders the whole console (routes, shell, registry) at `path` over a fake API. */
export function renderConsole(api: Api, path: string): RenderResult & { router: ReturnType<typeof createMemoryRouter> } {
  return renderRoutes(api, consoleRoutes(), path);
}

/** Renders one component inside the providers and a router, at `path` (default `/`). */
export function renderWithProviders(api: Api, element: ReactNode, path = '/'): RenderResult & { router: ReturnType<typeof createMemoryRouter> } {
  return renderRoutes(api, [{ path: '*', element }], path);
}

function renderRoutes(api: Api, routes: RouteObject[], path: string) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const result = render(
    <Providers api={api} queryClient={queryClient}>
      <RouterProvider router={router} />
    </Providers>,
  );
  return { ...result, router };
}
