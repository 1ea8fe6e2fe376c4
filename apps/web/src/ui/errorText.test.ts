import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { errorText } from './errorText';

const t = ((key: string) => `«${key}»`) as unknown as TFunction;
const http = (status: number, rule?: string) =>
  new ApiError('http', status, 'english from the gateway', {
    statusCode: status,
    error: 'x',
    message: 'english from the gateway',
    ...(rule ? { rule } : {}),
  });

describe('errorText', () => {
  it('translates the rules the UI knows instead of showing the gateway message', () => {
    expect(errorText(t, http(401, 'login-failed'))).toBe('«errors.rules.loginFailed»');
    expect(errorText(t, http(429, 'login-lockout'))).toBe('«errors.rules.loginLockout»');
    expect(errorText(t, http(403, 'registry:export'))).toBe('«errors.forbidden»');
    expect(errorText(t, http(409, 'saved-views-limit'))).toBe('«errors.rules.savedViewsLimit»');
  });

  it('falls back to the gateway message, and never matches prototype names', () => {
    expect(errorText(t, http(422, 'import'))).toBe('english from the gateway');
    expect(errorText(t, http(400, 'constructor'))).toBe('english from the gateway');
    expect(errorText(t, new ApiError('network', 0, 'x'))).toBe('«errors.network»');
  });
});
