import { useRouteError } from 'react-router';

/**
 * What shows when the app's shell cannot load (its chunk is gone after a deploy, or the network
 * dropped): plain HTML in index.html's static shell styles, since MUI may be what failed to load.
 */
export function BootError() {
  const error = useRouteError();
  return (
    <>
      <header className="boot-bar">
        <a className="boot-title" href="/">
          MOBPROC Order Wizard
        </a>
      </header>
      <main className="boot-main" id="main">
        <h1>The app could not load</h1>
        <p>Check your connection and reload the page; if the app was just updated, a reload fetches the new version.</p>
        <p>
          <button type="button" onClick={() => window.location.reload()}>
            Reload the page
          </button>
        </p>
        {error instanceof Error && <p className="boot-detail">{error.message}</p>}
      </main>
    </>
  );
}
