import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Role } from '@onpatrol/contracts';
import { ROLE_PERMISSIONS } from '@onpatrol/contracts';
import Fastify, { type FastifyInstance } from 'fastify';
import { authGuard } from '../../src/auth/plugin.js';
import type { AuthService, SessionUser } from '../../src/auth/service.js';
import { installErrorHandler } from '../../src/errors.js';
import { mediaRoutes } from '../../src/media/routes.js';
import type { MediaService } from '../../src/media/service.js';
import type { ViewingRecorder } from '../../src/media/viewings.js';
import { upgradePlugin } from '../../src/realtime/upgrade.js';
import '../../src/types.js';

export const SECRET = Buffer.from('media-test-secret-0123456789abcdef');

function user(username: string, role: Role, stationId: string | null): SessionUser {
  // Cast: the session shape grows with other features; these tests need only these fields.
  return {
    unitId: null,
    username,
    displayName: username,
    role,
    stationId,
    stationNo: null,
    permissions: [...ROLE_PERMISSIONS[role]],
    tokenHash: `hash-${username}`,
  } as SessionUser;
}

/** Users by session token; `cookie(name)` gives the header that signs in as them. */
export const USERS: Record<string, SessionUser> = {
  'tok-duty': user('duty', 'duty_officer', null),
  'tok-chief1': user('chief1', 'station_chief', '13090300002160000001'),
  'tok-other': user('other', 'duty_officer', null),
};
export const cookie = (username: string) => {
  const token = Object.entries(USERS).find(([, u]) => u.username === username)?.[0];
  if (!token) throw new Error(`no test user ${username}`);
  return `op_session=${token}`;
};

/**
 * The media routes in a gateway-shaped app (same guard, error handler, cookie and compress plugins as
 * app.ts) with sessions from a table instead of the database.
 */
export async function mediaTestApp(
  media: MediaService,
  visible: (u: SessionUser, id: string) => boolean,
  viewings?: ViewingRecorder,
) {
  const app = Fastify({
    logger: false,
    ajv: { customOptions: { allErrors: false, removeAdditional: false, coerceTypes: 'array' } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  installErrorHandler(app);
  await app.register(fastifyCookie);
  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ['gzip', 'deflate'] });
  const auth = { userForToken: async (token: string) => USERS[token] ?? null } as unknown as AuthService;
  await app.register(authGuard, { auth });
  await app.register(upgradePlugin);
  await app.register(mediaRoutes, {
    media,
    canView: async (u, id) => visible(u, id),
    secret: SECRET,
    viewings,
  });
  await app.ready();
  return app as unknown as FastifyInstance;
}
