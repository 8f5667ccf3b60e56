import Stack from '@mui/material/Stack';
import { ServerStatusCard } from '../../features/status/components/server-status-card.tsx';
import { StartPage } from '../../features/wizard/components/start-page.tsx';

export function Component() {
  return (
    <Stack spacing={4}>
      <StartPage />
      <ServerStatusCard onlyProblems />
    </Stack>
  );
}
