import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { AppProviders } from './app/providers.tsx';
import { router } from './app/router.tsx';
import { loadWebAppConfig } from './lib/config.ts';
import { withStoredConnection } from './lib/connection.ts';
import { announcedExtensions } from './lib/extensions.ts';

const container = document.getElementById('root');
if (!container) throw new Error('index.html lacks #root');
const root = createRoot(container);

/**
 * The router starts loading the shell's and the page's chunks as soon as it exists; until they are
 * in, index.html's static shell stays on screen, and React replaces it in one paint (no blank
 * frame, no jump). They load side by side with /config.json.
 */
const routerReady = new Promise<void>((resolve) => {
  if (router.state.initialized) return resolve();
  const unsubscribe = router.subscribe((state) => {
    if (!state.initialized) return;
    unsubscribe();
    resolve();
  });
});

/** Every page needs what the server announces in /ping (the sign-in page waits for it): asked now. */
const configLoaded = loadWebAppConfig().then((config) => {
  void announcedExtensions(withStoredConnection(config).baseUrl);
  return config;
});

Promise.all([configLoaded, routerReady]).then(
  ([config]) =>
    // A transition, so React renders the first page in slices and the phone's main thread is never
    // blocked for long (what Lighthouse counts as total blocking time).
    startTransition(() =>
      root.render(
        <StrictMode>
          <AppProviders config={config}>
            <RouterProvider router={router} />
          </AppProviders>
        </StrictMode>,
      ),
    ),
  (error: unknown) => {
    container.textContent = `The app could not start: ${error instanceof Error ? error.message : String(error)}`;
  },
);
