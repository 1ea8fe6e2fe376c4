import '../ui/ops.css';
import '../ui/rows.css';
import '../features/dispatch/dispatch.css';
import { lazy, Suspense, useEffect } from 'react';
import { AlarmQueue } from '../features/alarms/AlarmQueue';
import { useAuth } from '../features/auth/authStore';
import { DispatchBoard } from '../features/dispatch/DispatchBoard';
import { useView } from '../features/wall/grid/viewStore';
import { navigate, useRoute } from './routing/route';
import { SCREEN_PERMISSION } from './routing/screens';

// Statistics are a look-back screen: their chunk loads when first opened.
const AuditPage = lazy(() => import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const StatsPage = lazy(() => import('../features/stats/StatsPage').then((m) => ({ default: m.StatsPage })));

/**
 * The command screen's operational screens. Alarms and dispatch dock at the left of the workspace
 * (the map and the wall stay beside them: an alarm flies the map and fills the wall); statistics
 * take the workspace's place (it stays mounted underneath, hidden, see ops.css).
 */
export function OpsScreens() {
  const screen = useRoute((s) => s.screen);
  const allowed = useAuth((s) => s.me?.permissions.includes(SCREEN_PERMISSION[screen]) ?? false);
  // The wall's view switch arranges the workspace, which statistics cover: choosing a view (or a
  // camera going on the wall) brings the workspace back.
  useEffect(
    () =>
      useView.subscribe((s, prev) => {
        if (s.view !== prev.view && ['stats', 'audit'].includes(useRoute.getState().screen)) navigate('map');
      }),
    [],
  );
  if (!allowed) return null;
  if (screen === 'alarms' || screen === 'dispatch') {
    return (
      <aside className={`ops-dock dock-${screen}`} data-testid="ops-dock" data-screen={screen}>
        {screen === 'alarms' ? <AlarmQueue /> : <DispatchBoard />}
      </aside>
    );
  }
  if (screen === 'audit') {
    return (
      <Suspense fallback={<div className="stats-page" />}>
        <AuditPage />
      </Suspense>
    );
  }
  if (screen === 'stats') {
    return (
      <Suspense fallback={<div className="stats-page" />}>
        <StatsPage />
      </Suspense>
    );
  }
  return null;
}
