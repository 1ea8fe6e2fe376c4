import type { OpsEventName } from '@onpatrol/contracts';
import type { AlarmService } from './alarms.js';
import type { OpsContext } from './context.js';
import type { DispatchService } from './dispatch.js';
import type { IncidentService } from './incidents.js';
import type { AlarmIntake } from './intake.js';
import type { DeviceNonces } from './nonces.js';
import type { UnitService } from './units.js';

/** The operational services as one bundle, for routes and socket commands. */
export interface OpsServices {
  ctx: OpsContext;
  alarms: AlarmService;
  intake: AlarmIntake;
  /** Nonces of signed device requests (replays are refused). */
  nonces: DeviceNonces;
  incidents: IncidentService;
  dispatch: DispatchService;
  units: UnitService;
  /** Be told of every operational event as it is broadcast (after it was stored). */
  onEvent(listener: (name: OpsEventName, data: unknown) => void): void;
  /** Store a unit's position and send it live to whoever watches that unit. */
  positions(unitId: string, lat: number, lon: number): Promise<void>;
}
