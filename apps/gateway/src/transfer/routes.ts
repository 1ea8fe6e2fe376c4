import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ImportRejected, ImportResult } from '@onpatrol/contracts';
import { Type } from '@sinclair/typebox';
import { HttpError } from '../errors.js';
import { scopeOf } from '../types.js';
import { sendCsv } from './csv.js';
import type { TransferService } from './service.js';

/** How spreadsheets may arrive (the import route takes these and nothing else). */
const CSV_TYPES = ['text/csv', 'application/octet-stream', 'application/vnd.ms-excel'];

/** Spreadsheet import of cameras and registry export (CSV, GeoJSON). */
export const transferRoutes: FastifyPluginAsyncTypebox<{ transfer: TransferService }> = async (
  app,
  { transfer },
) => {
  // Spreadsheets arrive as a byte stream the import reads itself: their encoding (UTF-8 or GBK) is
  // decided by us, and the size and row limits hold while reading, so the body is never buffered
  // whole (a 50 MB row bomb is refused after its first 20,001 rows).
  for (const type of CSV_TYPES) {
    app.addContentTypeParser(type, (_req, payload, done) => done(null, payload));
  }

  app.post(
    '/api/import/cameras',
    {
      config: { permission: 'registry:import', accepts: CSV_TYPES },
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
    async (req, reply) => {
      const body = req.body;
      if (!(body instanceof Readable)) {
        throw new HttpError(415, 'send the CSV file as the raw body with Content-Type text/csv', {
          field: 'body',
        });
      }
      const progress = { bytes: 0 };
      let result: Awaited<ReturnType<typeof transfer.importCameras>>;
      try {
        result = await transfer.importCameras(body, scopeOf(req.user), {
          encoding: req.query.encoding,
          declaredBytes: Number(req.headers['content-length'] ?? 0),
          progress,
        });
      } catch (err) {
        // Refused before the upload ended: close the connection after the answer, so the client
        // stops sending instead of the server reading (and throwing away) the rest.
        if (!req.raw.complete) reply.header('connection', 'close');
        if (err instanceof HttpError) {
          await req.audit({
            action: 'registry.import_rejected',
            targetKind: 'cameras',
            stationId: req.user!.stationId,
            details: {
              bytes: progress.bytes,
              problems: err.extra.issues?.length ?? 0,
              rule: err.extra.rule ?? null,
            },
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
