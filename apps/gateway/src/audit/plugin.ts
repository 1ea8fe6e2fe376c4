import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AuditCheckpointer, type CheckpointerOptions } from './checkpointer.js';
import { loadOrCreateAuditKey } from './checkpoints.js';
import { type AuditLimits, AuditRateLimiter, DEFAULT_AUDIT_LIMITS } from './limiter.js';
import type { AuditEntry, AuditService } from './service.js';

declare module 'fastify' {
  interface FastifyInstance {
    audit: AuditService;
    /** The per-caller limit in front of `request.audit` (flush() writes its counted overflow now). */
    auditLimiter: AuditRateLimiter;
    /** Signed checkpoints of the chain's head outside the database, and verification against them. */
    auditCheckpoints: AuditCheckpointer;
  }
  interface FastifyRequest {
    /**
     * Append an audit record with this request's user and address filled in, within the
     * caller's rate limit (beyond it the record is counted into a summary record).
     */
    audit(
      entry: Omit<AuditEntry, 'actor' | 'actorRole' | 'address'> & { actor?: string | null },
    ): Promise<void>;
  }
}

export interface AuditPluginOptions {
  audit: AuditService;
  /** The signing key's file and the checkpoint file (config.audit). */
  anchor: { keyFile: string; checkpointFile: string } & CheckpointerOptions;
  limits?: AuditLimits;
}

/**
 * Makes the audit log reachable from every route as `request.audit(...)`, limited per caller,
 * and anchors its head in signed checkpoints outside the database.
 */
export const auditPlugin = fp(
  async (app: FastifyInstance, opts: AuditPluginOptions) => {
    app.decorate('audit', opts.audit);
    const { keyFile, checkpointFile, ...checkpointOpts } = opts.anchor;
    const checkpoints = new AuditCheckpointer(
      opts.audit,
      await loadOrCreateAuditKey(keyFile),
      checkpointFile,
      {
        log: app.log,
        ...checkpointOpts,
      },
    );
    await checkpoints.start();
    app.decorate('auditCheckpoints', checkpoints);
    const limiter = new AuditRateLimiter(
      (entry) => opts.audit.append(entry),
      opts.limits ?? DEFAULT_AUDIT_LIMITS,
      undefined,
      app.log,
    );
    app.decorate('auditLimiter', limiter);
    // Summaries first, so the shutdown checkpoint anchors them too.
    app.addHook('onClose', async () => {
      await limiter.close();
      await checkpoints.close();
    });
    app.decorateRequest('audit', async function (this: FastifyRequest, entry) {
      // The caller is the signed-in user, or the address when nobody is signed in.
      const caller = this.user ? `user:${this.user.username}` : `address:${this.ip}`;
      await limiter.append(caller, {
        ...entry,
        actor: entry.actor ?? this.user?.username ?? null,
        actorRole: this.user?.role ?? null,
        address: this.ip,
      });
    });
  },
  { name: 'audit' },
);
