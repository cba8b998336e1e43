import { describe, expect, it } from 'vitest';
import { HttpError, emptyResponse, httpHandler, jsonResponse, negotiate, textResponse } from '../../../lambdas/runtime/http';
import { apiEvent } from '../../fixtures/api-gateway-event';

describe('API answers', () => {
  it('are never cached and never sniffed as another type, errors and failures included', async () => {
    const refused = await httpHandler('GET /x', async () => {
      throw new HttpError(409, 'Conflict', 'no');
    })(apiEvent());
    const failed = await httpHandler('GET /x', async () => {
      throw new Error('bug');
    })(apiEvent());
    for (const result of [jsonResponse(200, {}), textResponse(200, 'text/markdown', '# x'), emptyResponse(204), refused, failed]) {
      expect(result.headers).toMatchObject({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    }
  });
});

describe('content negotiation', () => {
  const offered = ['application/json', 'text/markdown'] as const;

  it('gives the first offered type when the client states no preference', () => {
    expect(negotiate(undefined, offered)).toBe('application/json');
    expect(negotiate('  ', offered)).toBe('application/json');
  });

  it('rates each type by its most specific range, so q=0 on a type refuses it even under */*', () => {
    expect(negotiate('*/*, text/markdown;q=0', ['text/markdown', 'application/json'])).toBe('application/json');
    expect(negotiate('text/*;q=0.1, text/markdown;q=0.8, application/json;q=0.5', offered)).toBe('text/markdown');
    expect(negotiate('TEXT/Markdown', offered)).toBe('text/markdown');
  });

  it('finds nothing acceptable when every match has q=0 or nothing matches', () => {
    expect(negotiate('text/markdown;q=0', offered)).toBeUndefined();
    expect(negotiate('image/png', offered)).toBeUndefined();
    expect(negotiate('*/*;q=0', offered)).toBeUndefined();
  });

  it('ignores ranges it cannot read rather than guessing', () => {
    expect(negotiate('text/markdown;q=2, application/json', offered)).toBe('application/json');
    expect(negotiate('garbage, text/markdown', offered)).toBe('text/markdown');
  });
});
