// The base first: the bundle orders stylesheets as their modules load, so every feature's comes after it and wins ties, as in one file.
import './base.css';
import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { WebConfig } from '../../shared/contracts/web-config';
import { createApiClient, type ApiClient } from '../../shared/contracts/api-client';
import { messageOf } from './ui/error-message';
import { loadWebConfig } from './api/web-config';
import { logoutUrl, redirectUriOf } from './auth/cognito-hosted-ui';
import { finishCognitoRedirect } from './auth/cognito-redirect';
import { sessionStore, type Session } from './auth/session';
import { SESSION_ENDED_NOTICE, useSessionTimer } from './auth/session-timer';
import { SignInPage } from './auth/sign-in-page';
import { HomePage } from './home/home-page';
import { JobPage } from './jobs/job-page';
import type { Route } from './routing/routes';
import { useRoute } from './routing/use-route';
import { Notice } from './ui/notice';
import './app-shell.css';

/* The entry and the app shell: the header, the session (sign-in, its timer, sign-out) and which page
   the address names. Each page, and the Cognito redirect, lives in its own feature folder. */

const sessions = sessionStore(window.localStorage);

function SignedIn({ api, config, route }: { api: ApiClient; config: WebConfig; route: Route }) {
  if (route.page === 'home') return <HomePage api={api} config={config} />;
  if (route.page === 'job') return <JobPage key={route.jobId} api={api} jobId={route.jobId} />;
  return (
    <div class="page">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <a href="#/">Go to your lectures</a>.
      </p>
    </div>
  );
}

function App() {
  const [config, setConfig] = useState<WebConfig>();
  const [bootError, setBootError] = useState<string>();
  const [session, setSession] = useState(() => sessions.load(Date.now()));
  const [notice, setNotice] = useState<string>();
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const sessionRef = useRef(session);
  sessionRef.current = session;

  const endSession = (message: string | undefined) => {
    sessions.clear();
    setSession(undefined);
    setNotice(message);
  };
  const signIn = (signedIn: Session) => {
    sessions.save(signedIn);
    setNotice(undefined);
    setSession(signedIn);
  };

  useEffect(() => {
    loadWebConfig()
      .then(async (loaded) => {
        try {
          const returned = await finishCognitoRedirect(loaded);
          if (returned) signIn(returned);
        } catch (error) {
          setNotice(messageOf(error));
        }
        setConfig(loaded);
      })
      .catch((error: unknown) => setBootError(messageOf(error)));
  }, []);

  useSessionTimer(session, () => endSession(SESSION_ENDED_NOTICE));

  const api = useMemo(
    () =>
      config &&
      createApiClient({
        baseUrl: config.apiUrl,
        idToken: () => sessionRef.current?.idToken,
        onUnauthorized: () => endSession(SESSION_ENDED_NOTICE),
      }),
    [config],
  );

  // A new page moves keyboard and screen reader focus to its content, as a page load would.
  const firstRoute = useRef(true);
  useEffect(() => {
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    window.scrollTo(0, 0);
    main.current?.focus({ preventScroll: true });
  }, [route]);

  const signOut = () => {
    endSession(undefined);
    if (config?.auth.mode === 'cognito') window.location.assign(logoutUrl(config.auth, redirectUriOf(window.location)));
  };

  let content;
  if (bootError) content = <Notice tone="error">{bootError}</Notice>;
  else if (!config || !api) content = <p class="loading" role="status">Loading…</p>;
  else if (!session) content = <SignInPage config={config} notice={notice} onSignedIn={signIn} />;
  else content = <SignedIn api={api} config={config} route={route} />;

  return (
    <>
      <a
        class="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          main.current?.focus();
        }}
      >
        Skip to content
      </a>
      <header class="app-header">
        <div class="app-header-inner">
          <a class="brand" href="#/">
            <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
              <rect x="4" y="3" width="24" height="26" rx="4" />
              <path d="M10 11h12M10 16h12M10 21h7" />
            </svg>
            Lecture Notes
          </a>
          {session && (
            <div class="account">
              {session.displayName && <span class="account-name">{session.displayName}</span>}
              <button type="button" class="button button-quiet" onClick={signOut}>
                Sign out
              </button>
            </div>
          )}
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {content}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
