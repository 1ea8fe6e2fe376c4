import type { OnPatrolHooks } from '../features/map/instrumentation';
import type { OpsHooks } from '../features/ops-feed/opsHooks';
import type { WallHooks } from '../features/wall/instrumentation';

/**
 * window.__onpatrol, the hooks browser tests and benchmarks use. Each feature installs its part
 * while mounted: the map its fields (wait for `__onpatrol.map`), the wall `__onpatrol.wall`,
 * the operational feed `__onpatrol.ops`.
 */
declare global {
  interface Window {
    __onpatrol?: Partial<OnPatrolHooks> & { wall?: WallHooks; ops?: OpsHooks };
  }
}
