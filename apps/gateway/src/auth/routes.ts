import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, LoginBody, Me } from '@onpatrol/contracts';
import { HttpError, UnauthorizedError } from '../errors.js';

const LOGIN_ERRORS = {
  wrong: () => new UnauthorizedError('wrong username or password', 'login-failed'),
  expired: () => new UnauthorizedError('this account has expired; ask an administrator', 'login-expired'),
  locked: (s: number) =>
    new HttpError(
      429,
      `this name is locked for your address after repeated failed sign-ins; try again in ${Math.ceil(s / 60)} min or ask an administrator`,
      { rule: 'login-lockout' },
    ),
  throttled: (s: number) =>
    new HttpError(429, `too many failed sign-ins from this address; try again in ${s} s`, {
      rule: 'login-throttle',
    }),
};

import { FAILURE_AUDIT_WINDOW_MS, FailedSignInAudit } from './failureAudit.js';
import { SESSION_COOKIE } from './plugin.js';

/** Sign-in, sign-out and who-am-I. */
export const authRoutes: FastifyPluginAsyncTypebox<{ cookieSecure: boolean; sessionHours: number }> = async (
  app,
  opts,
) => {
  // Failed sign-ins are gathered per address (a flood of guesses is not a flood of records);
  // closed windows are written on a timer and at shutdown.
  const failures = new FailedSignInAudit((entry) => app.audit.append(entry));
  const sweeper = setInterval(() => {
    failures.sweep().catch((err) => app.log.error({ err }, 'failed sign-in audit'));
  }, FAILURE_AUDIT_WINDOW_MS / 5);
  sweeper.unref();
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    await failures.flush();
  });

  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: { tags: ['auth'], body: LoginBody, response: { 200: Me, 401: ErrorBody, 429: ErrorBody } },
    },
    async (request, reply) => {
      const { username } = request.body;
      const result = await app.auth.login(username, request.body.password, request.ip);
      if (!result.ok) {
        await failures.record(request.ip, username, result.reason);
        if (result.retryAfterSeconds) reply.header('retry-after', String(result.retryAfterSeconds));
        throw LOGIN_ERRORS[result.reason](result.retryAfterSeconds ?? 0);
      }
      await request.audit({ actor: username, action: 'auth.login', targetKind: 'user', targetId: username });
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
      if (request.user) {
        await app.auth.logout(request.user.tokenHash);
        await request.audit({ action: 'auth.logout', targetKind: 'user', targetId: request.user.username });
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    { config: { permission: 'registry:read' }, schema: { tags: ['auth'], response: { 200: Me } } },
    async (request) => {
      const { tokenHash: _, orderPlaces: __, ...me } = request.user!;
      return me;
    },
  );
};
