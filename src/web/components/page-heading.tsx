import { useEffect, useRef } from 'react';
import Typography from '@mui/material/Typography';

/** The page's h1; takes focus when the page opens so screen readers announce the new page. */
export function PageHeading({ children, focusOnMount = true }: { children: string; focusOnMount?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount, children]);
  return (
    <Typography variant="h1" component="h1" tabIndex={-1} ref={ref} sx={{ mb: 2, '&:focus': { outline: 'none' } }}>
      {children}
    </Typography>
  );
}
