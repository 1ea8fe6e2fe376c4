import type { DeviceAlarmBody } from '@onpatrol/contracts';
import type { AlarmService } from './alarms.js';
import type { OpsContext } from './context.js';

interface Pending {
  deviceId: string;
  body: DeviceAlarmBody;
  resolve: (r: { alarmId: number; merged: boolean }) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for alarm intake: reports that arrive together are stored in one transaction,
 * and each device gets its acknowledgement only after that transaction committed. An alarm
 * storm then costs a few transactions instead of one per report.
 */
export class AlarmIntake {
  private queue: Pending[] = [];
  private busy = false;

  constructor(
    private readonly ctx: OpsContext,
    private readonly alarms: AlarmService,
    private readonly maxBatch = 200,
  ) {}

  submit(deviceId: string, body: DeviceAlarmBody): Promise<{ alarmId: number; merged: boolean }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ deviceId, body, resolve, reject });
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
        const results = await this.ctx.change((tx, emit) => this.alarms.intakeBatch(tx, emit, batch));
        for (const [i, p] of batch.entries()) p.resolve(results[i]!);
      } catch (err) {
        // One bad report must not sink the others: retry them one by one.
        if (batch.length === 1) batch[0]!.reject(err);
        else for (const p of batch) this.submitAlone(p);
      }
    }
    this.busy = false;
  }

  private submitAlone(p: Pending): void {
    void this.alarms.cache
      .ready()
      .then(() => this.ctx.change((tx, emit) => this.alarms.intakeBatch(tx, emit, [p])))
      .then(([r]) => p.resolve(r!), p.reject);
  }
}
