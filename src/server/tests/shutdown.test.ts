/**
 * Shutting down with keep-alive connections open: once `close()` has stopped accepting connections,
 * a request that arrives over a connection opened before gets a clear answer — 503 with the error
 * envelope and `Connection: close` — instead of a closed or reset socket, and nothing of it runs.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { errorEnvelope } from '../../contract/index.ts';
import { loadConfig } from '../config.ts';
import { startServer, type RunningServer } from '../server.ts';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

async function start(): Promise<RunningServer> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mobproc-shutdown-'));
  folders.push(folder);
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `file:${path.join(folder, 'test.db')}`, LOG_LEVEL: 'silent', MOBPROC_STATIC_DIR: path.resolve('dist') });
  return await startServer(config, { shutdownGraceMs: 1000 });
}

/** One kept-alive connection driven by hand: each request written whole, its answer read up to the end of its body. */
function connection(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  let ended: string | undefined;
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => (received += chunk));
  socket.on('end', () => (ended ??= 'end'));
  socket.on('error', (error: NodeJS.ErrnoException) => (ended = error.code ?? error.message));
  const answer = async (): Promise<{ head: string; body: string }> => {
    for (let waited = 0; waited < 5000; waited += 5) {
      const split = received.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: (\d+)/i.exec(received.slice(0, split))?.[1];
      if (split >= 0 && length !== undefined && received.length >= split + 4 + Number(length)) {
        const answered = { head: received.slice(0, split), body: received.slice(split + 4, split + 4 + Number(length)) };
        received = received.slice(split + 4 + Number(length));
        return answered;
      }
      if (ended) throw new Error(`connection ended (${ended}) before an answer; received ${JSON.stringify(received)}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`no answer; received ${JSON.stringify(received)}`);
  };
  return {
    get: async (target: string) => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n`);
      return await answer();
    },
    closed: async () => {
      for (let waited = 0; waited < 5000 && !ended; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
      return ended;
    },
    destroy: () => socket.destroy(),
  };
}

async function refusesNewConnections(port: number): Promise<boolean> {
  return await new Promise((resolve) => {
    const probe = net.connect(port, '127.0.0.1');
    probe.once('connect', () => (probe.destroy(), resolve(false)));
    probe.once('error', () => resolve(true));
  });
}

describe('shutdown', () => {
  it('answers a request on a kept-alive connection during the drain with 503 and Connection: close, then closes it', async () => {
    const running = await start();
    const kept = connection(running.port);
    try {
      expect((await kept.get('/mobproc/v1/ping?echoText=before')).head).toMatch(/^HTTP\/1\.1 200 /);
      const closing = running.close();
      // Once no new connection is accepted, the drain has begun.
      for (let waited = 0; !(await refusesNewConnections(running.port)); waited += 10) {
        expect(waited).toBeLessThan(5000);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const during = await kept.get('/mobproc/v1/ping?echoText=during');
      expect(during.head).toMatch(/^HTTP\/1\.1 503 /);
      expect(during.head).toMatch(/\r\nconnection: close\r\n/i);
      expect(during.head).toMatch(/\r\nretry-after: 1\r\n/i);
      expect(during.head).toMatch(/\r\nx-content-type-options: nosniff\r\n/i);
      const envelope = errorEnvelope.parse(JSON.parse(during.body));
      expect(envelope.errors.map((error) => error.errorCode)).toEqual(['503-SERVICE_UNAVAILABLE']);
      // The server closes the connection after that answer, and then finishes shutting down.
      expect(await kept.closed()).toBe('end');
      await closing;
    } finally {
      kept.destroy();
    }
  });
});
