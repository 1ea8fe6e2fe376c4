import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditItem, AuditVerification } from '@onpatrol/contracts';
import { Type } from '@sinclair/typebox';
import { csvDocument, csvTable, sendCsv } from '../transfer/csv.js';
import type { AuditQuery } from './service.js';

const AuditSearch = Type.Object(
  {
    actor: Type.Optional(Type.String({ maxLength: 64 })),
    target: Type.Optional(Type.String({ maxLength: 40, description: 'Camera or other target ID' })),
    station: Type.Optional(Type.String({ pattern: '^[0-9]{20}$' })),
    action: Type.Optional(Type.String({ maxLength: 64 })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 200 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

/** Supervisors search and export the audit log; station chiefs see their station's records only. */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const toQuery = (q: typeof AuditSearch.static, stationScope: string | null): AuditQuery => ({
    actor: q.actor,
    targetId: q.target,
    stationId: stationScope ?? q.station,
    action: q.action,
    from: q.from,
    to: q.to,
    limit: q.limit,
    offset: q.offset,
  });

  app.get(
    '/api/audit',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['audit'],
        querystring: AuditSearch,
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(AuditItem) }) },
      },
    },
    (req) => app.audit.search(toQuery(req.query, req.user!.stationId)),
  );

  app.get(
    '/api/audit/verify',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['audit'],
        description:
          "Check the audit log's hash chain and the signed checkpoints of its head (kept outside the database): " +
          'deleted or rewritten newest records are reported naming the record. Reused for 10 s.',
        response: { 200: AuditVerification },
      },
    },
    () => app.auditCheckpoints.verify(),
  );

  app.get(
    '/api/audit/export.csv',
    { config: { permission: 'audit:read' }, schema: { tags: ['audit'], querystring: AuditSearch } },
    async (req, reply) => {
      const { items } = await app.audit.search({
        ...toQuery(req.query, req.user!.stationId),
        limit: req.query.limit ?? 5000,
      });
      await req.audit({ action: 'audit.export', details: { rows: items.length, query: req.query } });
      const cols = [
        'seq',
        'at',
        'actor',
        'actorRole',
        'address',
        'action',
        'targetKind',
        'targetId',
        'stationId',
        'details',
        'hash',
      ] as const;
      return sendCsv(reply, 'audit.csv', csvDocument(csvTable(cols, items)));
    },
  );
};
