import '@fontsource/roboto/latin-400.css';
import '@fontsource/roboto/latin-500.css';
import '@fontsource/roboto/latin-700.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { AppProviders } from './app/providers.tsx';
import { router } from './app/router.tsx';
import { loadWebAppConfig } from './lib/config.ts';

const container = document.getElementById('root');
if (!container) throw new Error('index.html lacks #root');
const root = createRoot(container);

loadWebAppConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <AppProviders config={config}>
          <RouterProvider router={router} />
        </AppProviders>
      </StrictMode>,
    ),
  (error: unknown) => {
    container.textContent = `The app could not start: ${error instanceof Error ? error.message : String(error)}`;
  },
);
