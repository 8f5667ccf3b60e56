import { describe, expect, it } from 'vitest';
import { errorFromResponse } from './api-client.ts';

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
});
