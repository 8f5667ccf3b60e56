import { createBrowserRouter } from 'react-router';
import { BootError } from './boot-error.tsx';
import { RequireAuth } from './require-auth.tsx';

/**
 * Every page is its own chunk (react-router `lazy`), so the sign-in page never downloads the
 * wizard; so is the shell around them (app bar, navigation), which index.html paints as plain
 * HTML until it is in (main.tsx), so the first download is only what starts the app. Pages behind
 * sign-in sit under RequireAuth.
 */
export const routes = [
  {
    lazy: () => import('./app-shell.tsx'),
    // Only when the shell itself cannot load (a deploy replaced its chunk, the network dropped).
    errorElement: <BootError />,
    children: [
      {
        // Inside the shell, so a page that fails to load keeps the navigation around it.
        lazy: () => import('../components/route-error-page.tsx').then((module) => ({ ErrorBoundary: module.RouteErrorPage })),
        children: [
          { path: 'sign-in', lazy: () => import('./sign-in-route.tsx') },
          { path: 'sign-in/callback', lazy: () => import('./sign-in-callback-route.tsx') },
          // Reachable signed out: the connection may have to change before anyone can sign in.
          { path: 'settings/connection', lazy: () => import('./routes/connection-settings-route.tsx') },
          {
            element: <RequireAuth />,
            children: [
              { index: true, lazy: () => import('./routes/start-route.tsx') },
              { path: 'order/:transactionType/:stepId?', lazy: () => import('./routes/wizard-route.tsx') },
              { path: 'orders/:orderId', lazy: () => import('./routes/order-route.tsx') },
              { path: 'orders', lazy: () => import('./routes/my-orders-route.tsx') },
              { path: 'lines', lazy: () => import('./routes/lines-route.tsx') },
              { path: 'approvals', lazy: () => import('./routes/approvals-route.tsx') },
              { path: 'approvals/:orderId', lazy: () => import('./routes/approval-order-route.tsx') },
              { path: 'settings/notifications', lazy: () => import('./routes/notification-settings-route.tsx') },
            ],
          },
          { path: '*', lazy: () => import('../components/not-found-page.tsx').then((module) => ({ Component: module.NotFoundPage })) },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
