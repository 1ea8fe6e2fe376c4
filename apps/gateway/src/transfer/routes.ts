import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ImportRejected, ImportResult } from '@onpatrol/contracts';
import { Type } from '@sinclair/typebox';
import { HttpError } from '../errors.js';
import { scopeOf } from '../types.js';
import { sendCsv } from './csv.js';
import type { TransferService } from './service.js';

const MAX_UPLOAD = 16 * 1024 * 1024;
/** How spreadsheets may arrive (the import route takes these and nothing else). */
const CSV_TYPES = ['text/csv', 'application/octet-stream', 'application/vnd.ms-excel'];

/** Spreadsheet import of cameras and registry export (CSV, GeoJSON). */
export const transferRoutes: FastifyPluginAsyncTypebox<{ transfer: TransferService }> = async (
  app,
  { transfer },
) => {
  // Spreadsheets arrive as raw bytes: their encoding (UTF-8 or GBK) is decided by us, not the parser.
  for (const type of CSV_TYPES) {
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: MAX_UPLOAD }, (_req, body, done) =>
      done(null, body),
    );
  }

  app.post(
    '/api/import/cameras',
    {
      config: { permission: 'registry:import', accepts: CSV_TYPES },
      bodyLimit: MAX_UPLOAD,
      schema: {
        tags: ['transfer'],
        description:
          'Import cameras from a CSV file (UTF-8 or GBK), all-or-nothing. Body: the raw file, text/csv.',
        querystring: Type.Object(
          { encoding: Type.Optional(Type.Union([Type.Literal('utf-8'), Type.Literal('gbk')])) },
          { additionalProperties: false },
        ),
        response: { 200: ImportResult, 422: ImportRejected },
      },
    },
    async (req) => {
      if (!Buffer.isBuffer(req.body)) {
        throw new HttpError(415, 'send the CSV file as the raw body with Content-Type text/csv', {
          field: 'body',
        });
      }
      let result: Awaited<ReturnType<typeof transfer.importCameras>>;
      try {
        result = await transfer.importCameras(req.body, scopeOf(req.user), req.query.encoding);
      } catch (err) {
        if (err instanceof HttpError) {
          await req.audit({
            action: 'registry.import_rejected',
            targetKind: 'cameras',
            stationId: req.user!.stationId,
            details: { bytes: req.body.length, problems: err.extra.issues?.length ?? 0 },
          });
        }
        throw err;
      }
      await req.audit({
        action: 'registry.import',
        targetKind: 'cameras',
        stationId: req.user!.stationId,
        details: { created: result.created, updated: result.updated, encoding: result.encoding },
      });
      // Every open map reloads its cameras: the registry version moved.
      app.realtime.emitScoped(null, 'registry:changed', { seq: 0, registryVersion: result.registryVersion });
      return result;
    },
  );

  app.get(
    '/api/export/cameras.csv',
    { config: { permission: 'registry:export' }, schema: { tags: ['transfer'] } },
    async (req, reply) => {
      const csv = await transfer.camerasCsv(scopeOf(req.user));
      await req.audit({
        action: 'registry.export',
        targetKind: 'cameras',
        stationId: req.user!.stationId,
        details: { format: 'csv' },
      });
      return sendCsv(reply, 'cameras.csv', csv);
    },
  );

  app.get(
    '/api/export/registry.geojson',
    { config: { permission: 'registry:export' }, schema: { tags: ['transfer'] } },
    async (req, reply) => {
      const geo = await transfer.registryGeoJson(scopeOf(req.user));
      await req.audit({
        action: 'registry.export',
        targetKind: 'registry',
        stationId: req.user!.stationId,
        details: { format: 'geojson' },
      });
      return reply
        .type('application/geo+json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="registry.geojson"')
        .send(JSON.stringify(geo));
    },
  );
};
