import { MAX_SAVED_VIEWS } from '@onpatrol/contracts';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

// Gateway rules with a sentence of their own in the UI's language; a Map, so a rule sent by the
// server can never match an Object.prototype property.
const RULE_TEXT = new Map([
  ['login-failed', 'errors.rules.loginFailed'],
  ['login-expired', 'errors.rules.loginExpired'],
  ['login-lockout', 'errors.rules.loginLockout'],
  ['login-throttle', 'errors.rules.loginThrottle'],
  ['session', 'errors.rules.session'],
  ['saved-views-limit', 'errors.rules.savedViewsLimit'],
] as const);

/**
 * What to show for a failure: a translated sentence when the gateway named a rule the UI knows
 * (or refused for a missing permission), else the gateway's own message, else a translated cause.
 */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.kind === 'network') return t('errors.network');
    if (error.kind === 'parse') return t('errors.unexpected', { status: error.status });
    const key = error.body?.rule ? RULE_TEXT.get(error.body.rule as never) : undefined;
    if (key) return t(key, { max: MAX_SAVED_VIEWS });
    if (error.status === 403) return t('errors.forbidden');
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
