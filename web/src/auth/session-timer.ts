import { useEffect } from 'preact/hooks';
import { EXPIRY_MARGIN_MS, type Session } from './session';

/** What the user reads when a session ends under them: by the clock here, or when the API refuses the token. */
export const SESSION_ENDED_NOTICE = 'Your session has ended. Sign in again to carry on where you were.';

/**
 * A token is never sent after it expires: the session ends on time, and the page stays where it is for after the next sign-in.
 * The timer restarts only when the session changes, so `onEnded` is the one given with that session.
 */
export function useSessionTimer(session: Session | undefined, onEnded: () => void): void {
  useEffect(() => {
    if (!session) return;
    const timer = window.setTimeout(onEnded, session.expiresAtMs - EXPIRY_MARGIN_MS - Date.now());
    return () => window.clearTimeout(timer);
  }, [session]);
}
