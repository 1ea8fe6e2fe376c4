import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import type { AuditEntry } from './service.js';

export interface AuditLimits {
  /** Records one caller may write of one action at once. */
  burst: number;
  /** Records per second one caller regains for each action. */
  perSecond: number;
  /** How often the counted overflow is written as summary records. */
  flushMs: number;
  /** Callers whose overflow is counted one by one; beyond, they share one summary. */
  maxCallers: number;
}

export const DEFAULT_AUDIT_LIMITS: AuditLimits = {
  burst: 60,
  perSecond: 1,
  flushMs: 10_000,
  maxCallers: 1000,
};

/** The action of the record that counts what the limit held back. */
export const RATE_LIMITED_ACTION = 'audit.rate_limited';

interface Overflow {
  actor: string | null;
  actorRole: string | null;
  address: string | null;
  actions: Map<string, number>;
  first: number;
  last: number;
}

/**
 * Per-caller limit on audit writes, so one client cannot flood the log (a patrol report of 700
 * records, 100 throttled sign-ins) nor bury a real record among junk. Each (caller, action) pair
 * has a token bucket; a record beyond it is not dropped silently but counted, and every
 * `flushMs` each caller's count is written as one `audit.rate_limited` record (actions and counts,
 * first and last time). Buckets are per action, so flooding one action never holds back another.
 */
export class AuditRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly overflow = new Map<string, Overflow>();
  private readonly timer: NodeJS.Timeout;
  private readonly log: FastifyBaseLogger;

  constructor(
    private readonly write: (entry: AuditEntry) => Promise<unknown>,
    private readonly limits: AuditLimits = DEFAULT_AUDIT_LIMITS,
    private readonly now: () => number = () => Date.now(),
    log?: FastifyBaseLogger,
  ) {
    this.log = (log ?? pino({ level: 'silent' })).child({ module: 'audit' });
    this.timer = setInterval(() => {
      this.flush().catch((err) => this.log.error({ err }, 'writing the audit overflow summary failed'));
    }, limits.flushMs);
    this.timer.unref();
  }

  /** Write the entry when the caller's bucket for its action allows; else count it. True when written. */
  async append(caller: string, entry: AuditEntry): Promise<boolean> {
    if (this.take(`${caller}\u0000${entry.action}`)) {
      await this.write(entry);
      return true;
    }
    const key = this.overflow.has(caller) || this.overflow.size < this.limits.maxCallers ? caller : '*';
    const now = this.now();
    let o = this.overflow.get(key);
    if (!o) {
      const many = key === '*';
      o = {
        actor: many ? null : entry.actor,
        actorRole: many ? null : (entry.actorRole ?? null),
        address: many ? null : (entry.address ?? null),
        actions: new Map(),
        first: now,
        last: now,
      };
      this.overflow.set(key, o);
    }
    o.actions.set(entry.action, (o.actions.get(entry.action) ?? 0) + 1);
    o.last = now;
    return false;
  }

  /** Write one summary record per caller with counted overflow, and forget idle buckets. */
  async flush(): Promise<void> {
    const pending = [...this.overflow.entries()];
    this.overflow.clear();
    const now = this.now();
    for (const [key, b] of this.buckets)
      if (this.refill(b, now) >= this.limits.burst) this.buckets.delete(key);
    for (const [caller, o] of pending) {
      const actions = Object.fromEntries(o.actions);
      await this.write({
        actor: o.actor,
        actorRole: o.actorRole,
        address: o.address,
        action: RATE_LIMITED_ACTION,
        details: {
          caller: caller === '*' ? 'many callers' : caller,
          suppressed: [...o.actions.values()].reduce((a, b) => a + b, 0),
          actions,
          from: new Date(o.first).toISOString(),
          to: new Date(o.last).toISOString(),
          limit: `${this.limits.burst} records per action, then ${this.limits.perSecond} per second`,
        },
      });
    }
  }

  /** Write what is counted and stop the timer (the gateway is closing). */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private take(key: string): boolean {
    const now = this.now();
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: this.limits.burst, at: now };
      this.buckets.set(key, b);
    }
    b.tokens = this.refill(b, now);
    b.at = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  private refill(b: { tokens: number; at: number }, now: number): number {
    return Math.min(this.limits.burst, b.tokens + ((now - b.at) / 1000) * this.limits.perSecond);
  }
}
