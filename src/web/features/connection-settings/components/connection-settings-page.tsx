import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { PageHeading } from '../../../components/page-heading.tsx';
import type { Connection } from '../../../lib/config.ts';
import { loadWebAppConfig } from '../../../lib/config.ts';
import { useWebAppConfig } from '../../../lib/config-context.tsx';
import { normaliseBaseUrl, pingServer, readStoredConnection, sameConnection, storeConnection, type PingOutcome } from '../../../lib/connection.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { useSession, useSessionStore } from '../../../lib/session-context.tsx';

type Fields = Required<Connection>;
type Problems = Partial<Record<keyof Fields, string>>;

/** The connection's fields, in the order the form shows them, with what each is for. */
const settingFields: { name: keyof Fields; label: string; hint: string; required?: boolean; url?: boolean }[] = [
  { name: 'baseUrl', label: 'Base URL', hint: 'Empty means the server that served this app. Calls go to {base URL}/mobproc/v1.', url: true },
  { name: 'tokenUrl', label: 'Token URL', hint: 'Where sign-in gets its tokens (OAuth 2 token endpoint).', required: true, url: true },
  { name: 'authorizeUrl', label: 'Authorization URL (optional)', hint: 'Your company’s sign-in page (OAuth 2 authorization endpoint) for “Sign in with your company”. Empty: offered only when a MOBPROC server announces its own.', url: true },
  { name: 'scope', label: 'Scope', hint: 'What sign-in asks the token server for; MOBPROC unless your identity provider says otherwise.', required: true },
  { name: 'revokeUrl', label: 'Revoke URL (optional)', hint: 'Where sign-out ends the tokens (OAuth 2 revocation), if the token server offers it. Empty: only a MOBPROC server that announces it is asked.', url: true },
  { name: 'tenant', label: 'Tenant', hint: 'Your company code, e.g. ACME.', required: true },
  { name: 'clientId', label: 'Client id', hint: 'This app’s public client id at that server. A browser cannot keep a client secret, so a confidential (server-to-server) client id will not work here.', required: true },
];

const defaultTokenUrl = (baseUrl: string) => `${normaliseBaseUrl(baseUrl)}/oauth/token`;

function isUrlOrPath(value: string): boolean {
  if (value.startsWith('/')) return !value.startsWith('//');
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function check(fields: Fields): Problems {
  const problems: Problems = {};
  const base = fields.baseUrl.trim();
  if (base && !/^https?:\/\/[^/]+/.test(base)) problems.baseUrl = 'Enter an address such as https://mobproc.example.com, or leave it empty for this server.';
  if (!fields.tokenUrl.trim()) problems.tokenUrl = 'Enter the token URL.';
  else if (!isUrlOrPath(fields.tokenUrl.trim())) problems.tokenUrl = 'Enter a full https:// address, or a path on this server such as /oauth/token.';
  if (fields.authorizeUrl.trim() && !isUrlOrPath(fields.authorizeUrl.trim())) {
    problems.authorizeUrl = 'Enter a full https:// address, or a path on this server such as /oauth/authorize; or leave it empty.';
  }
  if (!fields.scope.trim()) problems.scope = 'Enter the scope, e.g. MOBPROC.';
  if (fields.revokeUrl.trim() && !isUrlOrPath(fields.revokeUrl.trim())) problems.revokeUrl = 'Enter a full https:// address, or a path on this server such as /oauth/revoke; or leave it empty.';
  if (!fields.tenant.trim()) problems.tenant = 'Enter the company (tenant) code.';
  if (!fields.clientId.trim()) problems.clientId = 'Enter the client id.';
  return problems;
}

/** Reload from the sign-in page, so the session, the API client and every cached answer start over on the new connection. */
function restartAt(path: string) {
  window.location.assign(path);
}

/**
 * Where the MOBPROC server is: base URL, token URL, tenant and client id. A ping must answer
 * before a change is saved; the choice is kept in this browser only and can be reset to the
 * server's defaults (`/config.json`).
 */
export function ConnectionSettingsPage() {
  const active = useWebAppConfig();
  const session = useSession();
  const sessionStore = useSessionStore();
  const defaults = useQuery({ queryKey: queryKeys.webAppConfig(), queryFn: loadWebAppConfig, staleTime: Infinity });
  const [fields, setFields] = useState<Fields>({
    baseUrl: active.baseUrl,
    tokenUrl: active.tokenUrl,
    revokeUrl: (active as Connection).revokeUrl ?? '',
    authorizeUrl: (active as Connection).authorizeUrl ?? '',
    scope: (active as Connection).scope || 'MOBPROC',
    tenant: active.tenant,
    clientId: active.clientId,
  });
  const [problems, setProblems] = useState<Problems>({});
  const [ping, setPing] = useState<PingOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const custom = readStoredConnection() !== null;

  const set = (key: keyof Fields, value: string) => {
    setPing(null);
    setFields((current) => {
      // Keep the token URL following the base URL while it is the usual one.
      if (key === 'baseUrl' && current.tokenUrl.trim() === defaultTokenUrl(current.baseUrl)) return { ...current, baseUrl: value, tokenUrl: defaultTokenUrl(value) };
      return { ...current, [key]: value };
    });
  };

  const cleaned = (): Connection => {
    const revokeUrl = fields.revokeUrl.trim();
    const authorizeUrl = fields.authorizeUrl.trim();
    const scope = fields.scope.trim();
    return {
      baseUrl: normaliseBaseUrl(fields.baseUrl),
      tokenUrl: fields.tokenUrl.trim(),
      tenant: fields.tenant.trim(),
      clientId: fields.clientId.trim(),
      ...(revokeUrl ? { revokeUrl } : {}),
      ...(authorizeUrl ? { authorizeUrl } : {}),
      ...(scope && scope !== 'MOBPROC' ? { scope } : {}),
    };
  };

  async function test(): Promise<PingOutcome | null> {
    const found = check(fields);
    setProblems(found);
    if (Object.keys(found).length > 0) return null;
    setBusy(true);
    try {
      const outcome = await pingServer(cleaned().baseUrl);
      setPing(outcome);
      return outcome;
    } finally {
      setBusy(false);
    }
  }

  async function save() {
    const outcome = await test();
    if (!outcome?.ok) return;
    const next = cleaned();
    const serverDefaults = defaults.data;
    // The old server's tokens mean nothing to the new one.
    if (session) await sessionStore.signOut();
    storeConnection(serverDefaults && sameConnection(next, serverDefaults) ? null : next);
    restartAt('/sign-in');
  }

  async function reset() {
    if (!custom) {
      // Nothing stored: only the form differs from the defaults.
      if (defaults.data) {
        setFields({
          baseUrl: defaults.data.baseUrl,
          tokenUrl: defaults.data.tokenUrl,
          revokeUrl: '',
          authorizeUrl: defaults.data.authorizeUrl ?? '',
          scope: defaults.data.scope || 'MOBPROC',
          tenant: defaults.data.tenant,
          clientId: defaults.data.clientId,
        });
      }
      setProblems({});
      setPing(null);
      return;
    }
    if (session) await sessionStore.signOut();
    storeConnection(null);
    restartAt('/sign-in');
  }

  return (
    <Stack spacing={2.5} sx={{ maxWidth: 640 }}>
      <PageHeading>Connection settings</PageHeading>
      <Typography>
        The MOBPROC server this app talks to. {custom ? 'This browser uses its own settings.' : 'This browser uses the defaults of the server that served the app.'}
      </Typography>
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }}>
        <Stack
          component="form"
          noValidate
          spacing={2.5}
          aria-label="Connection"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          {settingFields.map(({ name, label, hint, required, url }) => (
            <TextField
              key={name}
              label={label}
              required={required}
              value={fields[name]}
              onChange={(event) => set(name, event.target.value)}
              error={Boolean(problems[name])}
              helperText={problems[name] ?? hint}
              slotProps={{ htmlInput: { ...(url ? { inputMode: 'url' as const } : {}), autoComplete: 'off', spellCheck: false } }}
            />
          ))}
          <div role="status" aria-live="polite">
            {ping?.ok && (
              <Alert severity="success">
                The server answered{ping.sourceSystem ? `: ${ping.sourceSystem}${ping.version ? ` ${ping.version}` : ''}` : ''}.
                {ping.extensions.length > 0 ? ` Extensions it offers: ${ping.extensions.join(', ')}.` : ' It announces no extensions; the app uses the plain MOBPROC contract.'}
              </Alert>
            )}
            {ping && !ping.ok && <Alert severity="error">{ping.message}</Alert>}
          </div>
          {session && <Alert severity="info">Saving signs you out; you sign in again at the new server.</Alert>}
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5}>
            <Button type="submit" variant="contained" loading={busy}>
              Save
            </Button>
            <Button variant="outlined" onClick={() => void test()} disabled={busy}>
              Test connection
            </Button>
            <Button component={RouterLink} to="/">
              Cancel
            </Button>
            <Button onClick={() => void reset()} disabled={busy} sx={{ ml: { sm: 'auto !important' } }}>
              Reset to defaults
            </Button>
          </Stack>
        </Stack>
      </Paper>
      {defaults.data && (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          Defaults of this server: base URL {defaults.data.baseUrl || '(this server)'}, token URL {defaults.data.tokenUrl}, tenant {defaults.data.tenant}, client id{' '}
          {defaults.data.clientId}.
        </Typography>
      )}
    </Stack>
  );
}
