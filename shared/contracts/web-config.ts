import * as z from 'zod';

/**
 * `config.json`, served beside the web client: one build serves every stage,
 * and what differs (where the API is, how to sign in) is read at run time.
 */
export const WebConfigSchema = z.object({
  /** Base URL of the REST API; empty when the API is served from the page's own origin. */
  apiUrl: z.string(),
  /** The largest upload the API accepts, so the page can refuse a file before sending anything. */
  maxUploadBytes: z.number().int().positive(),
  auth: z.discriminatedUnion('mode', [
    /** The local runtime's sign-in: POST /local/sign-in, no password. */
    z.object({ mode: z.literal('local') }),
    /** Cognito's hosted sign-in, authorization code flow with PKCE. */
    z.object({
      mode: z.literal('cognito'),
      region: z.string(),
      userPoolId: z.string(),
      clientId: z.string(),
      /** The hosted UI's origin, e.g. https://lecture-notes-dev.auth.eu-west-1.amazoncognito.com */
      domain: z.string().url(),
    }),
  ]),
});
export type WebConfig = z.infer<typeof WebConfigSchema>;
