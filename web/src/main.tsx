import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { WebConfig } from '../../shared/contracts/web-config';
import { createApiClient, type ApiClient } from '../../shared/contracts/api-client';
import { messageOf } from './ui/error-message';
import { loadWebConfig } from './api/web-config';
import { logoutUrl, readAuthorizationCallback, redirectUriOf } from './auth/cognito-hosted-ui';
import { completeCognitoSignIn } from './auth/cognito-sign-in';
import { EXPIRY_MARGIN_MS, sessionStore, type Session } from './auth/session';
import { SignInPage } from './auth/sign-in-page';
import { JobList } from './jobs/job-list';
import { JobPage } from './jobs/job-page';
import { isRouteHash, routeFromHash, type Route } from './routing/routes';
import { Notice } from './ui/notice';
import { NewLecture } from './upload/new-lecture';
import './styles.css';

const sessions = sessionStore(window.localStorage);

/** The page named by the hash; anchors that are not routes ("#section") leave it as it is. */
function useRoute(): Route {
  const [route, setRoute] = useState(() => routeFromHash(window.location.hash));
  useEffect(() => {
    const follow = () => {
      if (isRouteHash(window.location.hash)) setRoute(routeFromHash(window.location.hash));
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return route;
}

/** After Cognito sends the browser back: trade the code for a session, then put the address back to the page the user was on. */
async function finishCognitoRedirect(config: WebConfig): Promise<Session | undefined> {
  const callback = config.auth.mode === 'cognito' ? readAuthorizationCallback(window.location.search) : undefined;
  if (config.auth.mode !== 'cognito' || !callback) return undefined;
  // The code is single-use: out of the address bar before anything can bookmark or share it.
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.hash}`);
  const { session, returnHash } = await completeCognitoSignIn(config.auth, callback);
  window.history.replaceState(null, '', `${window.location.pathname}${returnHash}`);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
  return session;
}

function HomePage({ api, config }: { api: ApiClient; config: WebConfig }) {
  useEffect(() => {
    document.title = 'Lecture Notes';
  }, []);
  return (
    <div class="page home">
      <div class="hero">
        <h1>Study notes from your lectures</h1>
        <p class="lede">
          Upload a recording or its captions, or record right here. You get a summary, the key terms and notes in sections you can jump to, each
          with its time in the lecture.
        </p>
      </div>
      <div class="home-grid">
        <NewLecture api={api} maxUploadBytes={config.maxUploadBytes} />
        <JobList api={api} />
      </div>
    </div>
  );
}

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

  // A token is never sent after it expires: the session ends on time, and the page stays where it is for after the next sign-in.
  useEffect(() => {
    if (!session) return;
    const timer = window.setTimeout(() => endSession('Your session has ended. Sign in again to carry on where you were.'), session.expiresAtMs - EXPIRY_MARGIN_MS - Date.now());
    return () => window.clearTimeout(timer);
  }, [session]);

  const api = useMemo(
    () =>
      config &&
      createApiClient({
        baseUrl: config.apiUrl,
        idToken: () => sessionRef.current?.idToken,
        onUnauthorized: () => endSession('Your session has ended. Sign in again to carry on where you were.'),
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
