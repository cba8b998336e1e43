import { useEffect, useState } from 'preact/hooks';
import { isRouteHash, routeFromHash, type Route } from './routes';

/** The page named by the hash; anchors that are not routes ("#section") leave it as it is. */
export function useRoute(): Route {
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
