import type { RankedUnit, Unit } from '@onpatrol/contracts';
import { distanceM } from './geo.js';

/** Streets are not straight lines: travel distance ≈ 1.4 × the straight-line distance. */
export const ROAD_FACTOR = 1.4;
/** Average urban speeds, metres per second: a patrol car with lights ~30 km/h, on foot ~5 km/h. */
export const SPEED_MPS = { car: 8.3, foot: 1.4 } as const;

/**
 * Rank units for an incident by travel estimate from their live positions: available units first,
 * each group by estimated time of arrival.
 */
export function rankUnits(units: Unit[], lat: number, lon: number): RankedUnit[] {
  return units
    .map((unit) => {
      const d = distanceM(unit.lat, unit.lon, lat, lon);
      return {
        unit,
        distanceM: Math.round(d),
        etaSeconds: Math.round((d * ROAD_FACTOR) / SPEED_MPS[unit.kind]),
      };
    })
    .sort(
      (a, b) =>
        Number(b.unit.status === 'available') - Number(a.unit.status === 'available') ||
        a.etaSeconds - b.etaSeconds,
    );
}
