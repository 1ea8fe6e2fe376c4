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
  {
    name: 'web-shared-widgets-know-no-feature',
    severity: 'error',
    comment: 'ui/ and lib/ serve every feature, so they may not import one (or the app shell).',
    from: { path: `${WEB}(ui|lib)/` },
    to: { path: `${WEB}(features|app)/` },
  },
  {
    name: 'web-features-below-the-shell',
    severity: 'error',
    comment:
      'Features are composed by the shell (app/, App.tsx); they may use its routing, nothing else of it.',
    from: { path: `${WEB}(features|ui|lib|api|i18n)/` },
    to: { path: `${WEB}(app/(?!routing/)|App\\.tsx|main\\.tsx)` },
  },
  {
    name: 'web-routing-knows-no-screen',
    severity: 'error',
    comment: 'Routing maps paths and permissions to screen names; the shell maps names to screens.',
    from: { path: `${WEB}app/routing/` },
    to: { path: `${WEB}(features|app/(?!routing/))` },
  },
];
