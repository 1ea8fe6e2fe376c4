import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AuditEntry, AuditService } from './service.js';

declare module 'fastify' {
  interface FastifyInstance {
    audit: AuditService;
  }
  interface FastifyRequest {
    /** Append an audit record with this request's user and address filled in. */
    audit(
      entry: Omit<AuditEntry, 'actor' | 'actorRole' | 'address'> & { actor?: string | null },
    ): Promise<void>;
  }
}

/** Makes the audit log reachable from every route as `request.audit(...)`. */
export const auditPlugin = fp(
  async (app: FastifyInstance, opts: { audit: AuditService }) => {
    app.decorate('audit', opts.audit);
    app.decorateRequest('audit', async function (this: FastifyRequest, entry) {
      await opts.audit.append({
        ...entry,
        actor: entry.actor ?? this.user?.username ?? null,
        actorRole: this.user?.role ?? null,
        address: this.ip,
      });
    });
  },
  { name: 'audit' },
);
