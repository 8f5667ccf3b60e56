import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApiClient, errorFromResponse, MobprocError, worthRetrying } from './api-client.ts';

const answer = (status: number, body: unknown) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('errorFromResponse', () => {
  it("reads this server's envelope with every problem and its field", async () => {
    const error = await errorFromResponse(
      answer(400, {
        status: 'ERROR',
        errors: [
          { status: 400, id: 'a1', errorCode: '400-MISSING_FIELD', message: 'A region is required.', field: 'orderRequest.regionId' },
          { status: 400, id: 'a2', errorCode: '400-INVALID_FIELD', message: 'Not a ZIP code.', field: 'orderRequest.postalCode' },
        ],
      }),
    );
    expect(error.kind).toBe('api');
    expect(error.problems).toHaveLength(2);
    expect(error.fieldProblems.get('orderRequest.postalCode')).toBe('Not a ZIP code.');
  });

  it('reads the bare error item other MOBPROC servers send', async () => {
    const error = await errorFromResponse(answer(404, { status: 404, id: 'x', errorCode: '404-NOT_FOUND', message: 'No such order.' }));
    expect(error.kind).toBe('api');
    expect(error.message).toBe('No such order.');
  });

  it('reads an OAuth error', async () => {
    const error = await errorFromResponse(answer(400, { error: 'invalid_grant', error_description: 'Wrong username or password.' }));
    expect(error.kind).toBe('oauth');
    expect(error.message).toBe('Wrong username or password.');
  });

  it('says what happened when the body is not JSON at all', async () => {
    const error = await errorFromResponse(answer(502, '<html>Bad gateway</html>'));
    expect(error.kind).toBe('unexpected');
    expect(error.message).toContain('502');
  });

  it('keeps the order of an envelope\'s problems', async () => {
    const error = await errorFromResponse(
      answer(400, {
        status: 'ERROR',
        errors: [
          { status: 400, id: 'b1', errorCode: '400-MISSING_FIELD', message: 'First problem.' },
          { status: 400, id: 'b2', errorCode: '400-INVALID_FIELD', message: 'Second problem.', field: 'orderRequest.regionId' },
        ],
      }),
    );
    expect(error.problems.map((problem) => problem.message)).toEqual(['First problem.', 'Second problem.']);
    expect(error.message).toBe('First problem. Second problem.');
  });

  it('reads a body with only a message', async () => {
    const error = await errorFromResponse(answer(400, { message: 'The plan is not sold in this region.' }));
    expect(error.kind).toBe('api');
    expect(error.message).toBe('The plan is not sold in this region.');
  });

  it('reads a bare array of error items, in order, including ones without an errorCode', async () => {
    const error = await errorFromResponse(
      answer(422, [
        { status: 422, id: 'c1', errorCode: '422-INVALID', message: 'The device is out of stock.', field: 'orderRequest.shoppingCart.deviceId' },
        { message: 'The accessory is discontinued.' },
      ]),
    );
    expect(error.kind).toBe('api');
    expect(error.problems.map((problem) => problem.message)).toEqual(['The device is out of stock.', 'The accessory is discontinued.']);
    expect(error.fieldProblems.get('orderRequest.shoppingCart.deviceId')).toBe('The device is out of stock.');
  });

  it('reads RFC 9457 problem details by their detail, or their title without one', async () => {
    const detailed = await errorFromResponse(
      answer(422, { type: 'https://errors.example.test/limit', title: 'Limit reached', status: 422, detail: 'This employee already has two lines.' }),
    );
    expect(detailed.message).toBe('This employee already has two lines.');
    const titled = await errorFromResponse(answer(400, { title: 'Bad request' }));
    expect(titled.message).toBe('Bad request');
  });

  it('reads a short plain-text body', async () => {
    const error = await errorFromResponse(new Response('Orders are closed for maintenance.', { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } }));
    expect(error.kind).toBe('api');
    expect(error.message).toBe('Orders are closed for maintenance.');
  });
});

describe('worthRetrying', () => {
  const failure = (status: number, kind: MobprocError['kind']) => new MobprocError(status, [{ status, id: '', errorCode: `${status}`, message: 'x' }], kind);

  it('does not ask again when a 2xx answer did not match the contract: it would not change', () => {
    expect(worthRetrying(0, failure(200, 'unexpected'))).toBe(false);
  });

  it('does not ask again after a 4xx, asks again after a 5xx or no answer, at most twice', () => {
    expect(worthRetrying(0, failure(404, 'api'))).toBe(false);
    expect(worthRetrying(0, failure(503, 'unexpected'))).toBe(true);
    expect(worthRetrying(1, failure(0, 'network'))).toBe(true);
    expect(worthRetrying(2, failure(0, 'network'))).toBe(false);
  });
});

describe('a schema that is still loading', () => {
  const connection = { baseUrl: 'http://server.test', tokenUrl: 'http://server.test/oauth/token', clientId: 'web', tenant: 'ACME' };
  const clientAnswering = (response: () => Response, asked: string[]) =>
    createApiClient({
      getConnection: () => connection,
      fetch: async (input) => {
        asked.push(String(input));
        return response();
      },
    });

  it('is asked for beside the request and read once the answer is in', async () => {
    const asked: string[] = [];
    let settle: (schema: z.ZodType<{ echoText: string }>) => void = () => undefined;
    const schema = new Promise<z.ZodType<{ echoText: string }>>((resolve) => {
      settle = resolve;
    });
    const reply = clientAnswering(() => answer(200, { echoText: 'hi' }), asked).get('/ping', { schema });
    // The request left before the schema arrived.
    await expect.poll(() => asked).toEqual(['http://server.test/mobproc/v1/ping']);
    settle(z.object({ echoText: z.string() }));
    await expect(reply).resolves.toEqual({ echoText: 'hi' });
  });

  it('still refuses an answer of another shape', async () => {
    const reply = clientAnswering(() => answer(200, { other: 1 }), []).get('/ping', { schema: Promise.resolve(z.object({ echoText: z.string() })) });
    await expect(reply).rejects.toMatchObject({ kind: 'unexpected', status: 200 });
  });

  it('that fails to load does not hide the error answer', async () => {
    const reply = clientAnswering(() => answer(404, { status: 404, id: 'x', errorCode: '404-NOT_FOUND', message: 'No such order.' }), []).get('/orders/1', {
      schema: Promise.reject<z.ZodType>(new Error('chunk failed')),
    });
    await expect(reply).rejects.toMatchObject({ kind: 'api', message: 'No such order.' });
  });
});
