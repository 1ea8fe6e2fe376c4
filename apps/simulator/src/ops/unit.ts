import type { OrderStatus } from '@onpatrol/contracts';
import type { UnitSpec } from './district.js';
import { distanceM, type LatLon } from './geo.js';
import { Mover } from './mover.js';
import { drawClosing } from './outcomes.js';
import type { StreetGraph } from './streets.js';
import {
  type ActionResult,
  type Answer,
  describe,
  isOrder,
  type UnitAction,
  type WireOrder,
} from './wire.js';

/** What a unit is doing. */
export type Phase = 'patrol' | 'acknowledging' | 'en_route' | 'on_scene';
interface CurrentOrder {
  id: number;
  incidentId: number;
  status: OrderStatus;
  target: LatLon;
  place: string | null;
  /** Whether the target came with the order or had to be guessed. */
  targetKnown: boolean;
  /** The next answer and when (sim ms) the person gives it. */
  next: { status: Answer; at: number } | null;
}

export interface AgentOptions {
  streets: StreetGraph;
  /** Street nodes of the unit's jurisdiction (patrol destinations). */
  patrolNodes: number[];
  rng: () => number;
  positionMs: number;
  pollMs: number;
  /** Called on order transitions, for the log. */
  onEvent?: (event: string, detail: object) => void;
}

const SPEED_MPS = { car: 30 / 3.6, foot: 5 / 3.6 };
const ACTIVE: OrderStatus[] = ['sent', 'accepted', 'en_route', 'on_scene'];
const FOOT_BEAT_M = 1500;

/**
 * One street patrol unit and the person with its terminal: patrols the streets of its
 * jurisdiction, and answers an order like a person would: accepts after a few seconds, reports
 * en route, drives the shortest street path to the target, reports on scene, stays a while,
 * then done with an outcome. Pure state over a simulated clock (`now`, ms); the fleet does the I/O.
 */
export class UnitAgent {
  phase: Phase = 'patrol';
  paused = false;
  order: CurrentOrder | null = null;
  readonly counts = { positions: 0, polls: 0, answers: 0, ordersDone: 0 };
  /** The last request that failed, with the wall-clock time. */
  lastError: { message: string; at: string } | null = null;
  private readonly mover: Mover;
  private lastMove: number;
  private nextPositionAt: number;
  private nextPollAt: number;
  /** Orders the unit gave up on (the gateway refused an answer as malformed). */
  private readonly ignored = new Set<number>();

  constructor(
    readonly spec: UnitSpec,
    private readonly opts: AgentOptions,
    now: number,
  ) {
    this.mover = new Mover(spec.start, SPEED_MPS[spec.kind] * (0.9 + 0.2 * opts.rng()), opts.streets);
    this.lastMove = now;
    // Spread the fleet's first reports so they do not all arrive in the same instant.
    this.nextPositionAt = now + opts.rng() * Math.min(opts.positionMs, 1000);
    this.nextPollAt = this.nextPositionAt;
    this.patrol();
  }

  get id(): string {
    return this.spec.id;
  }

  get pos(): LatLon {
    return this.mover.pos;
  }

  /** Move along the route for the time since the last call. */
  advance(now: number): void {
    const dt = Math.max(0, now - this.lastMove);
    this.lastMove = now;
    if (this.paused || this.phase === 'on_scene') return;
    this.mover.step(dt);
    if (!this.mover.arrived) return;
    if (this.phase === 'en_route') {
      if (this.order && !this.order.next) this.order.next = { status: 'on_scene', at: now };
    } else {
      this.patrol();
    }
  }

  /** The request due now, if any: an answer first, then the position, then the poll. */
  nextAction(now: number): UnitAction | null {
    const next = this.order?.next;
    if (next && now >= next.at && !this.paused) {
      const body: Extract<UnitAction, { type: 'update' }>['body'] = { status: next.status };
      if (next.status === 'done') Object.assign(body, drawClosing(this.opts.rng));
      return { type: 'update', orderId: this.order!.id, body };
    }
    if (now >= this.nextPositionAt) {
      return { type: 'position', lat: round6(this.pos.lat), lon: round6(this.pos.lon) };
    }
    if (now >= this.nextPollAt) return { type: 'poll' };
    return null;
  }

  /** Take the gateway's answer to `action` (null: it did not answer). */
  onResult(action: UnitAction, result: ActionResult, now: number): void {
    const failed = !result
      ? `${action.type}: gateway unreachable`
      : result.status >= 400
        ? `${action.type}: ${result.status} ${describe(result.body)}`.trim()
        : null;
    if (failed) this.lastError = { message: failed, at: new Date().toISOString() };
    if (action.type === 'position') {
      this.nextPositionAt = now + this.opts.positionMs;
      if (result?.status === 204) {
        this.counts.positions++;
        // Right after a report is when the terminal looks for news.
        this.nextPollAt = now;
      }
    } else if (action.type === 'poll') {
      this.nextPollAt = now + this.opts.pollMs;
      if (result?.status === 200 && Array.isArray(result.body)) {
        this.counts.polls++;
        this.onOrders(result.body, now);
      }
    } else {
      this.onAnswer(action, result, now);
    }
  }

  pause(): void {
    this.paused = true;
  }

  resume(now: number): void {
    this.paused = false;
    this.lastMove = now;
    if (this.order?.next && this.order.next.at < now) this.order.next.at = now;
  }

  private onOrders(list: unknown[], now: number): void {
    const orders = list.filter(isOrder).filter((o) => ACTIVE.includes(o.status));
    if (this.order) {
      const mine = orders.find((o) => o.id === this.order!.id);
      if (mine) return;
      // Gone from the active list: cancelled by the command center (or closed elsewhere).
      this.opts.onEvent?.('order_gone', { order: this.order.id });
      this.order = null;
      this.phase = 'patrol';
      this.patrol();
    }
    if (this.paused) return;
    const o = orders.filter((x) => !this.ignored.has(x.id)).sort((a, b) => a.id - b.id)[0];
    if (o) this.adopt(o, now);
  }

  private adopt(o: WireOrder, now: number): void {
    const t = o.target;
    const known = !!t && Number.isFinite(t.lat) && Number.isFinite(t.lon);
    this.order = {
      id: o.id,
      incidentId: o.incidentId,
      status: o.status,
      target: known ? { lat: t!.lat, lon: t!.lon } : this.guessTarget(),
      place: typeof t?.place === 'string' ? t.place : null,
      targetKnown: known,
      next: null,
    };
    this.opts.onEvent?.('order_seen', {
      order: o.id,
      incident: o.incidentId,
      status: o.status,
      targetKnown: known,
    });
    // Pick up wherever the order stands (e.g. after a restart of the simulator).
    if (o.status === 'sent') this.schedule('accepted', now, 3, 10);
    else if (o.status === 'accepted') this.schedule('en_route', now, 1, 3);
    else if (o.status === 'en_route') this.drive();
    else this.stay(now);
  }

  private onAnswer(action: Extract<UnitAction, { type: 'update' }>, result: ActionResult, now: number): void {
    const order = this.order;
    if (!order || order.id !== action.orderId) return;
    if (!result || result.status >= 500) {
      order.next = { status: action.body.status, at: now + 5000 };
      return;
    }
    if (result.status >= 400) {
      // 404/409: cancelled or changed meanwhile; 400: our answer was refused. Either way, move on.
      if (result.status === 400) this.ignored.add(order.id);
      this.opts.onEvent?.('answer_refused', {
        order: order.id,
        status: result.status,
        answer: action.body.status,
      });
      this.order = null;
      this.phase = 'patrol';
      this.patrol();
      this.nextPollAt = now;
      return;
    }
    this.counts.answers++;
    order.status = action.body.status;
    order.next = null;
    this.opts.onEvent?.('answered', { order: order.id, ...action.body });
    if (order.status === 'accepted') this.schedule('en_route', now, 2, 5);
    else if (order.status === 'en_route') this.drive();
    else if (order.status === 'on_scene') this.stay(now);
    else {
      this.counts.ordersDone++;
      this.order = null;
      this.phase = 'patrol';
      this.patrol();
    }
  }

  private schedule(status: Answer, now: number, minS: number, maxS: number): void {
    if (status === 'accepted' || status === 'en_route') this.phase = 'acknowledging';
    this.order!.next = { status, at: now + (minS + this.opts.rng() * (maxS - minS)) * 1000 };
  }

  private drive(): void {
    this.phase = 'en_route';
    this.mover.goTo(this.order!.target);
  }

  private stay(now: number): void {
    this.phase = 'on_scene';
    this.mover.stop();
    this.schedule('done', now, 20, 60);
  }

  /** A new patrol leg to a random street node of the jurisdiction (foot: within its beat). */
  private patrol(): void {
    const { streets, patrolNodes, rng } = this.opts;
    let pool = patrolNodes;
    if (this.spec.kind === 'foot') {
      const beat = patrolNodes.filter((i) => distanceM(streets.nodes[i]!, this.spec.start) < FOOT_BEAT_M);
      if (beat.length >= 2) pool = beat;
    }
    if (pool.length === 0) return;
    let dest = streets.nodes[pool[Math.floor(rng() * pool.length)]!]!;
    for (let tries = 0; tries < 5 && distanceM(dest, this.pos) < 200; tries++) {
      dest = streets.nodes[pool[Math.floor(rng() * pool.length)]!]!;
    }
    this.mover.goTo(dest);
  }

  /** No target in the order: head for a street point near where the unit is. */
  private guessTarget(): LatLon {
    const { rng, streets } = this.opts;
    const r = 300 + rng() * 500;
    const a = rng() * 2 * Math.PI;
    const p = {
      lat: this.pos.lat + (r * Math.sin(a)) / 111_000,
      lon: this.pos.lon + (r * Math.cos(a)) / (111_000 * Math.cos((this.pos.lat * Math.PI) / 180)),
    };
    return streets.snap(p).point;
  }

  /** What `GET /units` shows. */
  state(now: number): object {
    const o = this.order;
    return {
      id: this.id,
      kind: this.spec.kind,
      stationId: this.spec.station.id,
      phase: this.phase,
      paused: this.paused,
      lat: round6(this.pos.lat),
      lon: round6(this.pos.lon),
      remainingM: Math.round(this.mover.remainingM),
      order: o && {
        id: o.id,
        incidentId: o.incidentId,
        status: o.status,
        target: {
          lat: round6(o.target.lat),
          lon: round6(o.target.lon),
          place: o.place,
          known: o.targetKnown,
        },
        next: o.next && {
          status: o.next.status,
          inSeconds: Math.max(0, Math.round((o.next.at - now) / 1000)),
        },
      },
      counts: { ...this.counts },
      lastError: this.lastError,
    };
  }
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
