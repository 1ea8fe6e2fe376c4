import type { TFunction } from 'i18next';
import { ApiError } from '../../../api/client';

/**
 * Why a tile shows no picture, in the user's language. The gateway's stream limits are told apart
 * by their rule: the user's own quota (close a tile) is not the pool being full (wait).
 */
export function tileErrorMessage(t: TFunction, e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 404) return t('wall.error.notFound');
    if (e.body?.rule === 'stream-quota') return t('wall.error.quota', { limit: e.body.limit ?? '?' });
    if (e.body?.rule === 'command-reserve') return t('wall.error.reserve');
    if (e.status === 503) return t('wall.error.busy');
    if (e.kind === 'network') return t('wall.error.network');
    return t('wall.error.other', { message: e.message });
  }
  return t('wall.error.other', { message: e instanceof Error ? e.message : String(e) });
}
