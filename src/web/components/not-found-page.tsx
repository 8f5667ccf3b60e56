import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router';
import { PageHeading } from './page-heading.tsx';

export function NotFoundPage() {
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <Typography sx={{ mb: 3 }}>There is nothing at this address. It may have moved, or the link may be mistyped.</Typography>
      <Button component={RouterLink} to="/" variant="contained">
        Go to the start page
      </Button>
    </>
  );
}
