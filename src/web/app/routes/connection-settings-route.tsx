import Stack from '@mui/material/Stack';
import { ConnectionSettingsPage } from '../../features/connection-settings/components/connection-settings-page.tsx';
import { ServerStatusCard } from '../../features/status/components/server-status-card.tsx';

// What the server says about itself is about the connection, so it is shown with its settings.
export function Component() {
  return (
    <Stack spacing={4}>
      <ConnectionSettingsPage />
      <ServerStatusCard />
    </Stack>
  );
}
