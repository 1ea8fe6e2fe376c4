import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, LoginBody, Me } from '@onpatrol/contracts';
import { UnauthorizedError } from '../errors.js';
import { SESSION_COOKIE } from './plugin.js';

/** Sign-in, sign-out and who-am-I. */
export const authRoutes: FastifyPluginAsyncTypebox<{ cookieSecure: boolean; sessionHours: number }> = async (
  app,
  opts,
) => {
  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: { tags: ['auth'], body: LoginBody, response: { 200: Me, 401: ErrorBody } },
    },
    async (request, reply) => {
      const result = await app.auth.login(request.body.username, request.body.password);
      if (!result) throw new UnauthorizedError('wrong username or password');
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: opts.cookieSecure,
        maxAge: opts.sessionHours * 3600,
      });
      return result.user;
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { permission: 'registry:read' }, schema: { tags: ['auth'] } },
    async (request, reply) => {
      if (request.user) await app.auth.logout(request.user.tokenHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    { config: { permission: 'registry:read' }, schema: { tags: ['auth'], response: { 200: Me } } },
    async (request) => {
      const { tokenHash: _, ...me } = request.user!;
      return me;
    },
  );
};
