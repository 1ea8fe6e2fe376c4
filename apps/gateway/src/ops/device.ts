import './formats.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DeviceAlarmBody, OrderUpdate, UnitPosition } from '@onpatrol/contracts';
import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../errors.js';
import { execute } from './commands.js';
import { checkDeviceSignature, type DeviceRefusal, deviceKey } from './deviceAuth.js';
import { type NonceClaim, ReplayedRequestError } from './nonces.js';
import type { OpsServices } from './services.js';

const checkAlarm = TypeCompiler.Compile(DeviceAlarmBody);
const checkPosition = TypeCompiler.Compile(UnitPosition);
const checkOrder = TypeCompiler.Compile(Type.Omit(OrderUpdate, ['orderId']));

/** The rule a device request names when intake is off for want of DEVICE_KEY_SECRET. */
export const DEVICE_SECRET_RULE = 'device-key-secret';

/** Refusals of device requests, counted since start (shown to operators). */
export type RefusalCounts = Record<DeviceRefusal | 'invalid_body', number>;

/**
 * Endpoints for devices rather than people: infrared alarms and unit terminals sign each request
 * with a key derived from the deployment secret, and a fresh nonce each time (a replay within the
 * clock-skew window is refused). The raw body is signed, so it is read as text.
 */
export const deviceRoutes: FastifyPluginAsyncTypebox<{
  ops: OpsServices;
  secret: string | null;
  refusals: RefusalCounts;
}> = async (app, { ops, secret, refusals }) => {
  if (!secret) {
    // Loud at start, not only at the first device request: alarms not arriving is an outage.
    app.log.error(
      { rule: DEVICE_SECRET_RULE },
      'device intake is OFF: DEVICE_KEY_SECRET is not set (at least 32 characters); every alarm device and unit terminal request is refused with 503',
    );
  }
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) =>
    done(null, body),
  );
  // Derived keys of devices that passed the registry check (deterministic, so never stale):
  // a storm of 1,186 reports then costs one HMAC each, not two.
  const keys = new Map<string, Buffer>();
  const keyOf = (secret: string, id: string) => {
    const known = keys.get(id);
    if (known) return known;
    const key = deviceKey(secret, id);
    keys.set(id, key);
    return key;
  };

  function refuse(req: FastifyRequest, id: string, refusal: DeviceRefusal): never {
    refusals[refusal]++;
    req.log.warn({ deviceId: id.slice(0, 24), refusal }, 'device request refused');
    throw new HttpError(401, `device request refused: ${refusal.replace('_', ' ')}`, { rule: refusal });
  }

  /** The device of a correctly signed request, and the nonce it must still claim (replays). */
  async function authenticate(req: FastifyRequest, kind: 'alarm' | 'unit'): Promise<NonceClaim> {
    if (!secret)
      throw new HttpError(503, 'device intake is off: DEVICE_KEY_SECRET is not configured', {
        rule: DEVICE_SECRET_RULE,
      });
    const id = String(req.headers['x-device-id'] ?? '');
    // Alarm devices come from the registry cache: a storm must not cost a query per report.
    const known =
      kind === 'alarm'
        ? /^[0-9]{20}$/.test(id) && (await ops.alarms.cache.device(id)) !== undefined
        : /^[A-Z0-9-]{2,16}$/.test(id) &&
          (await ops.ctx.db.query('SELECT 1 FROM units WHERE id = $1', [id])).length > 0;
    const timestamp = req.headers['x-timestamp'] as string;
    const nonce = req.headers['x-nonce'] as string;
    const refusal = known
      ? checkDeviceSignature(
          keyOf(secret, id),
          { timestamp, nonce, signature: req.headers['x-signature'] as string },
          req.method,
          req.url,
          typeof req.body === 'string' ? req.body : '',
        )
      : 'unknown_device';
    if (refusal) refuse(req, id, refusal);
    return { deviceId: id, nonce, timestamp: Number(timestamp) };
  }

  /** A unit terminal's request, refused when its nonce was used before. */
  async function authenticateUnit(req: FastifyRequest): Promise<string> {
    const claim = await authenticate(req, 'unit');
    if (!(await ops.nonces.claim(claim))) refuse(req, claim.deviceId, 'replayed');
    return claim.deviceId;
  }

  function parse<T>(req: FastifyRequest, check: ReturnType<typeof TypeCompiler.Compile>): T {
    let body: unknown;
    try {
      body = JSON.parse(String(req.body ?? ''));
    } catch {
      refusals.invalid_body++;
      throw new HttpError(400, 'body is not JSON', { field: 'body' });
    }
    if (!check.Check(body)) {
      refusals.invalid_body++;
      const e = check.Errors(body).First();
      const field = e?.path.replace(/^\//, '') || 'body';
      throw new HttpError(400, `${field} ${e?.message ?? 'is invalid'}`, { field });
    }
    return body as T;
  }

  // No session: each request is checked by its HMAC signature in authenticate().
  const device = { access: 'device' } as const;
  app.post(
    '/api/device/alarms',
    {
      config: device,
      schema: {
        tags: ['devices'],
        description: 'Signed report from an infrared alarm (x-device-id, x-timestamp, x-nonce, x-signature).',
      },
    },
    async (req, reply: FastifyReply) => {
      const claim = await authenticate(req, 'alarm');
      const body = parse<DeviceAlarmBody>(req, checkAlarm);
      // Stored (committed) before the device hears back; the nonce is claimed in the same commit.
      const stored = await ops.intake.submit(claim.deviceId, body, claim).catch((err: unknown) => {
        if (err instanceof ReplayedRequestError) refuse(req, claim.deviceId, 'replayed');
        throw err;
      });
      return reply.status(202).send(stored);
    },
  );

  app.post(
    '/api/device/units/position',
    { config: device, schema: { tags: ['devices'] } },
    async (req, reply) => {
      const unitId = await authenticateUnit(req);
      const p = parse<UnitPosition>(req, checkPosition);
      await ops.positions(unitId, p.lat, p.lon);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/device/units/orders/:id',
    {
      config: device,
      schema: {
        tags: ['devices'],
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) }),
      },
    },
    async (req) => {
      const unitId = await authenticateUnit(req);
      const body = parse<Omit<OrderUpdate, 'orderId'>>(req, checkOrder);
      const actor = {
        username: `terminal:${unitId}`,
        role: 'street_unit',
        stationId: null,
        unitId,
        address: req.ip,
      };
      return execute(ops, actor, 'order:update', { ...body, orderId: req.params.id });
    },
  );

  app.get(
    '/api/device/units/orders',
    {
      config: device,
      schema: {
        tags: ['devices'],
        description: "The unit's active orders, each with `target`: where to go and what for.",
      },
    },
    async (req) => {
      const unitId = await authenticateUnit(req);
      return (await ops.dispatch.unitOrders(unitId)).map(({ order: o, incident: i }) => ({
        ...o,
        target: { lat: i.lat, lon: i.lon, place: i.place, kind: i.kind, note: i.note },
      }));
    },
  );
};
