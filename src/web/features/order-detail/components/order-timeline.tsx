import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { AcceptHistoryEntry as HistoryEntry } from '../../../../contract/accept.ts';
import { formatWhen, personName } from '../../../lib/format.ts';
import { orderStatusWords } from '../../../lib/order-status.ts';

/** The order's history, oldest first, as a vertical timeline: when, what, and who did it. */
export function OrderTimeline({ history }: { history: HistoryEntry[] }) {
  if (history.length === 0) return <Typography sx={{ color: 'text.secondary' }}>No history yet.</Typography>;
  return (
    <Box component="ol" aria-label="Status history" sx={{ listStyle: 'none', m: 0, p: 0 }}>
      {history.map((entry, index) => {
        const last = index === history.length - 1;
        const who = entry.actor ? personName(entry.actor) : 'Fulfilment';
        const onBehalf = entry.requestedBy && entry.actor && entry.requestedBy.id !== entry.actor.id ? ` (by ${personName(entry.requestedBy)})` : '';
        return (
          <Box component="li" key={`${entry.dateTime}-${index}`} sx={{ display: 'flex', gap: 1.5 }}>
            <Stack sx={{ alignItems: 'center' }} aria-hidden>
              <Box sx={{ width: 12, height: 12, mt: 0.75, borderRadius: '50%', bgcolor: last ? 'primary.main' : 'grey.500', flexShrink: 0 }} />
              {!last && <Box sx={{ width: 2, flexGrow: 1, bgcolor: 'grey.400', my: 0.5 }} />}
            </Stack>
            <Box sx={{ pb: last ? 0 : 2, minWidth: 0 }}>
              {entry.status && <Typography sx={{ fontWeight: last ? 600 : 500 }}>{orderStatusWords(entry.status)}</Typography>}
              {entry.description && <Typography variant="body2">{entry.description}</Typography>}
              <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                {entry.dateTime ? `${formatWhen(entry.dateTime, 'moment')} · ` : ''}
                {who}
                {onBehalf}
              </Typography>
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}
