import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { AcceptOrderItem as OrderItem } from '../../contract/accept.ts';
import { levelWords, pendingLevelOf } from '../lib/approval-levels.ts';
import { formatWhen } from '../lib/format.ts';

/**
 * Every approval level of an order with its state, who decided and for whom, when, and the
 * reason or question. "Level N" is said only when there is more than one.
 */
export function ApprovalLevels({ order }: { order: Pick<OrderItem, 'approvers' | 'pendingApprovalLevel' | 'status'> }) {
  const approvers = order.approvers ?? [];
  const open = pendingLevelOf(order);
  const several = approvers.length > 1;
  return (
    <Stack component="ol" spacing={1.5} aria-label="Approval levels" sx={{ m: 0, p: 0, listStyle: 'none' }}>
      {approvers.map((level, index) => (
        <Box component="li" key={`${level.level ?? index}`}>
          <Typography sx={{ fontWeight: 500 }}>
            {several ? `Level ${level.level ?? index + 1}: ` : ''}
            {levelWords(level, order.status, level === open)}
          </Typography>
          {level.dateTime && level.decision !== 'PENDING' && (
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              {formatWhen(level.dateTime, 'moment')}
            </Typography>
          )}
          {level.reason && (
            <Typography variant="body2" component="blockquote" sx={{ m: 0, mt: 0.5, pl: 1.5, borderLeft: 3, borderColor: 'divider' }}>
              {level.decision === 'INFO_REQUESTED' ? 'Question' : 'Reason'}: {level.reason}
            </Typography>
          )}
        </Box>
      ))}
    </Stack>
  );
}
