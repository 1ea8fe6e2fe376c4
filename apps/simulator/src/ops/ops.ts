import type { District } from '@onpatrol/contracts';
import { generateDistrict } from '@onpatrol/district';
import type { Logger } from 'pino';
import type { AlarmTrafficConfig, UnitFleetConfig } from '../config.js';
import { AlarmSender } from './alarms.js';
import { BackgroundAlarms } from './background.js';
import { type OpsDistrict, opsDistrict } from './district.js';
import { type DeviceTransport, GatewayClient } from './gatewayClient.js';
import { Fleet, type FleetOptions } from './units.js';

/** Unit settings beyond the configuration, for tests and demos. */
export type UnitOptions = UnitFleetConfig &
  Pick<FleetOptions, 'only' | 'timeScale' | 'tickMs' | 'pollSeconds'>;

export interface OpsOptions {
  gatewayUrl: string;
  deviceSecret: string;
  alarms: AlarmTrafficConfig;
  units: UnitOptions;
  /** Default: the generated reference district, made on first use. */
  district?: District;
  /** Default: signed fetch requests to `gatewayUrl`. */
  transport?: DeviceTransport;
  rng?: () => number;
  log: Logger;
}

/** The simulated devices that talk to the gateway: infrared alarms and unit terminals. */
export interface Ops {
  gatewayUrl: string;
  alarms: AlarmSender;
  background: BackgroundAlarms;
  /** Null when units are off. */
  fleet: Fleet | null;
  excluded: string[];
  close(): Promise<void>;
}

/** Start background alarms and the unit fleet as configured. */
export function startOps(opts: OpsOptions): Ops {
  let registry: OpsDistrict | undefined;
  const district = () => {
    registry ??= opsDistrict(opts.district ?? generateDistrict());
    return registry;
  };
  const transport =
    opts.transport ?? new GatewayClient({ baseUrl: opts.gatewayUrl, secret: opts.deviceSecret });
  const alarms = new AlarmSender(transport, district, opts.rng);
  const background = new BackgroundAlarms({
    ratePerHour: opts.alarms.ratePerHour,
    sender: alarms,
    log: opts.log.child({ module: 'alarms' }),
    rng: opts.rng,
  });
  const fleet = opts.units.enabled
    ? new Fleet({
        ...opts.units,
        district: district(),
        transport,
        log: opts.log.child({ module: 'units' }),
        rng: opts.rng,
      })
    : null;
  background.start();
  fleet?.start();
  opts.log.info(
    {
      module: 'ops',
      gatewayUrl: opts.gatewayUrl,
      alarmsPerHour: opts.alarms.ratePerHour,
      units: fleet?.size ?? 0,
      excluded: opts.units.exclude,
    },
    'device traffic started',
  );
  return {
    gatewayUrl: opts.gatewayUrl,
    alarms,
    background,
    fleet,
    excluded: opts.units.exclude,
    async close() {
      background.stop();
      await fleet?.stop();
    },
  };
}
