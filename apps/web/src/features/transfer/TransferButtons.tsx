import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth } from '../auth/authStore';
import { ImportDialog } from './ImportDialog';

/** Registry export links and the import dialog, each shown only with its permission. */
export function TransferButtons() {
  const { t } = useTranslation();
  const permissions = useAuth((s) => s.me?.permissions ?? []);
  const [importing, setImporting] = useState(false);
  const canExport = permissions.includes('registry:export');
  const canImport = permissions.includes('registry:import');
  if (!canExport && !canImport) return null;
  return (
    <div className="transfer">
      {canExport && (
        <>
          <a className="btn btn-ghost" href={api.exports.camerasCsv} download data-testid="export-csv">
            {t('transfer.exportCsv')}
          </a>
          <a
            className="btn btn-ghost"
            href={api.exports.registryGeojson}
            download
            data-testid="export-geojson"
          >
            {t('transfer.exportGeojson')}
          </a>
        </>
      )}
      {canImport && (
        <button
          type="button"
          className="btn btn-ghost"
          data-testid="import-open"
          onClick={() => setImporting(true)}
        >
          {t('transfer.import')}
        </button>
      )}
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
    </div>
  );
}
