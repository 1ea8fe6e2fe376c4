import type { AuditEntry } from '../audit/service.js';

/** How long failed sign-ins from one address are gathered into one audit record. */
export const FAILURE_AUDIT_WINDOW_MS = 5 * 60_000;
/** Distinct names kept per record; the rest are only counted. */
const MAX_NAMES = 20;
/** Addresses tracked at once; beyond, failures are gathered under one shared entry. */
const MAX_ADDRESSES = 10_000;
const MANY = '(many addresses)';

export type FailureReason = 'wrong' | 'locked' | 'throttled' | 'expired';

interface Window {
  started: number;
  failures: number;
  names: Set<string>;
  /** Failures with names beyond the first MAX_NAMES distinct ones. */
  otherNames: number;
  reasons: Partial<Record<FailureReason, number>>;
}

/**
 * Failed sign-ins in the audit log without letting a caller flood it: the first failure from
 * an address is written at once, the rest of its window (five minutes) as one record when the
 * window closes, with the count, the distinct names tried and why they failed. A thousand
 * guesses from one address are at most two records per window. The actor is never the name the
 * caller typed: nobody was signed in.
 */
export class FailedSignInAudit {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly write: (entry: AuditEntry) => Promise<unknown>,
    private readonly now: () => number = Date.now,
    private readonly windowMs = FAILURE_AUDIT_WINDOW_MS,
  ) {}

  /** Note one failed sign-in; writes a record when it opens the address's window. */
  async record(address: string, username: string, reason: FailureReason): Promise<void> {
    await this.sweep();
    const key = this.windows.has(address) || this.windows.size < MAX_ADDRESSES ? address : MANY;
    const open = this.windows.get(key);
    if (!open) {
      this.windows.set(key, {
        started: this.now(),
        failures: 0,
        names: new Set(),
        otherNames: 0,
        reasons: {},
      });
      await this.write(
        entry(key, { failures: 1, names: new Set([username]), otherNames: 0, reasons: { [reason]: 1 } }),
      );
      return;
    }
    open.failures++;
    open.reasons[reason] = (open.reasons[reason] ?? 0) + 1;
    if (open.names.has(username)) return;
    if (open.names.size < MAX_NAMES) open.names.add(username);
    else open.otherNames++;
  }

  /** Write the summaries of windows that have closed. */
  async sweep(): Promise<void> {
    const cutoff = this.now() - this.windowMs;
    for (const [address, w] of this.windows) if (w.started <= cutoff) await this.close(address, w);
  }

  /** Write every pending summary now (at shutdown). */
  async flush(): Promise<void> {
    for (const [address, w] of this.windows) await this.close(address, w);
  }

  private async close(address: string, w: Window): Promise<void> {
    this.windows.delete(address);
    if (w.failures > 0) await this.write(entry(address, w, new Date(w.started)));
  }
}

function entry(address: string, w: Omit<Window, 'started'>, since?: Date): AuditEntry {
  const names = [...w.names];
  return {
    actor: null,
    address: address === MANY ? null : address,
    action: 'auth.login_failed',
    targetKind: 'user',
    targetId: names.length === 1 && w.otherNames === 0 ? names[0]! : null,
    details: {
      failures: w.failures,
      names,
      ...(w.otherNames ? { failuresWithOtherNames: w.otherNames } : {}),
      reasons: w.reasons,
      ...(since ? { since: since.toISOString() } : {}),
      ...(address === MANY ? { addresses: MANY } : {}),
    },
  };
}
