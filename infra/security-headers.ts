/* The security headers the web's origin sends on every answer, page and API alike: CloudFront's
   response-headers policy (constructs/web-hosting.ts) in AWS, the local API server on one machine.
   One list, so the local runtime shows what a deployment would refuse. */

/** The page's own policy (web/index.html), with connect-src narrowed to the origins it talks to. */
export function contentSecurityPolicy(connectSources: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    // A recording is played back from a blob: URL before it is uploaded.
    "media-src 'self' blob:",
    "font-src 'self'",
    `connect-src ${["'self'", ...connectSources].join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const REFERRER_POLICY = 'strict-origin-when-cross-origin';

/** The headers as the local server sends them (HSTS aside: it speaks plain HTTP on 127.0.0.1). */
export const securityHeaders = (connectSources: readonly string[]): Record<string, string> => ({
  'content-security-policy': contentSecurityPolicy(connectSources),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': REFERRER_POLICY,
});
