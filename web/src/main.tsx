import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { createApi } from './api/client';
import { createQueryClient, Providers } from './app/Providers';
import { consoleRoutes } from './app/routes';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <Providers api={createApi()} queryClient={createQueryClient()}>
      <RouterProvider router={createBrowserRouter(consoleRoutes())} />
    </Providers>
  </StrictMode>,
);
