import type { AddressInfo } from 'node:net';
import type { District } from '@onpatrol/contracts';
import { rtspUrls } from '@onpatrol/district';
import pino, { type Logger } from 'pino';
import {
  type AlarmTrafficConfig,
  checkFont,
  checkGatewayUrl,
  checkUnitIds,
  loadConfig,
  type SimulatorConfig,
} from './config.js';
import { createControlServer } from './control.js';
import { LoopCache, PROFILES, type Profile } from './encoder.js';
import { Faults } from './faults.js';
import { StreamHub } from './hub.js';
import type { DeviceTransport } from './ops/gatewayClient.js';
import { startOps, type UnitOptions } from './ops/ops.js';
import { Pacer } from './pacer.js';
import { districtLookup } from './registry.js';
import type { CameraLookup } from './rtsp/methods.js';
import { RtspServer } from './rtsp/server.js';

/** Options of `startSimulator`: any config key (defaults as in `.env.example`), plus injectables. */
export interface SimulatorOptions extends Partial<Omit<SimulatorConfig, 'logLevel' | 'alarms' | 'units'>> {
  /** Which cameras exist; default: the generated reference district. */
  lookup?: CameraLookup;
  /** Background alarms; in-process the default is off (ratePerHour 0), main.ts passes the env's. */
  alarms?: Partial<AlarmTrafficConfig>;
  /** Street units; in-process the default is off (enabled false), main.ts passes the env's. */
  units?: Partial<UnitOptions>;
  /** Registry of alarm devices, units and streets; default: the generated reference district. */
  district?: District;
  /** How devices reach the gateway; default: signed HTTP requests to `gatewayUrl`. */
  transport?: DeviceTransport;
  /** Random source of the device simulators; default Math.random. */
  rng?: () => number;
  /** Default: silent. */
  logger?: Logger;
}

/** A running simulator. */
export interface Simulator {
  rtspPort: number;
  controlPort: number;
  /** Server RTP and RTCP ports of the UDP transport. */
  udpPorts: [number, number];
  /** RTSP URL of a camera's main or sub stream. */
  url(cameraId: string, profile?: Profile): string;
  close(): Promise<void>;
}

/** Start the RTSP server and the control API; ports given as 0 are picked by the system. */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const defaults = loadConfig({});
  const config = {
    ...defaults,
    ...opts,
    font: opts.font === undefined ? defaults.font : opts.font && checkFont(opts.font, 'font'),
    gatewayUrl: checkGatewayUrl(opts.gatewayUrl ?? defaults.gatewayUrl, 'gatewayUrl'),
  };
  const log = opts.logger ?? pino({ level: 'silent' });
  const lookup = opts.lookup ?? districtLookup();
  const faults = new Faults();
  const pacer = new Pacer();
  const hub = new StreamHub(pacer, faults);
  const loops = new LoopCache({ ...config, log: log.child({ module: 'encoder' }) });
  const rtsp = new RtspServer({
    ...config,
    port: config.rtspPort,
    lookup,
    faults,
    loops,
    hub,
    log: log.child({ module: 'rtsp' }),
  });
  const rtspPort = await rtsp.listen();
  // Device traffic reaches a real gateway, so in-process (tests, benches) it runs only when asked.
  const ops = startOps({
    gatewayUrl: config.gatewayUrl,
    deviceSecret: config.deviceSecret,
    alarms: { ratePerHour: opts.alarms?.ratePerHour ?? 0 },
    units: {
      ...opts.units,
      enabled: opts.units?.enabled ?? false,
      positionSeconds: opts.units?.positionSeconds ?? defaults.units.positionSeconds,
      exclude: checkUnitIds(opts.units?.exclude ?? defaults.units.exclude, 'units.exclude'),
    },
    district: opts.district,
    transport: opts.transport,
    rng: opts.rng,
    log,
  });
  const started = Date.now();
  const url = (cameraId: string, profile: Profile = 'main') =>
    rtspUrls(config.host, rtspPort, cameraId)[`${profile}Url`];

  const control = createControlServer(
    {
      lookup,
      ops,
      setFault(id, req) {
        const state = faults.set(id, req);
        const closed = req.mode === 'offline' ? rtsp.closeCamera(id) : 0;
        log.info({ module: 'faults', camera: id, ...req, closed }, 'fault set');
        return state;
      },
      restore(id) {
        log.info({ module: 'faults', camera: id }, 'camera restored');
        return faults.restore(id);
      },
      cameraState(id) {
        const streams = Object.fromEntries(
          PROFILES.map((p) => {
            const s = hub.get(id, p);
            const counters = s && {
              sessions: s.refs,
              viewers: s.viewers.size,
              packetsSent: s.packetsSent,
              framesSent: s.framesSent,
              bytesSent: s.bytesSent,
            };
            return [p, { url: url(id, p), active: (s?.viewers.size ?? 0) > 0, ...counters }];
          }),
        );
        return { id, name: lookup(id)?.name, fault: faults.state(id), streams };
      },
      stats() {
        const sessions = [...rtsp.sessions.values()];
        const mem = process.memoryUsage();
        const cpu = process.cpuUsage();
        return {
          uptimeSec: Math.round((Date.now() - started) / 1000),
          sessions: sessions.length,
          playingSessions: sessions.filter((s) => s.state === 'playing').length,
          streams: hub.count,
          activeStreams: hub.playing,
          connectionsAccepted: rtsp.connections,
          ...hub.totals,
          loops: { inMemory: loops.size, encoded: loops.encoded, encoding: loops.encoding },
          faults: faults.count,
          pacer: { ticks: pacer.ticks, stalls: pacer.stalls },
          process: {
            rssBytes: mem.rss,
            heapUsedBytes: mem.heapUsed,
            cpuUserUs: cpu.user,
            cpuSystemUs: cpu.system,
          },
        };
      },
    },
    log.child({ module: 'control' }),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      control.once('error', reject);
      control.listen(config.controlPort, config.host, () => resolve());
    });
  } catch (err) {
    await Promise.all([ops.close(), rtsp.close()]);
    throw err;
  }
  const controlPort = (control.address() as AddressInfo).port;
  log.info(
    { rtspPort, controlPort, udpPorts: rtsp.udpPorts, cacheDir: config.cacheDir },
    'simulator listening',
  );

  return {
    rtspPort,
    controlPort,
    udpPorts: rtsp.udpPorts,
    url,
    async close() {
      pacer.stop();
      control.closeAllConnections();
      await Promise.all([
        ops.close(),
        rtsp.close(),
        new Promise<void>((resolve) => control.close(() => resolve())),
      ]);
    },
  };
}
