import type { SessionUser } from '../auth/service.js';

/** Who sees which operational records: the command centre all, a station its own, a unit its orders. */
export interface OpsScope {
  stationId: string | null;
  unitId: string | null;
  /** Street units see only what concerns their own unit. */
  unitOnly: boolean;
}

/** The operational scope of a signed-in user. */
export function opsScope(user: SessionUser & { unitId?: string | null }): OpsScope {
  return { stationId: user.stationId, unitId: user.unitId ?? null, unitOnly: user.role === 'street_unit' };
}
