/**
 * A test client of `GET /events`: reads the stream with `fetch` as the web app does and parses it
 * per the SSE rules (events, `id:`, `retry:`, comment lines), so tests can wait for what arrives.
 */
import type { TestServer } from './harness.ts';
import type { Session } from './session.ts';

export type SseFrame = { event: string; data: string; id?: string; retry?: number; comments: string[] };

export type EventStream = {
  response: Response;
  /** Every frame so far (a comment-only block is a frame with event '' and no data). */
  frames: SseFrame[];
  /** The `event:`/`data:` frames so far, data parsed as JSON. */
  events: () => { event: string; id?: string; data: unknown }[];
  /** Resolves with the first frame (already here or arriving) that `match` accepts; rejects after `timeoutMs`. */
  waitFor: (match: (frame: SseFrame) => boolean, timeoutMs?: number) => Promise<SseFrame>;
  /**
   * Resolves when the stream is over: `ended` when the server finished its body, `cut` when the
   * connection broke off mid-body (the server cut it, or `close()` here).
   */
  closed: Promise<'ended' | 'cut'>;
  isClosed: () => boolean;
  close: () => void;
};

function parseBlock(block: string): SseFrame {
  const frame: SseFrame = { event: '', data: '', comments: [] };
  const data: string[] = [];
  for (const line of block.split(/\r\n|\r|\n/)) {
    if (line.startsWith(':')) {
      frame.comments.push(line.slice(1).trim());
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') frame.event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') frame.id = value;
    else if (field === 'retry') frame.retry = Number(value);
  }
  frame.data = data.join('\n');
  if (frame.event === '' && data.length > 0) frame.event = 'message';
  return frame;
}

/** Opens the stream with the session's headers; throws unless it answers 200. */
export async function openEvents(server: TestServer | { url: string }, session: Session, extraHeaders: Record<string, string> = {}): Promise<EventStream> {
  const controller = new AbortController();
  const response = await fetch(`${server.url}/mobproc/v1/events`, { headers: session.headers(extraHeaders), signal: controller.signal });
  if (response.status !== 200) throw new Error(`GET /events answered ${response.status}: ${await response.text()}`);
  const frames: SseFrame[] = [];
  const waiters = new Set<() => void>();
  let closed = false;
  const closedPromise = (async (): Promise<'ended' | 'cut'> => {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return 'ended';
        buffer += value;
        let end: RegExpExecArray | null;
        while ((end = /\r\n\r\n|\n\n|\r\r/.exec(buffer))) {
          frames.push(parseBlock(buffer.slice(0, end.index)));
          buffer = buffer.slice(end.index + end[0].length);
          for (const wake of waiters) wake();
        }
      }
    } catch {
      return 'cut';
    } finally {
      closed = true;
      for (const wake of waiters) wake();
    }
  })();
  return {
    response,
    frames,
    events: () => frames.filter((frame) => frame.data !== '').map((frame) => ({ event: frame.event, id: frame.id, data: JSON.parse(frame.data) as unknown })),
    waitFor: (match, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = frames.find(match);
          if (found) {
            cleanup();
            resolve(found);
          } else if (closed) {
            cleanup();
            reject(new Error(`the stream ended before the awaited frame; frames: ${JSON.stringify(frames)}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no awaited frame within ${timeoutMs} ms; frames: ${JSON.stringify(frames)}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    closed: closedPromise,
    isClosed: () => closed,
    close: () => controller.abort(),
  };
}

/** An `event:` frame about one order. */
export const about = (event: string, orderId: string) => (frame: SseFrame) =>
  frame.event === event && (JSON.parse(frame.data || '{}') as { orderId?: string }).orderId === orderId;
