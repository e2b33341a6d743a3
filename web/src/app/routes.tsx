import { lazy } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { pages } from '../pages/registry';
import { PageFrame, Shell } from './Shell';

const LoginPage = lazy(() => import('../pages/auth/LoginPage'));
const SetupPage = lazy(() => import('../pages/auth/SetupPage'));

/** The console's routes: sign-in and first-admin setup outside the shell, every registered page inside it. */
export function consoleRoutes(): RouteObject[] {
  return [
    { path: '/login', element: <LoginPage /> },
    { path: '/setup', element: <SetupPage /> },
    {
      path: '/',
      element: <Shell />,
      children: [
        { index: true, element: <Navigate to="/integrations" replace /> },
        ...pages.map((page) => ({ path: page.path, element: <PageFrame page={page} /> })),
        { path: '*', element: <NotFound /> },
      ],
    },
  ];
}

function NotFound() {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Not found</h1>
      <p>No page here. Choose one from the navigation.</p>
    </section>
  );
}
