/** The screens of the web app, each at its own path; the gateway serves index.html at exactly these. */
export const SCREENS = ['map', 'alarms', 'dispatch', 'stats', 'audit', 'unit'] as const;
export type Screen = (typeof SCREENS)[number];

/** Where each screen lives in the address bar. */
export const SCREEN_PATH: Record<Screen, string> = {
  map: '/',
  alarms: '/alarms',
  dispatch: '/dispatch',
  stats: '/stats',
  audit: '/audit',
  unit: '/unit',
};
