import { type Permission, SCREEN_PATH, SCREENS, type Screen } from '@onpatrol/contracts';

// The screens and their paths are shared with the gateway, which serves index.html at exactly those.
export { SCREEN_PATH, SCREENS, type Screen };

/** What a user needs to open each screen. */
export const SCREEN_PERMISSION: Record<Screen, Permission> = {
  map: 'registry:read',
  alarms: 'alarms:handle',
  dispatch: 'dispatch:send',
  stats: 'stats:read',
  audit: 'audit:read',
  unit: 'unit:act',
};

/** The screen a path shows; unknown paths show the map. */
export function screenOf(path: string): Screen {
  const clean = path.replace(/\/+$/, '') || '/';
  return SCREENS.find((s) => SCREEN_PATH[s] === clean) ?? 'map';
}

/** The screens a user may open, in navigation order. */
export function allowedScreens(permissions: readonly string[]): Screen[] {
  return SCREENS.filter((s) => permissions.includes(SCREEN_PERMISSION[s]));
}

/**
 * Where a user lands after sign-in: a street unit's terminal goes to its order page (it has no
 * command-centre work); everyone else stays where the address points, if allowed.
 */
export function landingScreen(current: Screen, permissions: readonly string[]): Screen {
  const allowed = allowedScreens(permissions);
  if (permissions.includes('unit:act') && !permissions.includes('ops:read')) {
    return current === 'map' || !allowed.includes(current) ? 'unit' : current;
  }
  return allowed.includes(current) ? current : 'map';
}
