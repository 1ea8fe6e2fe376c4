import type { Logger } from 'pino';
import { type AlarmBody, type AlarmSender, randomKind } from './alarms.js';

const RETRY_BASE_MS = 2000;
const RETRY_MAX_MS = 60_000;

/** Counters of the background alarms, for `GET /alarms`. */
export interface BackgroundStats {
  ratePerHour: number;
  sent: number;
  byStatus: Record<string, number>;
  /** A report waiting to be sent again because the gateway did not take it. */
  retrying: { deviceId: string; attempt: number; nextAt: string } | null;
  lastError: string | null;
  nextAt: string | null;
}

/**
 * Alarms at random devices as a Poisson process, so the demo has traffic. A report the gateway
 * did not take (down, 5xx) is sent again with capped exponential backoff, like a real device
 * would, and the next alarm waits for it; one the gateway refused (4xx) is logged and dropped.
 */
export class BackgroundAlarms {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly counts = { sent: 0, byStatus: {} as Record<string, number> };
  private retrying: { deviceId: string; body: AlarmBody; attempt: number; nextAt: number } | null = null;
  private lastError: string | null = null;
  private nextAt: number | null = null;

  constructor(
    private readonly opts: {
      ratePerHour: number;
      sender: AlarmSender;
      log: Logger;
      rng?: () => number;
      /** Backoff of retries; tests shorten it. */
      retryBaseMs?: number;
    },
  ) {}

  start(): void {
    if (this.opts.ratePerHour > 0) this.scheduleNext();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  stats(): BackgroundStats {
    const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
    return {
      ratePerHour: this.opts.ratePerHour,
      sent: this.counts.sent,
      byStatus: { ...this.counts.byStatus },
      retrying: this.retrying && {
        deviceId: this.retrying.deviceId,
        attempt: this.retrying.attempt,
        nextAt: iso(this.retrying.nextAt)!,
      },
      lastError: this.lastError,
      nextAt: iso(this.nextAt),
    };
  }

  private at(delayMs: number, fn: () => Promise<void>): void {
    if (this.stopped) return;
    this.nextAt = Date.now() + delayMs;
    this.timer = setTimeout(() => {
      this.timer = null;
      fn().catch((err: unknown) => this.opts.log.error({ err }, 'background alarm failed'));
    }, delayMs);
  }

  private scheduleNext(): void {
    const rng = this.opts.rng ?? Math.random;
    const delay = (-Math.log(1 - rng()) * 3_600_000) / this.opts.ratePerHour;
    this.at(delay, async () => {
      const device = this.opts.sender.randomDevice();
      const body = { kind: randomKind(rng), zone: device.zone };
      await this.send(device.id, body, 0);
    });
  }

  private async send(deviceId: string, body: AlarmBody, attempt: number): Promise<void> {
    const o = await this.opts.sender.report(deviceId, body);
    if (this.stopped) return;
    this.counts.sent++;
    this.counts.byStatus[o.status] = (this.counts.byStatus[o.status] ?? 0) + 1;
    const log = this.opts.log;
    if (o.status === 'unreachable' || o.status >= 500) {
      this.lastError = o.message ?? `gateway answered ${o.status}`;
      const delay = Math.min(RETRY_MAX_MS, (this.opts.retryBaseMs ?? RETRY_BASE_MS) * 2 ** attempt);
      if (attempt === 0)
        log.warn({ deviceId, status: o.status, err: o.message }, 'alarm not taken; retrying');
      this.retrying = { deviceId, body, attempt: attempt + 1, nextAt: Date.now() + delay };
      this.at(delay, () => this.send(deviceId, body, attempt + 1));
      return;
    }
    this.retrying = null;
    if (o.status >= 400) {
      this.lastError = o.message ?? `gateway answered ${o.status}`;
      log.warn({ deviceId, status: o.status, rule: o.rule }, 'alarm refused');
    } else {
      log.info(
        { deviceId, alarmId: o.alarmId, merged: o.merged, kind: body.kind, attempts: attempt + 1 },
        'alarm sent',
      );
    }
    this.scheduleNext();
  }
}
