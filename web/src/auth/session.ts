import * as z from 'zod';

/** A signed-in user as the page keeps them: the ID token the API wants and when it stops working. */
const SessionSchema = z.object({
  idToken: z.string().min(1),
  expiresAtMs: z.number(),
  /** How the person is greeted; read from the token's claims. */
  displayName: z.string(),
});
export type Session = z.infer<typeof SessionSchema>;

/** A token this close to its end would expire between the check and the request. */
export const EXPIRY_MARGIN_MS = 30_000;

export const sessionIsUsable = (session: Session | undefined, nowMs: number): session is Session =>
  !!session && session.expiresAtMs - nowMs > EXPIRY_MARGIN_MS;

const ClaimsSchema = z.object({ 'cognito:username': z.string().optional(), email: z.string().optional(), name: z.string().optional() });

/** The name the ID token gives the user; the token is not verified here (the API does that), only read. */
export function displayNameIn(idToken: string): string {
  const payload = idToken.split('.')[1];
  if (!payload) return '';
  try {
    const json = new TextDecoder().decode(Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0)));
    const claims = ClaimsSchema.safeParse(JSON.parse(json));
    return claims.success ? (claims.data.name ?? claims.data.email ?? claims.data['cognito:username'] ?? '') : '';
  } catch {
    return '';
  }
}

export const sessionFor = (idToken: string, expiresInSeconds: number, nowMs: number): Session => ({
  idToken,
  expiresAtMs: nowMs + expiresInSeconds * 1000,
  displayName: displayNameIn(idToken),
});

/**
 * The session in localStorage, so that a shared job link still opens after the browser was closed,
 * for as long as the token lives. An unreadable or expired entry counts as signed out.
 */
export function sessionStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>, key = 'lecture-notes.session') {
  return {
    load(nowMs: number): Session | undefined {
      try {
        const stored = SessionSchema.safeParse(JSON.parse(storage.getItem(key) ?? 'null'));
        return stored.success && sessionIsUsable(stored.data, nowMs) ? stored.data : undefined;
      } catch {
        return undefined;
      }
    },
    save(session: Session) {
      storage.setItem(key, JSON.stringify(session));
    },
    clear() {
      storage.removeItem(key);
    },
  };
}
