import type { Logger } from 'pino';
import type { OpsDistrict } from './district.js';
import { type DeviceRequest, type DeviceTransport, GatewayUnreachable } from './gatewayClient.js';
import { ConflictError, NotFoundError } from './requests.js';
import { UnitAgent } from './unit.js';
import type { ActionResult, UnitAction } from './wire.js';

export interface FleetOptions {
  district: OpsDistrict;
  transport: DeviceTransport;
  log: Logger;
  positionSeconds: number;
  /** Units never driven (a person drives them in the browser). */
  exclude: string[];
  /** Drive only these units (tests, demos); default all. */
  only?: string[];
  /** Simulated seconds per real second (tests speed the world up); default 1. */
  timeScale?: number;
  /** Real ms between two movement steps; default 250. */
  tickMs?: number;
  /** Seconds between two order polls; default 2. */
  pollSeconds?: number;
  rng?: () => number;
}

const BACKOFF_BASE_MS = 1000;
const BACKOFF_MAX_MS = 30_000;

/** The request a unit terminal sends for an action. */
function request(unitId: string, a: UnitAction): DeviceRequest {
  if (a.type === 'position') {
    return {
      deviceId: unitId,
      method: 'POST',
      path: '/api/device/units/position',
      body: { lat: a.lat, lon: a.lon },
    };
  }
  if (a.type === 'poll') return { deviceId: unitId, method: 'GET', path: '/api/device/units/orders' };
  return { deviceId: unitId, method: 'POST', path: `/api/device/units/orders/${a.orderId}`, body: a.body };
}

/**
 * The street patrol units the simulator drives: one timer moves them all; each unit's terminal
 * sends one request at a time. While the gateway is unreachable or answers 5xx every terminal
 * waits (shared capped backoff) and the units keep moving.
 */
export class Fleet {
  private readonly agents = new Map<string, UnitAgent>();
  private readonly busy = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private readonly realStart = performance.now();
  private readonly scale: number;
  private failures = 0;
  private readonly refused = new Set<string>();
  private blockedUntil = 0;

  constructor(private readonly opts: FleetOptions) {
    this.scale = opts.timeScale ?? 1;
    const rng = opts.rng ?? Math.random;
    const exclude = new Set(opts.exclude);
    const only = opts.only && new Set(opts.only);
    for (const spec of opts.district.units) {
      if (exclude.has(spec.id) || (only && !only.has(spec.id))) continue;
      const log = opts.log.child({ unit: spec.id });
      const agent = new UnitAgent(
        spec,
        {
          streets: opts.district.streets,
          patrolNodes: opts.district.patrolNodes(spec.station.id),
          rng,
          positionMs: opts.positionSeconds * 1000,
          pollMs: (opts.pollSeconds ?? 2) * 1000,
          onEvent: (event, detail) => log.info(detail, event.replace('_', ' ')),
        },
        this.now(),
      );
      this.agents.set(spec.id, agent);
    }
  }

  /** Simulated ms since the fleet was made. */
  now(): number {
    return (performance.now() - this.realStart) * this.scale;
  }

  get size(): number {
    return this.agents.size;
  }

  start(): void {
    this.timer = setInterval(() => this.tick(), this.opts.tickMs ?? 250);
    this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all(this.inFlight);
  }

  states(): object[] {
    const now = this.now();
    return [...this.agents.values()].map((a) => a.state(now));
  }

  state(id: string): object {
    return this.agent(id).state(this.now());
  }

  pause(id: string): object {
    const a = this.agent(id);
    a.pause();
    this.opts.log.info({ unit: id }, 'unit paused');
    return a.state(this.now());
  }

  resume(id: string): object {
    const a = this.agent(id);
    a.resume(this.now());
    this.opts.log.info({ unit: id }, 'unit resumed');
    return a.state(this.now());
  }

  private agent(id: string): UnitAgent {
    const a = this.agents.get(id);
    if (a) return a;
    if (this.opts.exclude.includes(id)) {
      throw new ConflictError(`unit ${id} is not driven by the simulator (SIM_UNITS_EXCLUDE)`);
    }
    throw new NotFoundError('id', `unit ${id} not found`);
  }

  private tick(): void {
    const now = this.now();
    for (const a of this.agents.values()) {
      a.advance(now);
      if (!this.busy.has(a.id) && performance.now() >= this.blockedUntil) this.pump(a);
    }
  }

  /** Send the unit's due requests one after the other. */
  private pump(agent: UnitAgent): void {
    this.busy.add(agent.id);
    const run = async () => {
      for (let action = agent.nextAction(this.now()); action; action = agent.nextAction(this.now())) {
        if (!this.timer || performance.now() < this.blockedUntil) break;
        let result: ActionResult = null;
        try {
          const answer = await this.opts.transport.send(request(agent.id, action));
          result = { status: answer.status, body: answer.body };
          if (answer.status >= 500) this.unreachable(new Error(`gateway answered ${answer.status}`));
          else this.reachable();
          if (answer.status === 401 && !this.refused.has(agent.id)) {
            // Usually a DEVICE_KEY_SECRET that differs from the gateway's, or a unit it does not have.
            this.refused.add(agent.id);
            this.opts.log.warn(
              { unit: agent.id, rule: (answer.body as { rule?: unknown })?.rule },
              'terminal refused',
            );
          }
        } catch (err) {
          if (!(err instanceof GatewayUnreachable)) throw err;
          this.unreachable(err);
        }
        agent.onResult(action, result, this.now());
      }
    };
    const p = run()
      .catch((err: unknown) => this.opts.log.error({ err, unit: agent.id }, 'unit terminal failed'))
      .finally(() => {
        this.busy.delete(agent.id);
        this.inFlight.delete(p);
      });
    this.inFlight.add(p);
  }

  private unreachable(err: Error): void {
    if (this.failures === 0)
      this.opts.log.warn({ err: err.message }, 'gateway unreachable; unit terminals back off');
    this.blockedUntil = performance.now() + Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** this.failures);
    this.failures++;
  }

  private reachable(): void {
    if (this.failures > 0) this.opts.log.info({ failures: this.failures }, 'gateway reachable again');
    this.failures = 0;
  }
}
