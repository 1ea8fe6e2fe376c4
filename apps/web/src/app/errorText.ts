import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

/** What to show for a failure: the gateway's own message when it sent one, else a translated cause. */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.kind === 'network') return t('errors.network');
    if (error.kind === 'parse') return t('errors.unexpected', { status: error.status });
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
