import { stat } from 'node:fs/promises';
import type { AuditVerification } from '@onpatrol/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import {
  type AuditKey,
  appendCheckpoint,
  type CheckpointLine,
  lastCheckpointLine,
  signCheckpoint,
} from './checkpoints.js';
import type { AuditService } from './service.js';
import { verifyAudit } from './verify.js';

export interface CheckpointerOptions {
  /** How often the head is looked at; a checkpoint is written only when it moved. */
  intervalMs?: number;
  /** A verification result is reused this long (each one reads the whole log). */
  verifyCacheMs?: number;
  now?: () => number;
  log?: FastifyBaseLogger;
}

/**
 * Anchors the audit chain's head outside the database. The chain proves that no record inside it
 * was changed, but someone with the table owner's rights can delete the newest records (or rewrite
 * them, hashes recomputed) and leave a shorter chain that is still whole. So every few seconds,
 * when the head moved, and at shutdown, a checkpoint (seq, hash, time, records since the last) is
 * signed with an Ed25519 key the database never sees and appended to a file; verification then
 * compares the table with every checkpoint.
 */
export class AuditCheckpointer {
  private last: { seq: number; text: string } | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private cached: { at: number; state: string; result: Promise<AuditVerification> } | null = null;
  private readonly log: FastifyBaseLogger;
  private readonly now: () => number;

  constructor(
    private readonly audit: AuditService,
    private readonly key: AuditKey,
    readonly file: string,
    private readonly opts: CheckpointerOptions = {},
  ) {
    this.log = (opts.log ?? pino({ level: 'silent' })).child({ module: 'audit' });
    this.now = opts.now ?? (() => Date.now());
  }

  /** Resume after the file's last line and check the head every `intervalMs`. */
  async start(): Promise<void> {
    const text = await lastCheckpointLine(this.file);
    if (text) {
      try {
        this.last = { seq: (JSON.parse(text) as CheckpointLine).seq, text };
      } catch {
        // An unreadable last line is verification's to report; new lines follow it all the same.
        this.last = { seq: 0, text };
      }
    }
    this.timer = setInterval(() => {
      this.checkpoint().catch((err) => this.log.error({ err }, 'writing an audit checkpoint failed'));
    }, this.opts.intervalMs ?? 5000);
    this.timer.unref();
  }

  /** Write a checkpoint now if the head moved since the last one; the line written, or null. */
  checkpoint(): Promise<CheckpointLine | null> {
    const run = async () => {
      const head = await this.audit.head();
      if (!head) return null;
      const lastSeq = this.last?.seq ?? 0;
      if (head.seq === lastSeq) return null;
      if (head.seq < lastSeq) {
        // Never signed over: the old checkpoint keeps naming what is gone.
        this.log.error(
          { head: head.seq, checkpoint: lastSeq },
          'the audit log ends before its last checkpoint',
        );
        return null;
      }
      const line = signCheckpoint(
        this.key,
        { seq: head.seq, hash: head.hash, at: new Date(this.now()).toISOString(), count: head.seq - lastSeq },
        this.last?.text ?? '',
      );
      const text = await appendCheckpoint(this.file, line);
      this.last = { seq: line.seq, text };
      return line;
    };
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /**
   * The chain and every checkpoint checked. Each check reads the whole log, so a result is shared
   * by concurrent callers and reused for `verifyCacheMs` while the head and the checkpoint file
   * are unchanged (deleting, rewriting or appending there is seen at once).
   */
  async verify(): Promise<AuditVerification> {
    const now = this.now();
    const head = await this.audit.head();
    const size = await stat(this.file).then(
      (s) => s.size,
      () => 0,
    );
    const state = `${head?.seq}:${head?.hash}:${size}`;
    const c = this.cached;
    if (c && c.state === state && now - c.at < (this.opts.verifyCacheMs ?? 10_000)) return c.result;
    const result = verifyAudit(this.audit, this.key, this.file);
    this.cached = { at: now, state, result };
    result.catch(() => {
      this.cached = null;
    });
    return result;
  }

  /** The last checkpoint at shutdown: records written until now are anchored too. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.checkpoint();
  }
}
