import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import type { AcceptOrder as Order } from '../../../../contract/accept.ts';
import { REASON_MAX_LENGTH } from '../../../../contract/index.ts';
import { levelWho } from '../../../lib/approval-levels.ts';
import { useApiClient } from '../../../lib/api-context.tsx';
import { formatWhen, personName } from '../../../lib/format.ts';
import { reasonLengthProblem } from '../../../lib/reason-length.ts';
import { afterAnswer, answerQuestion } from '../api/order-detail.ts';

/** An answer: something to say, no longer than the server takes (the text is never cut). */
export const answerForm = z.object({
  answer: z.string().superRefine((answer, ctx) => {
    const tooLong = reasonLengthProblem(answer);
    if (tooLong) ctx.addIssue({ code: 'custom', message: tooLong });
    else if (answer.trim() === '') ctx.addIssue({ code: 'custom', message: 'Write your answer to the question.' });
  }),
});

/** The open question of an order (extension `request-info`): the level that asked it. */
export function openQuestionOf(order: Pick<Order, 'approvers'>) {
  return (order.approvers ?? []).findLast((level) => level.decision === 'INFO_REQUESTED');
}

/**
 * The approver's question on an order that waits for the requester's answer, and the answer form.
 * Sending it returns the order to the same approval level; withdrawing stays possible meanwhile.
 */
export function QuestionPanel({ order, canAnswer }: { order: Order; canAnswer: boolean }) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const question = openQuestionOf(order);
  const form = useForm<{ answer: string }>({ defaultValues: { answer: '' }, resolver: zodResolver(answerForm) });
  const send = useMutation({
    mutationFn: ({ answer }: { answer: string }) => answerQuestion(client, order.orderId, answer),
    onSuccess: async (answered) => {
      await afterAnswer(queryClient, order.orderId, answered);
      form.reset();
    },
  });
  const tooLong = reasonLengthProblem(useWatch({ control: form.control, name: 'answer' }));
  const error = tooLong ?? form.formState.errors.answer?.message;
  const asker = question ? (question.decidedBy ? personName(question.decidedBy) : levelWho(question)) : 'The approver';

  return (
    <Paper variant="outlined" component="section" aria-labelledby="question-heading" sx={{ p: { xs: 2, sm: 3 }, borderColor: 'warning.main' }}>
      <Typography variant="h2" id="question-heading" sx={{ fontSize: '1.15rem', mb: 1 }}>
        {canAnswer ? `${asker} asks you a question` : `${asker} asked a question`}
      </Typography>
      <Typography component="blockquote" sx={{ m: 0, pl: 1.5, borderLeft: 3, borderColor: 'divider', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {question?.reason ?? 'The approver’s question was not sent with the order.'}
      </Typography>
      {question?.dateTime && (
        <Typography variant="body2" sx={{ color: 'text.secondary', mt: 0.5 }}>
          Asked {formatWhen(question.dateTime, 'moment')}
        </Typography>
      )}
      {canAnswer ? (
        <Stack component="form" noValidate spacing={1.5} sx={{ mt: 2 }} onSubmit={form.handleSubmit((values) => send.mutate(values))}>
          <TextField
            {...form.register('answer')}
            label="Your answer"
            required
            multiline
            minRows={3}
            fullWidth
            error={Boolean(error)}
            helperText={error ?? `The order goes back to ${asker} with your answer. Up to ${REASON_MAX_LENGTH.toLocaleString('en-US')} characters.`}
          />
          {send.isError && <Alert severity="error">{send.error.message}</Alert>}
          <Button type="submit" variant="contained" loading={send.isPending} sx={{ alignSelf: 'flex-start' }}>
            Send answer
          </Button>
        </Stack>
      ) : (
        <Typography variant="body2" sx={{ mt: 1.5 }}>
          The requester answers it; the order then comes back to the approver.
        </Typography>
      )}
    </Paper>
  );
}
