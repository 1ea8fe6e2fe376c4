import { useTranslation } from 'react-i18next';
import { since } from '../../ui/time';
import { useNow } from '../../ui/useNow';
import { useNotice } from '../ops-feed/notice';
import { useOps } from '../ops-feed/opsStore';
import { useRegistry } from '../registry/registryStore';

/** Time since an instant, ticking once a second (only this span re-renders). */
export function Elapsed({ from, className }: { from: string | null | undefined; className?: string }) {
  const now = useNow();
  return <span className={className}>{since(from, now)}</span>;
}

/** A station's name in the current language (the raw id while the registry is not loaded). */
export function useStationName(id: string | null | undefined): string {
  const { i18n } = useTranslation();
  const station = useRegistry((s) => (id ? s.stationById.get(id) : undefined));
  if (!station) return id ?? '';
  return i18n.language === 'en' ? station.nameEn : station.name;
}

/** A camera's name from the loaded registry (its id when unknown). */
export function useCameraName(id: string): string {
  return useRegistry((s) => {
    const i = s.cameras?.indexOf.get(id);
    return (i === undefined ? undefined : s.cameras?.names[i]) ?? id;
  });
}

/** The last command's confirmation, and the feed's connection state when it is not healthy. */
export function OpsStatusLine() {
  const { t } = useTranslation();
  const notice = useNotice((s) => s.text);
  const clear = useNotice((s) => s.clear);
  const connected = useOps((s) => s.connected);
  const syncError = useOps((s) => s.syncError);
  const everSynced = useOps((s) => s.lastSeq !== null);
  return (
    <>
      {!connected && everSynced && (
        <p className="ops-link is-down" role="status" data-testid="ops-offline">
          {t('ops.link.offline')}
        </p>
      )}
      {connected && syncError && (
        <p className="ops-link is-down" role="status">
          {t('ops.link.syncFailed', { message: syncError })}
        </p>
      )}
      {notice && (
        <button type="button" className="ops-notice" data-testid="ops-notice" onClick={clear}>
          {notice}
        </button>
      )}
    </>
  );
}
