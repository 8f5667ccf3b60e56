import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { AcceptPageMeta as PageMeta } from '../../../../contract/accept.ts';

/** Previous / next through a server-paged list, following the `_meta` links that are present. */
export function Pager({ meta, onOffset, what }: { meta: PageMeta; onOffset: (offset: number) => void; what: string }) {
  if (meta.totalCount <= meta.limit) return null;
  const from = meta.offset + 1;
  const to = Math.min(meta.offset + meta.limit, meta.totalCount);
  const offsetOf = (href: string) => Number(new URL(href).searchParams.get('offset') ?? 0);
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', justifyContent: 'space-between' }} component="nav" aria-label={`Pages of ${what}`}>
      <Button disabled={!meta.hrefPrevious} onClick={() => meta.hrefPrevious && onOffset(offsetOf(meta.hrefPrevious))}>
        Previous
      </Button>
      <Typography variant="body2" aria-live="polite">
        {from}–{to} of {meta.totalCount} {what}
      </Typography>
      <Button disabled={!meta.hrefNext} onClick={() => meta.hrefNext && onOffset(offsetOf(meta.hrefNext))}>
        Next
      </Button>
    </Stack>
  );
}
