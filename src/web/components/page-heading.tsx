import { useEffect, useRef } from 'react';
import Typography from '@mui/material/Typography';
import { useDocumentTitle } from '../lib/document-title.ts';

/**
 * The page's h1; takes focus when the page opens so screen readers announce the new page. It
 * names the browser tab too: `title` where the heading alone would not tell two pages apart.
 */
export function PageHeading({ children, focusOnMount = true, title }: { children: string; focusOnMount?: boolean; title?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(title ?? children);
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount, children]);
  return (
    <Typography variant="h1" component="h1" tabIndex={-1} ref={ref} sx={{ mb: 2, '&:focus': { outline: 'none' } }}>
      {children}
    </Typography>
  );
}
