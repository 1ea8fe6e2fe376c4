import type { AlarmDevice, AlarmKind } from '@onpatrol/contracts';
import type { OpsDistrict } from './district.js';
import { type DeviceTransport, GatewayUnreachable, type Tamper } from './gatewayClient.js';
import {
  type BurstRequest,
  type FaultyRequest,
  NotFoundError,
  type StormRequest,
  type TriggerRequest,
} from './requests.js';
import { type Outcome, type Tally, tally } from './tally.js';

export const ALARM_PATH = '/api/device/alarms';
/** Reports in flight at once in a burst, and at most in a storm (beyond: counted as skipped). */
const BURST_CONCURRENCY = 64;
const STORM_MAX_IN_FLIGHT = 256;

/**
 * The body an infrared alarm sends. No `at`: reports go out when the event happens, so the
 * gateway's arrival time is the event time (and the gateway refuses `at` today, see README).
 */
export interface AlarmBody {
  kind: AlarmKind;
  zone?: string;
}

/** Most real alarms are intrusions (often false: wind, animals); some tamper and fault reports. */
export function randomKind(rng: () => number): AlarmKind {
  const r = rng();
  return r < 0.75 ? 'intrusion' : r < 0.9 ? 'fault' : 'tamper';
}

/** Fisher–Yates on a copy. */
export function shuffled<T>(items: readonly T[], rng: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Run `fn` over `items` with at most `limit` at a time; results in input order. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends alarm reports as the district's infrared alarms: one, many at once, sustained, or wrong. */
export class AlarmSender {
  constructor(
    private readonly transport: DeviceTransport,
    private readonly district: () => OpsDistrict,
    private readonly rng: () => number = Math.random,
  ) {}

  /** One report; never throws for the gateway's sake, the outcome says what happened. */
  async report(deviceId: string, body: AlarmBody, tamper?: Tamper, variant?: number): Promise<Outcome> {
    try {
      const a = await this.transport.send({
        deviceId,
        method: 'POST',
        path: ALARM_PATH,
        body,
        tamper,
        variant,
      });
      const b = (a.body ?? {}) as {
        alarmId?: unknown;
        merged?: unknown;
        rule?: unknown;
        field?: unknown;
        message?: unknown;
      };
      const out: Outcome = { deviceId, status: a.status, ms: a.ms };
      if (typeof b.alarmId === 'number') out.alarmId = b.alarmId;
      if (typeof b.merged === 'boolean') out.merged = b.merged;
      const rule = b.rule ?? b.field;
      if (a.status >= 400 && typeof rule === 'string') out.rule = rule;
      if (a.status >= 400 && typeof b.message === 'string') out.message = `${a.status}: ${b.message}`;
      return out;
    } catch (err) {
      if (!(err instanceof GatewayUnreachable)) throw err;
      return { deviceId, status: 'unreachable', message: err.message };
    }
  }

  device(id: string, field = 'deviceId'): AlarmDevice {
    const d = this.district().alarmDevice(id);
    if (!d) throw new NotFoundError(field, `alarm device ${id} not found`);
    return d;
  }

  randomDevice(): AlarmDevice {
    const all = this.district().alarmDevices;
    return all[Math.floor(this.rng() * all.length)]!;
  }

  /** A report from one device (random if none), of `kind` (random if none) at its zone. */
  async trigger(req: TriggerRequest): Promise<Outcome & { kind: AlarmKind; zone: string }> {
    const device = req.deviceId ? this.device(req.deviceId) : this.randomDevice();
    const kind = req.kind ?? randomKind(this.rng);
    const zone = req.zone ?? device.zone;
    const outcome = await this.report(device.id, { kind, zone });
    return { ...outcome, kind, zone };
  }

  /** `count` reports from `count` different devices, all at once (bounded concurrency). */
  async burst(req: BurstRequest): Promise<Tally & { durationMs: number }> {
    const devices = req.deviceIds
      ? req.deviceIds.slice(0, req.count).map((id) => this.device(id, 'deviceIds'))
      : shuffled(this.district().alarmDevices, this.rng).slice(0, req.count);
    if (devices.length < req.count) {
      throw new NotFoundError('count', `count must be at most the ${devices.length} devices there are`);
    }
    const started = performance.now();
    const outcomes = await pool(devices, BURST_CONCURRENCY, (d) =>
      this.report(d.id, { kind: 'intrusion', zone: d.zone }),
    );
    return { ...tally(outcomes), durationMs: Math.round(performance.now() - started) };
  }

  /** `perSecond` reports for `seconds`, paced evenly, devices in shuffled rounds. */
  async storm(
    req: StormRequest,
  ): Promise<Tally & { durationMs: number; perSecondAchieved: number; skipped: number }> {
    const total = Math.max(1, Math.round(req.perSecond * req.seconds));
    let order = shuffled(this.district().alarmDevices, this.rng);
    const outcomes: Outcome[] = [];
    const inFlight = new Set<Promise<void>>();
    let launched = 0;
    let skipped = 0;
    const started = performance.now();
    while (launched < total) {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * req.perSecond) + 1);
      for (; launched < due; launched++) {
        if (inFlight.size >= STORM_MAX_IN_FLIGHT) {
          skipped++;
          continue;
        }
        const i = launched % order.length;
        if (i === 0 && launched > 0) order = shuffled(order, this.rng);
        const d = order[i]!;
        const p = this.report(d.id, { kind: randomKind(this.rng), zone: d.zone }).then((o) => {
          outcomes.push(o);
          inFlight.delete(p);
        });
        inFlight.add(p);
      }
      if (launched < total) {
        const nextAt = started + (launched / req.perSecond) * 1000;
        await sleep(Math.max(1, Math.min(20, nextAt - performance.now())));
      }
    }
    await Promise.all(inFlight);
    const durationMs = Math.round(performance.now() - started);
    return {
      ...tally(outcomes),
      durationMs,
      perSecondAchieved: Math.round((outcomes.length / Math.max(durationMs, 1)) * 1000 * 10) / 10,
      skipped,
    };
  }

  /** A misbehaving device: `count` reports, one after the other, each wrong in the chosen way. */
  async faulty(req: FaultyRequest): Promise<Tally & { deviceId: string; mode: string }> {
    let deviceId = req.deviceId;
    let body: AlarmBody = { kind: 'intrusion' };
    if (req.mode === 'unknown_device') deviceId = this.unknownLike(req.deviceId);
    else body = { kind: 'intrusion', zone: this.device(req.deviceId).zone };
    const tamper: Tamper | undefined =
      req.mode === 'bad_signature' || req.mode === 'stale' || req.mode === 'malformed' ? req.mode : undefined;
    const outcomes: Outcome[] = [];
    // One after the other: a repeating device sends the same report again and again.
    for (let i = 0; i < req.count; i++) outcomes.push(await this.report(deviceId, body, tamper, i));
    return { ...tally(outcomes), deviceId, mode: req.mode };
  }

  /** The ID itself when the registry lacks it, else one of the same station's range that no device has. */
  private unknownLike(id: string): string {
    const d = this.district();
    if (!d.alarmDevice(id)) return id;
    for (let serial = 9_999_999; ; serial--) {
      const candidate = id.slice(0, 13) + String(serial).padStart(7, '0');
      if (!d.alarmDevice(candidate)) return candidate;
    }
  }
}
