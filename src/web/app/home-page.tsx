import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { PageHeading } from '../components/page-heading.tsx';
import { ServerStatusCard } from '../features/status/components/server-status-card.tsx';

export function HomePage() {
  return (
    <Stack spacing={3}>
      <div>
        <PageHeading>Order and change your work phone</PageHeading>
        <Typography color="text.secondary">
          New lines, upgrades, accessories and changes to your service, reviewed before you submit.
        </Typography>
      </div>
      <ServerStatusCard />
    </Stack>
  );
}
