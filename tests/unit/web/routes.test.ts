import { describe, expect, it } from 'vitest';
import { hashFor, isRouteHash, routeFromHash } from '../../../web/src/routing/routes';

describe('routes from the address', () => {
  it('reads the home page from an empty or bare hash', () => {
    for (const hash of ['', '#', '#/']) expect(routeFromHash(hash)).toEqual({ page: 'home' });
  });

  it('reads a job page, with or without a trailing slash, decoding the id', () => {
    expect(routeFromHash('#/jobs/2f1c9a7e-0b1d-4c55-9f0a-3b6f1c2d4e5f')).toEqual({ page: 'job', jobId: '2f1c9a7e-0b1d-4c55-9f0a-3b6f1c2d4e5f' });
    expect(routeFromHash('#/jobs/abc/')).toEqual({ page: 'job', jobId: 'abc' });
    expect(routeFromHash('#/jobs/a%20b')).toEqual({ page: 'job', jobId: 'a b' });
  });

  it('answers "not found" for anything else, a malformed escape included', () => {
    for (const hash of ['#/jobs', '#/jobs/', '#/jobs/a/notes', '#/settings', '#/jobs/%E0%A4%A']) {
      expect(routeFromHash(hash)).toMatchObject({ page: 'not-found' });
    }
  });

  it('writes the hash it reads back, so a job link can be shared', () => {
    const route = { page: 'job', jobId: 'id with/slash' } as const;
    expect(routeFromHash(hashFor(route))).toEqual(route);
    expect(hashFor({ page: 'home' })).toBe('#/');
  });

  it('leaves in-page anchors to the page', () => {
    expect(isRouteHash('#light-reactions')).toBe(false);
    expect(isRouteHash('#/jobs/abc')).toBe(true);
    expect(isRouteHash('')).toBe(true);
  });
});
