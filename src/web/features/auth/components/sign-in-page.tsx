import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import FormControl from '@mui/material/FormControl';
import FormHelperText from '@mui/material/FormHelperText';
import InputLabel from '@mui/material/InputLabel';
import OutlinedInput from '@mui/material/OutlinedInput';
import Divider from '@mui/material/Divider';
import Typography from '@mui/material/Typography';
import { use, useId, useState, type FormEvent } from 'react';
import { PageHeading } from '../../../components/page-heading.tsx';
import { useWebAppConfig } from '../../../lib/config-context.tsx';
import { authorizeUrlFor } from '../../../lib/extensions.ts';
import { SignInError } from '../../../lib/session.ts';
import { useSessionStore } from '../../../lib/session-context.tsx';

/**
 * A required, labelled text input. Built from MUI's parts rather than TextField, which also
 * brings the whole Select and Menu machinery — weight this first page does not need.
 */
function Field({
  label,
  value,
  onChange,
  autoComplete,
  type = 'text',
  problem,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: string;
  type?: string;
  problem: string | null;
}) {
  const id = useId();
  return (
    <FormControl variant="outlined" required error={Boolean(problem)} fullWidth>
      <InputLabel htmlFor={id}>{label}</InputLabel>
      <OutlinedInput
        id={id}
        label={label}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete={autoComplete}
        slotProps={{ input: { 'aria-describedby': problem ? `${id}-problem` : undefined } }}
      />
      {problem && <FormHelperText id={`${id}-problem`}>{problem}</FormHelperText>}
    </FormControl>
  );
}

const authorizeUrls = new Map<string, Promise<string | null>>();

/**
 * The company's sign-in page, when the connection names one or the server announced
 * `authorization-code`. The page waits for the answer (Suspense) rather than draw the form and
 * push it down by a button a moment later; main.tsx asks for the ping while the page's code loads,
 * so there is seldom anything left to wait for. One promise per connection, as `use` needs.
 */
function useAuthorizeUrl(): string | null {
  const config = useWebAppConfig();
  const key = [config.authorizeUrl ?? '', config.tokenUrl, config.baseUrl].join(' ');
  let found = authorizeUrls.get(key);
  if (!found) {
    found = authorizeUrlFor(config);
    authorizeUrls.set(key, found);
  }
  return use(found);
}

/**
 * Two ways in: the company's sign-in page (authorization code with PKCE, when there is one), and
 * the password form for first-party use. Deliberately plain React state rather than
 * react-hook-form and zod: this page is the first thing every visitor downloads and must stay
 * small; the OAuth client library loads only when someone chooses the sign-in page.
 *
 * `returnTo`: the app path to come back to after signing in.
 */
export function SignInPage({ returnTo = '/' }: { returnTo?: string }) {
  const config = useWebAppConfig();
  const authorizeUrl = useAuthorizeUrl();
  const [leaving, setLeaving] = useState(false);
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

  async function openSignInPage() {
    if (!authorizeUrl) return;
    setLeaving(true);
    setError(null);
    try {
      const { startAuthorizationCodeSignIn } = await import('../../../lib/authorization-code.ts');
      await startAuthorizationCodeSignIn(config, authorizeUrl, returnTo);
    } catch (cause) {
      setError(cause instanceof SignInError ? cause.message : 'The sign-in page could not be opened. Try again.');
      setLeaving(false);
    }
  }

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
        {error && (
          <Alert severity="error" role="alert" sx={{ mb: 2 }}>
            {error}
          </Alert>
        )}
        {authorizeUrl && (
          <>
            <Button variant="contained" size="large" fullWidth loading={leaving} onClick={() => void openSignInPage()}>
              Sign in with your company
            </Button>
            <Divider sx={{ my: 2.5 }}>or with a password here</Divider>
          </>
        )}
        <Stack component="form" noValidate spacing={2} onSubmit={(event) => void submit(event)} aria-label="Sign in with a password">
          <Field label="Company" value={tenant} onChange={setTenant} autoComplete="organization" problem={touched ? missing.tenant : null} />
          <Field label="Username" value={username} onChange={setUsername} autoComplete="username" problem={touched ? missing.username : null} />
          <Field
            label="Password"
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete="current-password"
            problem={touched ? missing.password : null}
          />
          <Button type="submit" variant={authorizeUrl ? 'outlined' : 'contained'} size="large" loading={pending}>
            Sign in
          </Button>
        </Stack>
        {config.embeddedServer && config.demoLogins.length > 0 && (
          <Alert severity="info" sx={{ mt: 3 }} component="aside" role="note" aria-label="Demo logins">
            <Typography sx={{ fontWeight: 500 }}>Demo logins (password “demo”, company {config.tenant} unless noted)</Typography>
            <Stack component="ul" sx={{ pl: 2, my: 0.5 }}>
              {config.demoLogins.map((login) => (
                <li key={login.username}>
                  <Button
                    size="small"
                    sx={{ textTransform: 'none', p: 0, minWidth: 0, verticalAlign: 'baseline' }}
                    onClick={() => {
                      setTenant(login.tenant ?? config.tenant);
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
