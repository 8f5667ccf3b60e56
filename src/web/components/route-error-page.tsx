import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Link as RouterLink, isRouteErrorResponse, useRouteError } from 'react-router';
import { PageHeading } from './page-heading.tsx';

/** After a deploy, an open tab asks for page chunks under hashes that no longer exist. */
const isStaleBuild = (error: unknown) =>
  error instanceof Error && /dynamically imported module|Importing a module script failed|error loading dynamically imported/i.test(error.message);

/** Shown inside the app shell when a page fails to load or render, instead of a blank screen. */
export function RouteErrorPage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <>
        <PageHeading>Page not found</PageHeading>
        <Button component={RouterLink} to="/" variant="contained">
          Go to the start page
        </Button>
      </>
    );
  }
  const stale = isStaleBuild(error);
  return (
    <Stack spacing={2} sx={{ maxWidth: 640 }}>
      <PageHeading>{stale ? 'A new version of the app is available' : 'This page could not be shown'}</PageHeading>
      <Typography>
        {stale
          ? 'The app was updated while this tab was open. Reload to continue; your draft order is kept.'
          : 'Something went wrong while showing this page. Reloading usually helps; your draft order is kept.'}
      </Typography>
      {!stale && error instanceof Error && <Alert severity="error">{error.message}</Alert>}
      <Stack direction="row" spacing={2}>
        <Button variant="contained" onClick={() => window.location.reload()}>
          Reload
        </Button>
        <Button component={RouterLink} to="/" variant="outlined">
          Go to the start page
        </Button>
      </Stack>
    </Stack>
  );
}
