import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { createApi } from './api/client';
import { createQueryClient, Providers } from './app/Providers';
import { consoleRoutes } from './app/routes';
import { preloadPageAt } from './pages/registry';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
preloadPageAt(window.location.pathname);
createRoot(root).render(
  <StrictMode>
    <Providers api={createApi()} queryClient={createQueryClient()}>
      <RouterProvider router={createBrowserRouter(consoleRoutes())} />
    </Providers>
  </StrictMode>,
);
