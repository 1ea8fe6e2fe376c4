import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ClientConfig, Health } from '@onpatrol/contracts';
import type { GatewayConfig } from '../config.js';
import type { Database } from '../db/database.js';

export const VERSION = '0.1.0';

/** Health (public, for load balancers) and the web app's configuration. */
export const systemRoutes: FastifyPluginAsyncTypebox<{ db: Database; config: GatewayConfig }> = async (
  app,
  { db, config },
) => {
  const started = Date.now();
  app.get(
    '/api/health',
    { config: { public: true }, schema: { tags: ['system'], response: { 200: Health } } },
    async () => {
      await db.query('SELECT 1');
      return {
        status: 'ok' as const,
        database: db.kind,
        version: VERSION,
        uptimeSeconds: (Date.now() - started) / 1000,
      };
    },
  );

  app.get(
    '/api/config',
    {
      config: { permission: 'registry:read' },
      schema: { tags: ['system'], response: { 200: ClientConfig } },
    },
    async () => ({
      districtName: '运河公安分局',
      tileUrl: config.tileUrl,
      tileAttribution: config.tileAttribution,
      demo: config.demoPassword !== null,
    }),
  );
};
