import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { headerNames } from '../../contract/index.ts';
import { toEnvelope } from '../domain/errors.ts';
import type { Logger } from '../logger.ts';

/**
 * How long a refused connection may go on sending what we will not read before it is cut: closing
 * a socket with unread bytes makes the kernel send a reset, which can overtake our answer.
 */
const DRAIN_MS = 2000;

/** Node's own answers to the other faults its parser finds, byte for byte (lib/_http_server.js). */
const nodeAnswers: Record<string, string> = {
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 'HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\n\r\n',
  ERR_HTTP_REQUEST_TIMEOUT: 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n',
};
const badRequest = 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n';

/**
 * Answers what Node refuses before the app sees a request. A request line or headers over Node's
 * limit (`--max-http-header-size`, 16 KiB by default) gets a 431 with the API's JSON error
 * envelope (`431-REQUEST_HEADER_FIELDS_TOO_LARGE`), the security headers every answer carries, a
 * new correlation id and `Connection: close`, instead of Node's bare status line; the line is
 * logged at warn. The connection is then closed once the client has finished sending (after
 * {@link DRAIN_MS} ms at most), so the answer is not lost to a reset. Other parser faults get Node's own
 * answers, as before.
 */
export function answerClientErrors(server: EventEmitter, options: { log: Logger; headers: [string, string][] }): void {
  const answered = new WeakSet<Duplex>();
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // Node's parser reports again for every later chunk of the same refused request.
    if (answered.has(socket)) return;
    answered.add(socket);
    // As Node does: no answer of our own into the middle of an answer already on its way out.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent: boolean } | null })._httpMessage;
    const mayAnswer = socket.writable && !inFlight?.headersSent && error.code !== 'ECONNRESET';
    if (error.code !== 'HPE_HEADER_OVERFLOW') {
      if (mayAnswer) socket.write(nodeAnswers[error.code ?? ''] ?? badRequest);
      socket.destroy(error);
      return;
    }
    const correlationId = randomUUID();
    const { envelope, items } = toEnvelope([
      {
        status: 431,
        errorCode: '431-REQUEST_HEADER_FIELDS_TOO_LARGE',
        message: `The request's URL and headers together are over ${Math.floor(http.maxHeaderSize / 1024)} KiB; send a shorter URL or smaller headers.`,
      },
    ]);
    options.log.warn({ correlationId, errors: items }, 'request refused before it was read');
    if (!mayAnswer) {
      socket.destroy();
      return;
    }
    const body = JSON.stringify(envelope);
    const head = [
      'HTTP/1.1 431 Request Header Fields Too Large',
      'Content-Type: application/json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
      'Cache-Control: no-store',
      `${headerNames.correlationId}: ${correlationId}`,
      ...options.headers.map(([name, value]) => `${name}: ${value}`),
    ];
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
    // Read and drop the rest of what the client sends, then close once it has finished or stalled.
    socket.resume();
    const cut = setTimeout(() => socket.destroy(), DRAIN_MS);
    cut.unref();
    socket.once('close', () => clearTimeout(cut));
  });
}
