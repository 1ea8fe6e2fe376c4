import { useTranslation } from 'react-i18next';
import { useNotice } from './notice';
import { useOps } from './opsStore';

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
