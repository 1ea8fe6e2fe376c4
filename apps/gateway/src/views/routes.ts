import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  MAX_SAVED_VIEWS,
  SavedLayout,
  SavedTour,
  TourBody,
  ViewName,
  WallLayoutBody,
} from '@onpatrol/contracts';
import { type TObject, Type } from '@sinclair/typebox';
import type { SessionUser } from '../auth/service.js';
import type { Database } from '../db/database.js';
import { HttpError, NotFoundError } from '../errors.js';
import type { RegistryRepository } from '../registry/repository.js';
import { scopeOf } from '../types.js';

type Kind = 'layout' | 'tour';

interface KindSpec {
  kind: Kind;
  /** Path segment under /api/me/. */
  path: string;
  body: TObject;
  item: TObject;
  /** The cameras the body names, with the field each one is in. */
  cameras: (body: never) => Array<[string | null, string]>;
  /** Rules the schema cannot state. */
  check?: (body: never) => void;
}

const SPECS: KindSpec[] = [
  {
    kind: 'layout',
    path: 'layouts',
    body: WallLayoutBody,
    item: SavedLayout,
    cameras: (b: WallLayoutBody) => b.cameras.map((c, i) => [c, `cameras.${i}`]),
    check: (b: WallLayoutBody) => {
      if (b.cameras.length > b.layout) {
        throw new HttpError(
          400,
          `cameras: ${b.cameras.length} cameras do not fit a ${b.layout}-tile layout`,
          {
            field: 'cameras',
          },
        );
      }
    },
  },
  {
    kind: 'tour',
    path: 'tours',
    body: TourBody,
    item: SavedTour,
    cameras: (b: TourBody) => b.cameraIds.map((c, i) => [c, `cameraIds.${i}`]),
    check: (b: TourBody) => {
      const seen = new Set<string>();
      b.cameraIds.forEach((c, i) => {
        if (seen.has(c))
          throw new HttpError(400, `cameraIds.${i}: camera ${c} is already in the tour`, {
            field: `cameraIds.${i}`,
          });
        seen.add(c);
      });
    },
  },
];

interface Row {
  name: string;
  body: Record<string, unknown>;
  updated_at: Date | string;
}

/**
 * Named wall layouts and patrol tours, per user: an officer's arrangements follow them to any
 * workstation. Only cameras the user may see can be saved; every save and delete is audited.
 */
export const viewRoutes: FastifyPluginAsyncTypebox<{ db: Database; repo: RegistryRepository }> = async (
  app,
  { db, repo },
) => {
  const list = async (username: string, kind: Kind) => {
    const rows = await db.query<Row>(
      'SELECT name, body, updated_at FROM saved_views WHERE username = $1 AND kind = $2',
      [username, kind],
    );
    return rows
      .map((r) => ({ name: r.name, updatedAt: new Date(r.updated_at).toISOString(), ...r.body }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  };

  /** The cameras must exist and lie in the user's jurisdiction; the error names the first that does not. */
  const checkCameras = async (user: SessionUser, named: Array<[string | null, string]>) => {
    const ids = named.map(([id]) => id).filter((id): id is string => id !== null);
    const found = await repo.cameraStations(scopeOf(user), ids);
    const missing = named.find(([id]) => id !== null && !found.has(id));
    if (missing) {
      throw new HttpError(400, `${missing[1]}: camera ${missing[0]} not found`, { field: missing[1] });
    }
  };

  /** Names are trimmed; one that is only spaces is refused. */
  const nameOf = (raw: string) => {
    const name = raw.trim();
    if (!name) throw new HttpError(400, 'name must not be blank', { field: 'name' });
    return name;
  };

  for (const spec of SPECS) {
    const tags = ['views'];
    const Params = Type.Object({ name: ViewName });
    const url = `/api/me/${spec.path}`;

    app.get(
      url,
      {
        config: { permission: 'registry:read' },
        schema: {
          tags,
          description: `The signed-in user's saved ${spec.path}, by name.`,
          response: { 200: Type.Array(spec.item) },
        },
      },
      async (req) => list(req.user!.username, spec.kind),
    );

    app.put(
      `${url}/:name`,
      {
        config: { permission: 'registry:read' },
        schema: {
          tags,
          description: `Save (or replace) one of the user's ${spec.path} under a name; returns them all.`,
          params: Params,
          body: spec.body,
          response: { 200: Type.Array(spec.item) },
        },
      },
      async (req) => {
        const user = req.user!;
        const name = nameOf(req.params.name);
        const body = req.body as never;
        spec.check?.(body);
        await checkCameras(user, spec.cameras(body));
        await db.transaction(async (tx) => {
          const [count] = await tx.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM saved_views WHERE username = $1 AND kind = $2 AND name <> $3',
            [user.username, spec.kind, name],
          );
          if ((count?.n ?? 0) >= MAX_SAVED_VIEWS) {
            throw new HttpError(
              409,
              `at most ${MAX_SAVED_VIEWS} ${spec.path} can be saved; delete one first`,
              {
                rule: 'saved-views-limit',
              },
            );
          }
          await tx.query(
            `INSERT INTO saved_views (username, kind, name, body) VALUES ($1, $2, $3, $4::jsonb)
             ON CONFLICT (username, kind, name) DO UPDATE SET body = EXCLUDED.body, updated_at = now()`,
            [user.username, spec.kind, name, JSON.stringify(body)],
          );
        });
        await req.audit({ action: `wall.${spec.kind}.save`, details: { name, ...(body as object) } });
        return list(user.username, spec.kind);
      },
    );

    app.delete(
      `${url}/:name`,
      {
        config: { permission: 'registry:read' },
        schema: {
          tags,
          description: `Delete one of the user's ${spec.path}; returns the rest.`,
          params: Params,
          response: { 200: Type.Array(spec.item) },
        },
      },
      async (req) => {
        const user = req.user!;
        const name = nameOf(req.params.name);
        const gone = await db.query<{ name: string }>(
          'DELETE FROM saved_views WHERE username = $1 AND kind = $2 AND name = $3 RETURNING name',
          [user.username, spec.kind, name],
        );
        if (gone.length === 0) throw new NotFoundError(`${spec.kind} "${name}"`);
        await req.audit({ action: `wall.${spec.kind}.delete`, details: { name } });
        return list(user.username, spec.kind);
      },
    );
  }
};
