import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { MobprocError } from '../lib/api-client.ts';

/** Placeholder rows while a list loads, announced once to screen readers. */
export function ListSkeleton({ label, rows = 4, height = 72 }: { label: string; rows?: number; height?: number }) {
  return (
    <Stack spacing={1} role="status" aria-label={label}>
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} variant="rounded" height={height} />
      ))}
    </Stack>
  );
}

/**
 * A read that failed, in words ("Could not load {what}: {the server's message}"), with a Retry
 * button. With `goneText`, a 404 or 403 (no such thing, or not for this person) shows that text
 * and no Retry: asking again would not help.
 */
export function LoadError({ what, error, onRetry, goneText }: { what: string; error: Error; onRetry: () => void; goneText?: string }) {
  const gone = goneText !== undefined && error instanceof MobprocError && (error.status === 404 || error.status === 403);
  return (
    <Alert
      severity="error"
      action={
        gone ? undefined : (
          <Button color="inherit" size="small" onClick={onRetry}>
            Retry
          </Button>
        )
      }
    >
      {gone ? goneText : `Could not load ${what}: ${error.message}`}
    </Alert>
  );
}

/**
 * Says that a list answer held items this app could not read and left out (`count`, from the
 * accept strength's `unreadable`), so a short list is not taken for the whole. Nothing for 0.
 */
export function UnreadableNote({ count, what }: { count: number | undefined; what: { one: string; other: string } }) {
  if (!count) return null;
  return (
    <Alert severity="warning">
      {count === 1 ? `1 ${what.one} could not be read` : `${count} ${what.other} could not be read`} and {count === 1 ? 'is' : 'are'} not shown.
    </Alert>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ p: 3, textAlign: 'center' }}>
      <Typography variant="h2" sx={{ fontSize: '1.1rem', mb: children ? 1 : 0 }}>
        {title}
      </Typography>
      {children && <Typography sx={{ color: 'text.secondary' }}>{children}</Typography>}
    </Paper>
  );
}
