/* The security headers the web's origin sends on every answer, page and API alike: CloudFront's
   response-headers policy (constructs/web-hosting.ts) in AWS, the local API server on one machine.
   One list, so the local runtime shows what a deployment would refuse. */

/**
 * The page's own policy (web/index.html), narrowed to the origins it talks to: the jobs bucket
 * (upload forms, and the recording its player streams from a presigned GET) and any other API.
 */
export function contentSecurityPolicy(storageOrigins: readonly string[], otherConnectSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    // A recording is played back from a blob: URL before it is uploaded, and from the bucket on the notes page.
    `media-src ${["'self'", 'blob:', ...storageOrigins].join(' ')}`,
    "font-src 'self'",
    `connect-src ${["'self'", ...storageOrigins, ...otherConnectSources].join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const REFERRER_POLICY = 'strict-origin-when-cross-origin';

/** The headers as the local server sends them (HSTS aside: it speaks plain HTTP on 127.0.0.1). */
export const securityHeaders = (storageOrigins: readonly string[]): Record<string, string> => ({
  'content-security-policy': contentSecurityPolicy(storageOrigins),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': REFERRER_POLICY,
});
