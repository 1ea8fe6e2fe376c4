import { create } from 'zustand';
import { SCREEN_PATH, type Screen, screenOf } from './screens';

interface RouteState {
  screen: Screen;
}

const here = (): Screen => (typeof location === 'undefined' ? 'map' : screenOf(location.pathname));

/** The current screen, from the address bar (history.pushState routing, no router dependency). */
export const useRoute = create<RouteState>()(() => ({ screen: here() }));

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => useRoute.setState({ screen: here() }));
}

/** Show a screen and put it in the address bar (replace: without a new history entry). */
export function navigate(screen: Screen, replace = false): void {
  if (useRoute.getState().screen === screen && location.pathname === SCREEN_PATH[screen]) return;
  const url = SCREEN_PATH[screen] + location.search;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  useRoute.setState({ screen });
}
