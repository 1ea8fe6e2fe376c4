import { SAFE_TEXT_PATTERN, unsafeCharacter } from '@onpatrol/contracts';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';

/** A domain error with an HTTP status and, where it applies, the field or rule it is about. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly extra: { field?: string; rule?: string; limit?: number; issues?: unknown[] } = {},
  ) {
    super(message);
  }
}

export class NotFoundError extends HttpError {
  override name = 'NotFoundError';
  constructor(what: string) {
    super(404, `${what} not found`);
  }
}

export class UnauthorizedError extends HttpError {
  override name = 'UnauthorizedError';
  constructor(message = 'sign-in required', rule = 'session') {
    super(401, message, { rule });
  }
}

export class ForbiddenError extends HttpError {
  override name = 'ForbiddenError';
  constructor(permission: string) {
    super(403, `your role lacks the permission ${permission}`, { rule: permission });
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
};

/** The value a validation error points at (`/entries/0/note` in the body), if it is a string. */
function invalidString(request: FastifyRequest, where: string, path: string | undefined): string | null {
  const source = {
    body: request.body,
    querystring: request.query,
    params: request.params,
    headers: request.headers,
  }[where as 'body'] as unknown;
  let value = source;
  for (const key of (path ?? '').split('/').slice(1)) {
    if (value === null || typeof value !== 'object') return null;
    value = (value as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return typeof value === 'string' ? value : null;
}

/** Unmatched requests: 404 for every caller, signed in or not, whatever the method or path. */
export function installNotFoundHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((request) => {
    throw new NotFoundError(`route ${request.method} ${request.url.split('?')[0]}`);
  });
}

/** One error handler: 4xx name the field or rule, 5xx are generic to the client and logged in full. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | HttpError, request, reply) => {
    if (err instanceof HttpError) {
      return reply.status(err.statusCode).send({
        statusCode: err.statusCode,
        error: STATUS_TEXT[err.statusCode] ?? 'Error',
        message: err.message,
        ...err.extra,
      });
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const first = fe.validation[0];
      const missing =
        (first?.params as { missingProperty?: string; additionalProperty?: string } | undefined) ?? {};
      const pathField = first?.instancePath?.replace(/^\//, '').replace(/\//g, '.');
      const field = missing.missingProperty ?? missing.additionalProperty ?? (pathField || undefined);
      const where = fe.validationContext ?? 'request';
      // A pattern that refuses control characters says which one and where, not its regex.
      const pattern = (first?.params as { pattern?: string } | undefined)?.pattern;
      const value = first?.keyword === 'pattern' ? invalidString(request, where, first.instancePath) : null;
      const unsafe = value === null ? null : unsafeCharacter(value, pattern === SAFE_TEXT_PATTERN);
      const reason = unsafe
        ? `must not contain control or invisible characters (${unsafe})`
        : (first?.message ?? 'is invalid');
      const message = field ? `${where}.${field} ${reason}` : `${where} ${reason}`;
      return reply.status(400).send({ statusCode: 400, error: 'Bad Request', message, field });
    }
    // PostgreSQL "data exception" (class 22, e.g. a NUL byte or a bad encoding in a value): the
    // client sent something no column can hold.
    const pgCode = (err as { code?: unknown }).code;
    if (typeof pgCode === 'string' && /^22[0-9A-Z]{3}$/.test(pgCode)) {
      request.log.warn({ err }, 'input rejected by the database');
      return reply.status(400).send({
        statusCode: 400,
        error: 'Bad Request',
        message: 'a value contains characters that cannot be stored',
        rule: 'encoding',
      });
    }
    const status = fe.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply
        .status(status)
        .send({ statusCode: status, error: STATUS_TEXT[status] ?? 'Error', message: fe.message });
    }
    request.log.error({ err }, 'request failed');
    return reply
      .status(500)
      .send({ statusCode: 500, error: 'Internal Server Error', message: 'internal error' });
  });
}
