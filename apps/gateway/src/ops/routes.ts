import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ALARM_STATUSES,
  Alarm,
  DispatchBody,
  INCIDENT_STATUSES,
  Incident,
  literals,
  Order,
  OrderUpdate,
  RankedUnit,
  ReportBody,
  SafeLine,
  SafeText,
  STATS_COLUMNS,
  STATS_GROUPS,
  Unit,
  UnitOrder,
  UnitPosition,
} from '@onpatrol/contracts';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { HttpError } from '../errors.js';
import { csvDocument, csvTable, sendCsv } from '../transfer/csv.js';
import { execute } from './commands.js';
import { type OpsScope, opsScope } from './scope.js';
import type { OpsServices } from './services.js';
import { results, type StatsGroup } from './stats.js';

const tags = ['operations'];
const Id = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });
const actorOf = (req: FastifyRequest) => {
  const u = req.user!;
  return { username: u.username, role: u.role, stationId: u.stationId, unitId: u.unitId, address: req.ip };
};
const scopeOf = (req: FastifyRequest): OpsScope => opsScope(req.user!);

/** REST side of alarms, incidents, dispatch and results; commands share the socket's services. */
export const opsRoutes: FastifyPluginAsyncTypebox<{ ops: OpsServices }> = async (app, { ops }) => {
  const read = { permission: 'ops:read' } as const;

  app.get(
    '/api/alarms',
    {
      config: read,
      schema: {
        tags,
        querystring: Type.Object(
          { status: Type.Optional(literals(ALARM_STATUSES)) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(Alarm) },
      },
    },
    (req) => ops.alarms.list(scopeOf(req), req.query.status),
  );
  app.get(
    '/api/incidents',
    {
      config: read,
      schema: {
        tags,
        querystring: Type.Object(
          { status: Type.Optional(literals([...INCIDENT_STATUSES, 'active'] as const)) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(Incident) },
      },
    },
    (req) => ops.incidents.list(scopeOf(req), req.query.status),
  );
  app.get(
    '/api/incidents/:id',
    { config: read, schema: { tags, params: Id, response: { 200: Incident } } },
    (req) => ops.incidents.get(scopeOf(req), req.params.id),
  );
  app.get(
    '/api/incidents/:id/units',
    {
      config: { permission: 'dispatch:send' },
      schema: { tags, params: Id, response: { 200: Type.Array(RankedUnit) } },
    },
    (req) => ops.dispatch.candidates(scopeOf(req), req.params.id),
  );
  app.get(
    '/api/units',
    { config: { permission: 'registry:read' }, schema: { tags, response: { 200: Type.Array(Unit) } } },
    (req) => ops.units.list(scopeOf(req)),
  );
  app.get(
    '/api/orders',
    { config: { permission: 'registry:read' }, schema: { tags, response: { 200: Type.Array(Order) } } },
    (req) => ops.dispatch.orders(scopeOf(req)),
  );

  const AlarmParams = { params: Id };
  const AlarmNote = Type.Object(
    {
      reason: Type.Optional(SafeLine({ minLength: 2, maxLength: 200 })),
      note: Type.Optional(SafeText({ maxLength: 500 })),
    },
    { additionalProperties: false },
  );
  const handle = { permission: 'alarms:handle' } as const;
  app.post(
    '/api/alarms/:id/ack',
    { config: handle, schema: { tags, ...AlarmParams, response: { 200: Alarm } } },
    (req) => execute(ops, actorOf(req), 'alarm:ack', { alarmId: req.params.id }),
  );
  app.post(
    '/api/alarms/:id/dismiss',
    { config: handle, schema: { tags, ...AlarmParams, body: AlarmNote, response: { 200: Alarm } } },
    (req) =>
      execute(ops, actorOf(req), 'alarm:dismiss', { alarmId: req.params.id, reason: req.body.reason ?? '' }),
  );
  app.post(
    '/api/alarms/:id/escalate',
    { config: handle, schema: { tags, ...AlarmParams, body: AlarmNote, response: { 200: Incident } } },
    (req) =>
      execute(ops, actorOf(req), 'alarm:escalate', {
        alarmId: req.params.id,
        ...(req.body.note ? { note: req.body.note } : {}),
      }),
  );
  app.post(
    '/api/reports',
    {
      config: { permission: 'incidents:report' },
      schema: { tags, body: ReportBody, response: { 200: Incident } },
    },
    (req) => execute(ops, actorOf(req), 'report:create', req.body),
  );
  app.post(
    '/api/dispatch',
    {
      config: { permission: 'dispatch:send' },
      schema: { tags, body: DispatchBody, response: { 200: Type.Array(Order) } },
    },
    (req) => execute(ops, actorOf(req), 'dispatch:send', req.body),
  );
  app.post(
    '/api/orders/:id',
    {
      config: { permission: 'unit:act' },
      schema: { tags, params: Id, body: Type.Omit(OrderUpdate, ['orderId']), response: { 200: Order } },
    },
    (req) => execute(ops, actorOf(req), 'order:update', { ...req.body, orderId: req.params.id }),
  );
  app.get(
    '/api/units/me/orders',
    {
      config: { permission: 'unit:act' },
      schema: {
        tags,
        description: "The signed-in unit's open orders, newest first, each with its incident.",
        response: { 200: Type.Array(UnitOrder) },
      },
    },
    (req) => {
      const unitId = req.user!.unitId;
      if (!unitId) throw new HttpError(403, 'this account reports for no unit', { rule: 'unit' });
      return ops.dispatch.unitOrders(unitId);
    },
  );
  app.post(
    '/api/units/me/position',
    { config: { permission: 'unit:act' }, schema: { tags, body: UnitPosition } },
    async (req, reply) => {
      await execute(ops, actorOf(req), 'unit:position', req.body);
      return reply.status(204).send();
    },
  );

  const StatsQuery = Type.Object(
    {
      group: Type.Optional(literals(STATS_GROUPS)),
      from: Type.Optional(Type.String({ format: 'date-time' })),
      to: Type.Optional(Type.String({ format: 'date-time' })),
    },
    { additionalProperties: false },
  );
  app.get(
    '/api/stats',
    { config: { permission: 'stats:read' }, schema: { tags, querystring: StatsQuery } },
    (req) =>
      results(
        ops.ctx.db,
        (req.query.group ?? 'station') as StatsGroup,
        { stationId: req.user!.stationId },
        req.query,
      ),
  );
  app.get(
    '/api/stats.csv',
    { config: { permission: 'stats:read' }, schema: { tags, querystring: StatsQuery } },
    async (req, reply) => {
      const rows = await results(
        ops.ctx.db,
        (req.query.group ?? 'station') as StatsGroup,
        { stationId: req.user!.stationId },
        req.query,
      );
      const cols = ['key', 'label', ...STATS_COLUMNS] as const;
      await req.audit({ action: 'stats.export', details: { ...req.query } });
      return sendCsv(reply, 'results.csv', csvDocument(csvTable(cols, rows)));
    },
  );
};
