import type { IForbiddenRuleType } from 'dependency-cruiser';

/**
 * The source trees whose structure is checked (tests, builds and fixtures are no part of it).
 * Paths are relative to the workspace root.
 */
export const SOURCES = [
  'apps/web/src',
  'apps/gateway/src',
  'apps/simulator/src',
  'apps/e2e/src',
  'packages/contracts/src',
  'packages/district/src',
  'packages/env/src',
] as const;

const WEB = '^apps/web/src/';

/**
 * Rules that keep a tree in floors: a file of floor i (paths under `base`, as regex alternatives)
 * may import its own floor or those listed after it, never one listed before.
 */
export function floors(name: string, base: string, layers: readonly string[]): IForbiddenRuleType[] {
  return layers.slice(1).map((layer, i) => ({
    name: `${name}-floor-${i + 2}`,
    severity: 'error',
    comment: `${name}: ${layer} sits below ${layers.slice(0, i + 1).join(', ')} and may not import it`,
    from: { path: `${base}(${layer})` },
    to: { path: `${base}(${layers.slice(0, i + 1).join('|')})` },
  }));
}

/** The web app's floors, top first (see the README's Architecture section). */
export const WEB_FLOORS = [
  'app/(?!routing/)|App\\.tsx|main\\.tsx',
  'features/(unit|dispatch|alarms|camera-panel|realtime)/',
  'features/wall/',
  'features/(map|search|layers|report|stats|audit|transfer)/',
  'features/(registry|ops-feed|auth)/',
  'app/routing/',
  '(ui|lib|api|i18n)/',
] as const;

/** The video wall's own floors: the screen, tours, saved layouts, the grid, then playback and the patrol log. */
export const WALL_FLOORS = ['[^/]+$', 'tour/', 'saved/', 'grid/', '(live|patrol)/'] as const;

/**
 * What no import may do, in dependency-cruiser's rule format (`from` and `to` match paths from the
 * workspace root; `to.circular` matches an import that closes a loop). Add a rule here to forbid a
 * new kind of dependency; its `comment` is what a failing test prints.
 */
export const RULES: IForbiddenRuleType[] = [
  {
    name: 'no-circular',
    severity: 'error',
    comment:
      'Files that import each other cannot be understood, tested or moved one at a time: ' +
      'move the shared part down into a module both can import.',
    from: {},
    to: { circular: true },
  },
  {
    name: 'web-api-imports-no-feature',
    severity: 'error',
    comment: 'The REST client is the floor of the web app: its shapes come from @onpatrol/contracts.',
    from: { path: `${WEB}api/` },
    to: { path: `${WEB}(?!api/)` },
  },
  ...floors('web', WEB, WEB_FLOORS),
  ...floors('web-wall', `${WEB}features/wall/`, WALL_FLOORS),
];
