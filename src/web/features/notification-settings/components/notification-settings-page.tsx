import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { NotificationSettings } from '../../../../contract/events.ts';
import { PageHeading } from '../../../components/page-heading.tsx';
import { LoadError } from '../../../components/query-states.tsx';
import { useApiClient } from '../../../lib/api-context.tsx';
import { personName } from '../../../lib/format.ts';
import { useMe } from '../../../lib/me.ts';
import { useExtensions } from '../../../lib/use-extensions.ts';
import { notificationSettingsQueryOptions, saveNotificationSettings } from '../api/notification-settings.ts';

const savedWords = (settings: NotificationSettings) =>
  settings.email ? 'Saved. You get email at your orders’ milestones.' : 'Saved. You get no more email about orders; the app still shows every change.';

function SettingsForm({ stored }: { stored: NotificationSettings }) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const form = useForm<NotificationSettings>({ defaultValues: stored });
  // The confirmation belongs to the last save; changing the switch again makes it stale.
  const [saved, setSaved] = useState<NotificationSettings | null>(null);
  const save = useMutation({
    mutationFn: (settings: NotificationSettings) => saveNotificationSettings(client, queryClient, settings),
    onSuccess: (kept) => {
      form.reset(kept);
      setSaved(kept);
    },
  });

  return (
    <Paper variant="outlined" component="form" noValidate aria-labelledby="email-settings-heading" sx={{ p: { xs: 2, sm: 3 } }} onSubmit={form.handleSubmit((values) => save.mutate(values))}>
      <Stack spacing={2}>
        <Typography component="h2" variant="h6" id="email-settings-heading">
          Milestones of your orders
        </Typography>
        <div>
          <Controller
            name="email"
            control={form.control}
            render={({ field }) => (
              <FormControlLabel
                control={
                  <Switch
                    checked={field.value}
                    onChange={(event) => {
                      field.onChange(event.target.checked);
                      setSaved(null);
                    }}
                    onBlur={field.onBlur}
                    slotProps={{ input: { 'aria-describedby': 'email-switch-help' } }}
                  />
                }
                label="Email me at my orders’ milestones"
              />
            )}
          />
          {/* Under the label, not the switch: the switch's 58 px less the label's -11 px margin. */}
          <FormHelperText id="email-switch-help" sx={{ mt: 0, ml: { xs: 0, sm: '47px' } }}>
            When an order waits for your approval, asks you a question, is approved or rejected, ships or is complete.
          </FormHelperText>
        </div>
        {save.isError && (
          <Alert severity="error">
            Your choice was not saved: {save.error.message}
          </Alert>
        )}
        <div role="status">{saved && <Alert severity="success">{savedWords(saved)}</Alert>}</div>
        <Stack direction="row" sx={{ justifyContent: 'flex-start' }}>
          <Button type="submit" variant="contained" loading={save.isPending} disabled={!form.formState.isDirty && !save.isError}>
            Save
          </Button>
        </Stack>
      </Stack>
    </Paper>
  );
}

/**
 * "Email notifications" (extension `notification-settings`): whether the signed-in person gets
 * email at the milestones of their orders. A server that does not announce the extension has no
 * such setting, and the page says so rather than send what it would refuse.
 */
export function NotificationSettingsPage() {
  const client = useApiClient();
  const extensions = useExtensions();
  const offered = extensions.has('notification-settings');
  const settings = useQuery({ ...notificationSettingsQueryOptions(client), enabled: offered });
  const me = useMe();
  const actingFor = me.data && me.data.actor.id !== me.data.authenticatedUser.id ? personName(me.data.actor) : null;

  let body;
  if (extensions.isPending || (offered && settings.isPending)) body = <Skeleton variant="rounded" height={160} aria-label="Loading your email settings" />;
  else if (!offered) body = <Alert severity="info">This server does not offer email settings; ask your administrator which email it sends.</Alert>;
  else if (settings.isError) body = <LoadError what="your email settings" error={settings.error} onRetry={() => void settings.refetch()} />;
  else body = <SettingsForm stored={settings.data!} />;

  return (
    <Stack spacing={2.5} sx={{ maxWidth: 720 }}>
      <PageHeading>Email notifications</PageHeading>
      {actingFor && <Alert severity="info">These are your own settings, not {actingFor}’s: acting for someone does not change theirs.</Alert>}
      {body}
    </Stack>
  );
}
