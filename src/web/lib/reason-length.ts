import { REASON_MAX_LENGTH } from '../../contract/index.ts';

/**
 * What to say when a typed reason is longer than the server takes (MOBPROC §4.6), or null. The
 * text is never cut: the person sees how long it is and shortens it themselves.
 */
export function reasonLengthProblem(reason: string): string | null {
  return reason.length > REASON_MAX_LENGTH ? `Up to ${REASON_MAX_LENGTH.toLocaleString('en-US')} characters; this is ${reason.length.toLocaleString('en-US')}.` : null;
}
