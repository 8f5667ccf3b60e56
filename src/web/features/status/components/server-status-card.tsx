import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../../lib/api-context.tsx';
import { pingQueryOptions } from '../api/ping.ts';

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/**
 * Shows whether the configured MOBPROC server answers, and what it says about itself.
 * `onlyProblems`: nothing while the server answers (the start page, where an employee has no use
 * for the server's greeting), the card only when it does not.
 */
export function ServerStatusCard({ onlyProblems = false }: { onlyProblems?: boolean }) {
  const client = useApiClient();
  const ping = useQuery(pingQueryOptions(client));
  if (onlyProblems && !ping.isError) return null;

  return (
    <Card component="section" aria-labelledby="server-status-heading" variant="outlined">
      <CardContent>
        <Typography id="server-status-heading" variant="h2" component="h2" gutterBottom>
          Server status
        </Typography>
        {ping.isPending && (
          <div role="status" aria-label="Checking the server">
            <Skeleton width="60%" />
            <Skeleton width="40%" />
          </div>
        )}
        {ping.isError && (
          <Alert
            severity="error"
            action={
              <Button color="inherit" size="small" onClick={() => void ping.refetch()}>
                Retry
              </Button>
            }
          >
            The MOBPROC server did not answer: {ping.error.message}
          </Alert>
        )}
        {ping.isSuccess && (
          <Alert severity="success" role="status">
            <strong>{ping.data.sourceSystem ?? 'The server'}</strong> {ping.data.version ?? ''} answered “{ping.data.echoText}”
            {ping.data.dateTime ? ` at ${dateTimeFormat.format(new Date(ping.data.dateTime))}` : ''}.
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}
