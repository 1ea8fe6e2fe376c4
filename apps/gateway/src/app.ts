import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { auditPlugin } from './audit/plugin.js';
import { auditRoutes } from './audit/routes.js';
import { AuditService } from './audit/service.js';
import { withRouteAccess } from './auth/access.js';
import { authGuard } from './auth/plugin.js';
import { authRoutes } from './auth/routes.js';
import { AuthService } from './auth/service.js';
import type { GatewayConfig } from './config.js';
import type { Database } from './db/database.js';
import { installErrorHandler, installNotFoundHandler } from './errors.js';
import { mediaPlugin } from './media/plugin.js';
import { opsPlugin } from './ops/plugin.js';
import { patrolRoutes } from './patrol/routes.js';
import { listen } from './realtime/clientEvents.js';
import { realtimePlugin } from './realtime/plugin.js';
import { upgradePlugin } from './realtime/upgrade.js';
import { RegistryRepository } from './registry/repository.js';
import { registryRoutes } from './registry/routes.js';
import { RegistryService } from './registry/service.js';
import { systemRoutes, VERSION } from './system/routes.js';
import { transferRoutes } from './transfer/routes.js';
import { TransferService } from './transfer/service.js';
import './types.js';
import { userRoutes } from './users/routes.js';
import { viewRoutes } from './views/routes.js';
import { webPlugin } from './web/plugin.js';

/** A Host header that can go into the policy as it is (name or IP, optional port). */
const CSP_HOST = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?$/;

export interface AppOptions {
  config: GatewayConfig;
  db: Database;
  /** false in tests that assert on responses without log noise. */
  logger?: boolean | object;
}

/** The whole gateway as one Fastify instance; server.ts only listens, tests call inject(). */
export async function buildApp({ config, db, logger }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    // Only the configured proxies may name the client (X-Forwarded-For): sign-in throttling,
    // lockout and the audit log go by that address.
    trustProxy: config.trustProxy.length ? config.trustProxy : false,
    // On close, end keep-alive and long-polling connections instead of waiting for them.
    forceCloseConnections: true,
    // Validation errors must name the field; keep all errors so the first one is the real one.
    ajv: { customOptions: { allErrors: false, removeAdditional: false, coerceTypes: 'array' } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  installErrorHandler(app);
  installNotFoundHandler(app);
  // Nothing takes text/plain; it is what a cross-site form can post without a preflight.
  app.removeContentTypeParser('text/plain');
  const tileOrigin = config.tileUrl?.startsWith('http')
    ? ` ${new URL(config.tileUrl.replace(/[{}]/g, '')).origin}`
    : '';
  // Not every browser lets 'self' cover WebSockets (socket.io, WS-FLV video), so the page's own
  // host is named with ws: and wss:, and no other host.
  const csp = (host: string | undefined) =>
    [
      "default-src 'self'",
      `img-src 'self' data: blob:${tileOrigin}`,
      "media-src 'self' blob:",
      `connect-src 'self'${host && CSP_HOST.test(host) ? ` ws://${host} wss://${host}` : ''}`,
      "style-src 'self' 'unsafe-inline'",
      "script-src 'self'",
      "worker-src 'self' blob:",
      "frame-ancestors 'none'",
    ].join('; ');
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    // Swagger UI brings its own inline bootstrap; everything else gets the strict policy.
    if (!req.routeOptions.url?.startsWith('/docs'))
      reply.header('content-security-policy', csp(req.headers.host));
  });

  await app.register(fastifyCookie);
  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ['gzip', 'deflate'] });
  // The guard first: it checks every route as it is added, whoever adds it.
  const auth = new AuthService(db, config.sessionHours);
  // A street unit's scope comes from its open orders (ops, registered later; read per request).
  await app.register(authGuard, { auth, unitPlaces: (unitId) => app.ops.dispatch.unitPlaces(unitId) });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Online Patrol gateway API',
        version: VERSION,
        description: '网上巡控 — command dashboard API',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'op_session' } } },
      security: [{ session: [] }],
    },
  });
  // The API description is public (the project is open source); nothing in it is a secret.
  await app.register(withRouteAccess({ public: true }, fastifySwaggerUi), { routePrefix: '/docs' });

  const audit = new AuditService(db);
  await app.register(auditPlugin, { audit, anchor: config.audit });

  await app.register(upgradePlugin);
  await app.register(realtimePlugin);

  const repo = new RegistryRepository(db);
  const registry = new RegistryService(repo);
  const realtimeLog = app.log.child({ module: 'realtime' });
  app.realtime.onConnect(async (socket) => {
    const snapshot = async () => ({ seq: 0, registryVersion: String(await repo.version()) });
    listen(
      socket,
      'registry:resync',
      async (ack) => {
        if (typeof ack === 'function') ack(await snapshot());
      },
      realtimeLog,
    );
    socket.emit('registry:snapshot', await snapshot());
  });
  await app.register(systemRoutes, { db, config });
  await app.register(authRoutes, { cookieSecure: config.cookieSecure, sessionHours: config.sessionHours });
  await app.register(registryRoutes, { registry });
  await app.register(transferRoutes, { transfer: new TransferService(db, repo) });
  await app.register(auditRoutes);
  await app.register(userRoutes, { db });
  await app.register(opsPlugin, {
    db,
    audit,
    deviceKeySecret: config.deviceKeySecret,
    timings: { mergeSeconds: config.alarmMergeSeconds, ackSeconds: config.alarmAckSeconds },
  });
  await app.register(mediaPlugin, { config: config.media, repo });
  await app.register(patrolRoutes, { db, repo });
  await app.register(viewRoutes, { db, repo });
  await app.register(webPlugin, { root: config.webDist });
  return app;
}
