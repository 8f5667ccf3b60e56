import { createBrowserRouter } from 'react-router';
import { AppShell } from './app-shell.tsx';
import { HomePage } from './home-page.tsx';
import { NotFoundPage } from '../components/not-found-page.tsx';

export const router = createBrowserRouter([
  {
    element: <AppShell />,
    children: [
      { index: true, element: <HomePage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
