import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, createApiClient } from '../../../shared/contracts/api-client';
import { describeIssues } from '../../../shared/contracts/schema-issues';

type Answer = { status: number; body: string } | 'unreachable';

/** Stands in for `fetch`, answering each call in turn and keeping what was asked. */
function stubFetch(...answers: Answer[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const answer = answers.shift() ?? { status: 500, body: '' };
    if (answer === 'unreachable') throw new TypeError('fetch failed');
    return new Response(answer.body, { status: answer.status });
  });
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

const rejectionOf = (promise: Promise<unknown>) => promise.then(() => expect.unreachable(), (error: unknown) => error as ApiError);

describe('the API client', () => {
  it('keeps a stage path in the base URL, sends the current token and encodes the job id', async () => {
    const calls = stubFetch({ status: 200, body: '# Notes' });
    let token = 'first';
    const api = createApiClient({ baseUrl: 'https://api.example/prod/', idToken: () => token });
    token = 'second';

    await api.getNotesMarkdown('a/b');

    expect(calls[0]?.url).toBe('https://api.example/prod/jobs/a%2Fb/notes');
    expect(calls[0]?.init.headers).toMatchObject({ accept: 'text/markdown', authorization: 'Bearer second' });
  });

  it('reads the transcript at its own path, checked against its contract', async () => {
    const transcript = { jobId: 'j-1', source: 'captions', durationSeconds: 12, segments: [{ start: 0, end: 4, text: 'Hello.' }] };
    const calls = stubFetch({ status: 200, body: JSON.stringify(transcript) }, { status: 200, body: JSON.stringify({ ...transcript, segments: 'Hello.' }) });
    const api = createApiClient({ baseUrl: '' });

    await expect(api.getTranscript('j-1')).resolves.toEqual(transcript);
    expect(calls[0]?.url).toBe('/jobs/j-1/transcript');
    await expect(rejectionOf(api.getTranscript('j-1'))).resolves.toMatchObject({ code: 'UnexpectedAnswer' });
  });

  it('fetches an export as bytes, asking for its type first (which API Gateway needs to send Word as bytes), named as the server names it', async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff]);
    const calls: { url: string; init: RequestInit }[] = [];
    const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(bytes, {
        status: 200,
        headers: { 'content-type': docx, 'content-disposition': "attachment; filename=\"El agua.notes.docx\"; filename*=UTF-8''%C3%89l%20agua.notes.docx" },
      });
    });

    const file = await createApiClient({ baseUrl: 'https://api.example', idToken: () => 't' }).getNotesExport('j-1', 'docx');

    expect(calls[0]?.url).toBe('https://api.example/jobs/j-1/notes?format=docx');
    expect(calls[0]?.init.headers).toMatchObject({ accept: `${docx}, application/json;q=0.5` });
    expect(file).toEqual({ bytes, contentType: docx, fileName: 'Él agua.notes.docx' });
  });

  it('asks for the recording at its own path, checked against its contract', async () => {
    const link = { url: 'https://bucket.example/uploads/j-1/week-3.wav?X-Amz-Signature=abc', expiresAt: '2030-05-04T09:15:00.000Z' };
    const calls = stubFetch({ status: 200, body: JSON.stringify(link) }, { status: 200, body: JSON.stringify({ ...link, url: 'not a url' }) });
    const api = createApiClient({ baseUrl: '' });

    await expect(api.getRecording('j-1')).resolves.toEqual(link);
    expect(calls[0]?.url).toBe('/jobs/j-1/recording');
    await expect(rejectionOf(api.getRecording('j-1'))).resolves.toMatchObject({ code: 'UnexpectedAnswer' });
  });

  it("answers the API's own error, and reports an ended session only when a token was sent", async () => {
    const unauthorized = { status: 401, body: JSON.stringify({ error: 'Unauthorized', message: 'Sign in again.' }) };
    stubFetch(unauthorized, unauthorized);
    const onUnauthorized = vi.fn();

    const refused = await rejectionOf(createApiClient({ baseUrl: '', idToken: () => 'expired', onUnauthorized }).getJob('j'));
    await rejectionOf(createApiClient({ baseUrl: '', idToken: () => undefined, onUnauthorized }).getJob('j'));

    expect(refused).toMatchObject({ status: 401, code: 'Unauthorized', message: 'Sign in again.' });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('says so when no answer came, when the answer is not the API speaking, and when it has the wrong shape', async () => {
    stubFetch('unreachable', { status: 502, body: '<html>Bad gateway</html>' }, { status: 200, body: '{"jobs": "none"}' });
    const api = createApiClient({ baseUrl: 'https://api.example' });

    expect(await rejectionOf(api.retryJob('j'))).toMatchObject({ status: 0, code: 'NetworkError', message: expect.stringContaining('cannot be reached') });
    expect(await rejectionOf(api.deleteJob('j'))).toMatchObject({ status: 502, code: 'HttpError', message: expect.stringContaining('DELETE /jobs/j with HTTP 502') });
    expect(await rejectionOf(api.listJobs())).toMatchObject({ code: 'UnexpectedAnswer', message: expect.stringContaining('jobs: ') });
  });
});

describe('describeIssues', () => {
  it('names where each problem is, the value itself at the root, and counts what it does not list', () => {
    const schema = z.object({ a: z.string(), b: z.string(), c: z.string(), d: z.string() });

    expect(describeIssues(z.string().safeParse(1).error!, 'the body')).toMatch(/^the body: /);
    expect(describeIssues(schema.safeParse({}).error!, 'the body')).toMatch(/^a: .*; b: .*; c: .*; and 1 more$/);
  });
});
