import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { AcceptPageMeta as PageMeta } from '../../contract/accept.ts';

function offsetOf(href: string): number {
  const offset = Number(new URL(href, window.location.origin).searchParams.get('offset') ?? 0);
  return Number.isFinite(offset) && offset >= 0 ? offset : 0;
}

/**
 * First / previous / next / last through a server-paged collection, following only the `_meta`
 * links the server sent (each is present only when it leads to another page). `what` is the
 * plural of what is listed ("orders"); one page is shown as its count, an empty list as nothing.
 * `onOffset` gets the offset of the page asked for.
 */
export function Pager({ meta, onOffset, what }: { meta: PageMeta; onOffset: (offset: number) => void; what: string }) {
  if (meta.totalCount === 0) return null;
  const from = meta.offset + 1;
  const to = Math.min(meta.offset + meta.limit, meta.totalCount);
  if (meta.totalCount <= meta.limit && meta.offset === 0) {
    return (
      <Typography variant="body2" sx={{ color: 'text.secondary', textAlign: 'center' }}>
        {meta.totalCount} {meta.totalCount === 1 ? what.replace(/s$/, '') : what}
      </Typography>
    );
  }
  const link = (href: string | undefined, label: string, hideOnPhone = false) => (
    <Button
      size="small"
      disabled={!href}
      onClick={() => href && onOffset(offsetOf(href))}
      sx={hideOnPhone ? { display: { xs: 'none', sm: 'inline-flex' } } : undefined}
    >
      {label}
    </Button>
  );
  return (
    <Stack
      component="nav"
      aria-label={`Pages of ${what}`}
      direction="row"
      spacing={1}
      useFlexGap
      sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap' }}
    >
      <Stack direction="row" spacing={0.5}>
        {link(meta.hrefStart, 'First', true)}
        {link(meta.hrefPrevious, 'Previous')}
      </Stack>
      <Typography variant="body2" aria-live="polite">
        {from}–{to} of {meta.totalCount} {what}
      </Typography>
      <Stack direction="row" spacing={0.5}>
        {link(meta.hrefNext, 'Next')}
        {link(meta.hrefEnd, 'Last', true)}
      </Stack>
    </Stack>
  );
}
