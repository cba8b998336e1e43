/* The page lives in the location hash (#/, #/jobs/{jobId}) so that any static host can serve it and a
   job's address can be shared, bookmarked and reloaded. Hashes that do not start with "#/" are
   in-page anchors, which the router leaves alone. */

export type Route = { page: 'home' } | { page: 'job'; jobId: string } | { page: 'not-found'; path: string };

const JOB_PATH = /^\/jobs\/([^/]+)\/?$/;

export const isRouteHash = (hash: string) => hash === '' || hash === '#' || hash.startsWith('#/');

export function routeFromHash(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '' || path === '/') return { page: 'home' };
  const job = JOB_PATH.exec(path);
  if (job) {
    try {
      return { page: 'job', jobId: decodeURIComponent(job[1]!) };
    } catch {
      // A malformed escape is no job id; fall through to "not found".
    }
  }
  return { page: 'not-found', path };
}

export function hashFor(route: Exclude<Route, { page: 'not-found' }>): string {
  return route.page === 'job' ? `#/jobs/${encodeURIComponent(route.jobId)}` : '#/';
}
