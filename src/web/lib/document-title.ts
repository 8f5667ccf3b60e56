import { useEffect } from 'react';

const APP_NAME = 'MOBPROC Order Wizard';

/**
 * The browser tab's title while a page shows (WCAG 2.4.2): the most specific part first, then the
 * app, joined by dashes (`Review — New line — MOBPROC Order Wizard`). Empty parts are left out.
 */
export function useDocumentTitle(...parts: (string | null | undefined)[]) {
  const title = [...parts.filter(Boolean), APP_NAME].join(' — ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
