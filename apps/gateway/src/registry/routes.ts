import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AlarmDevicePage,
  AlarmDeviceQuery,
  Basemap,
  CameraDetail,
  CameraPage,
  CameraQuery,
  CameraSetPage,
  CameraSetQuery,
  GbId,
  SitePage,
  SiteQuery,
  StationList,
} from '@onpatrol/contracts';
import { Type } from '@sinclair/typebox';
import { NotFoundError } from '../errors.js';
import { scopeOf } from '../types.js';
import type { RegistryService } from './service.js';

const read = { permission: 'registry:read' } as const;
const tags = ['registry'];

/** Read routes of the district registry; every one is limited to the user's jurisdiction. */
export const registryRoutes: FastifyPluginAsyncTypebox<{ registry: RegistryService }> = async (
  app,
  { registry },
) => {
  const repo = registry.repo;

  app.get('/api/stations', { config: read, schema: { tags, response: { 200: StationList } } }, (req) =>
    repo.stations(scopeOf(req.user)),
  );

  app.get(
    '/api/sites',
    { config: read, schema: { tags, querystring: SiteQuery, response: { 200: SitePage } } },
    (req) => repo.sites(scopeOf(req.user), req.query),
  );

  app.get(
    '/api/camera-sets',
    { config: read, schema: { tags, querystring: CameraSetQuery, response: { 200: CameraSetPage } } },
    (req) => repo.cameraSets(scopeOf(req.user), req.query),
  );

  app.get(
    '/api/cameras',
    { config: read, schema: { tags, querystring: CameraQuery, response: { 200: CameraPage } } },
    (req) => repo.cameras(scopeOf(req.user), req.query),
  );

  app.get(
    '/api/cameras/bulk',
    {
      config: read,
      compress: false,
      schema: {
        tags,
        description:
          'Every camera the user may see in one compact response (see CameraBulk); gzip when accepted, ETag for 304.',
      },
    },
    async (req, reply) => {
      const bulk = await registry.bulk(scopeOf(req.user));
      reply
        .header('etag', bulk.etag)
        .header('cache-control', 'private, no-cache')
        .header('vary', 'accept-encoding');
      if (req.headers['if-none-match'] === bulk.etag) return reply.status(304).send();
      reply.type('application/json; charset=utf-8');
      if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        return reply.header('content-encoding', 'gzip').send(bulk.gzip);
      }
      return reply.send(bulk.json);
    },
  );

  app.get(
    '/api/cameras/:id',
    { config: read, schema: { tags, params: Type.Object({ id: GbId }), response: { 200: CameraDetail } } },
    async (req) => {
      const scope = scopeOf(req.user);
      const camera = await repo.camera(scope, req.params.id);
      if (!camera) throw new NotFoundError(`camera ${req.params.id}`);
      const [set, site, station] = await Promise.all([
        repo.cameraSet(scope, camera.setId),
        repo.site(scope, camera.siteId),
        repo.station(scope, camera.stationId),
      ]);
      if (!set || !site || !station) throw new NotFoundError(`camera ${req.params.id}`);
      return { camera, set, site, station };
    },
  );

  app.get(
    '/api/alarm-devices',
    { config: read, schema: { tags, querystring: AlarmDeviceQuery, response: { 200: AlarmDevicePage } } },
    (req) => repo.alarmDevices(scopeOf(req.user), req.query),
  );

  app.get('/api/basemap', { config: read, schema: { tags, response: { 200: Basemap } } }, async () => {
    const basemap = await repo.basemap();
    if (!basemap) throw new NotFoundError('basemap');
    return basemap;
  });
};
