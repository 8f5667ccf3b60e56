import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { PageHeading } from '../../../components/page-heading.tsx';
import { useWebAppConfig } from '../../../lib/config-context.tsx';
import { SignInError } from '../../../lib/session.ts';
import { useSessionStore } from '../../../lib/session-context.tsx';

/**
 * Sign-in with the password grant. Deliberately plain React state rather than react-hook-form and
 * zod: this page is the first thing every visitor downloads and must stay small.
 */
export function SignInPage() {
  const config = useWebAppConfig();
  const store = useSessionStore();
  const [tenant, setTenant] = useState(config.tenant);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const missing = {
    tenant: tenant.trim() === '' ? 'Enter your company code.' : null,
    username: username.trim() === '' ? 'Enter your username.' : null,
    password: password === '' ? 'Enter your password.' : null,
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (missing.tenant || missing.username || missing.password) return;
    setPending(true);
    setError(null);
    try {
      await store.signIn({ tenant: tenant.trim(), username: username.trim(), password });
    } catch (cause) {
      setError(cause instanceof SignInError ? cause.message : 'Sign-in failed. Try again.');
      setPending(false);
    }
  }

  return (
    <Card variant="outlined" component="section" aria-labelledby="sign-in-heading">
      <CardContent>
        <div id="sign-in-heading">
          <PageHeading>Sign in</PageHeading>
        </div>
        <Typography sx={{ mb: 2 }}>Order a new phone, upgrade, or change your work line.</Typography>
        <Stack component="form" noValidate spacing={2} onSubmit={(event) => void submit(event)}>
          {error && (
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          )}
          <TextField
            label="Company"
            value={tenant}
            onChange={(event) => setTenant(event.target.value)}
            required
            autoComplete="organization"
            error={touched && Boolean(missing.tenant)}
            helperText={touched ? missing.tenant : null}
          />
          <TextField
            label="Username"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            required
            autoComplete="username"
            autoFocus={false}
            error={touched && Boolean(missing.username)}
            helperText={touched ? missing.username : null}
          />
          <TextField
            label="Password"
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
            autoComplete="current-password"
            error={touched && Boolean(missing.password)}
            helperText={touched ? missing.password : null}
          />
          <Button type="submit" variant="contained" size="large" loading={pending}>
            Sign in
          </Button>
        </Stack>
        {config.embeddedServer && config.demoLogins.length > 0 && (
          <Alert severity="info" sx={{ mt: 3 }} component="aside" role="note" aria-label="Demo logins">
            <Typography sx={{ fontWeight: 500 }}>Demo logins (password “demo”, company {config.tenant})</Typography>
            <Stack component="ul" sx={{ pl: 2, my: 0.5 }}>
              {config.demoLogins.map((login) => (
                <li key={login.username}>
                  <Button
                    size="small"
                    sx={{ textTransform: 'none', p: 0, minWidth: 0, verticalAlign: 'baseline' }}
                    onClick={() => {
                      setUsername(login.username);
                      setPassword('demo');
                    }}
                    aria-label={`Fill in ${login.username}`}
                  >
                    {login.username}
                  </Button>{' '}
                  — {login.description}
                </li>
              ))}
            </Stack>
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}
