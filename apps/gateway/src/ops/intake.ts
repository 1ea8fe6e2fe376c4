import type { DeviceAlarmBody } from '@onpatrol/contracts';
import type { Queryable } from '../db/database.js';
import type { AlarmService } from './alarms.js';
import type { Emit, OpsContext } from './context.js';
import { type DeviceNonces, type NonceClaim, ReplayedRequestError } from './nonces.js';

type Stored = { alarmId: number; merged: boolean };

interface Pending {
  deviceId: string;
  body: DeviceAlarmBody;
  claim?: NonceClaim;
  resolve: (r: Stored) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for alarm intake: reports that arrive together are stored in one transaction,
 * and each device gets its acknowledgement only after that transaction committed. An alarm
 * storm then costs a few transactions instead of one per report. The reports' nonces are
 * recorded in the same transaction: a replay is refused (ReplayedRequestError), and a nonce is
 * spent only when its report is stored.
 */
export class AlarmIntake {
  private queue: Pending[] = [];
  private busy = false;

  constructor(
    private readonly ctx: OpsContext,
    private readonly alarms: AlarmService,
    private readonly nonces: DeviceNonces,
    private readonly maxBatch = 200,
  ) {}

  /**
   * Store a report; resolves after commit. `claim` is the signed request's nonce (the device
   * route always passes it); only in-process callers that are not a device request omit it.
   */
  submit(deviceId: string, body: DeviceAlarmBody, claim?: NonceClaim): Promise<Stored> {
    return new Promise((resolve, reject) => {
      this.queue.push({ deviceId, body, claim, resolve, reject });
      if (!this.busy) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.busy = true;
    // Let reports arriving in the same tick join the batch.
    await new Promise((r) => setImmediate(r));
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        await this.alarms.cache.ready();
        const results = await this.ctx.change((tx, emit) => this.store(tx, emit, batch));
        settle(batch, results);
      } catch (err) {
        // One bad report must not sink the others: retry them one by one.
        if (batch.length === 1) batch[0]!.reject(err);
        else for (const p of batch) this.submitAlone(p);
      }
    }
    this.busy = false;
  }

  /** Claim the batch's nonces, then store the reports whose nonce was new; null for a replay. */
  private async store(tx: Queryable, emit: Emit, batch: Pending[]): Promise<Array<Stored | null>> {
    const claimed = batch.filter((p) => p.claim);
    const isNew = await this.nonces.claimIn(
      tx,
      claimed.map((p) => p.claim!),
    );
    const refused = new Set(claimed.filter((_, i) => !isNew[i]));
    const fresh = batch.map((p) => !refused.has(p));
    const accepted = batch.filter((_, i) => fresh[i]);
    const stored = accepted.length ? await this.alarms.intakeBatch(tx, emit, accepted) : [];
    let next = 0;
    return batch.map((_, i) => (fresh[i] ? stored[next++]! : null));
  }

  private submitAlone(p: Pending): void {
    void this.alarms.cache
      .ready()
      .then(() => this.ctx.change((tx, emit) => this.store(tx, emit, [p])))
      .then((results) => settle([p], results), p.reject);
  }
}

function settle(batch: Pending[], results: Array<Stored | null>): void {
  for (const [i, p] of batch.entries()) {
    const r = results[i];
    if (r) p.resolve(r);
    else p.reject(new ReplayedRequestError());
  }
}
