import { useState } from 'preact/hooks';
import type { WebConfig } from '../../../shared/contracts/web-config';
import { messageOf } from '../ui/error-message';
import { Notice } from '../ui/notice';
import { beginCognitoSignIn } from './cognito-sign-in';
import { signInLocally } from './local-sign-in';
import type { Session } from './session';
import './sign-in-page.css';

function LocalSignIn({ apiUrl, onSignedIn }: { apiUrl: string; onSignedIn: (session: Session) => void }) {
  const [username, setUsername] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      onSignedIn(await signInLocally(apiUrl, username.trim(), Date.now()));
    } catch (error) {
      setProblem(messageOf(error));
      setBusy(false);
    }
  };
  return (
    <form class="sign-in-form" onSubmit={submit}>
      <label for="username">Your name</label>
      <input
        id="username"
        name="username"
        autocomplete="username"
        required
        maxLength={64}
        aria-describedby="username-hint"
        value={username}
        onInput={(event) => setUsername(event.currentTarget.value)}
      />
      <p id="username-hint" class="hint">
        Letters, digits, dots, dashes, underscores or @. This local copy has no passwords: your name keeps your lectures apart from others'.
      </p>
      <button type="submit" class="button button-primary" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      {problem && <Notice tone="error">{problem}</Notice>}
    </form>
  );
}

/** Signing in, the way config.json says: a name for the local runtime, Cognito's hosted page in AWS. */
export function SignInPage({ config, notice, onSignedIn }: { config: WebConfig; notice: string | undefined; onSignedIn: (session: Session) => void }) {
  const [problem, setProblem] = useState<string>();
  const auth = config.auth;
  return (
    <div class="page sign-in">
      <section class="card sign-in-card" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to Lecture Notes</h1>
        <p class="lede">Turn recorded lectures and their captions into study notes with sections, key terms and time stamps.</p>
        {notice && <Notice tone="info">{notice}</Notice>}
        {auth.mode === 'local' ? (
          <LocalSignIn apiUrl={config.apiUrl} onSignedIn={onSignedIn} />
        ) : (
          <button
            type="button"
            class="button button-primary button-large"
            onClick={() => beginCognitoSignIn(auth, window.location.hash).catch((error: unknown) => setProblem(messageOf(error)))}
          >
            Sign in
          </button>
        )}
        {problem && <Notice tone="error">{problem}</Notice>}
      </section>
    </div>
  );
}
