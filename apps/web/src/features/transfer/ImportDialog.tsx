import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ImportOutcome } from '../../api/client';
import { errorText } from '../../ui/errorText';
import { useCommand } from '../../ui/useCommand';
import { useRegistry } from '../registry/registryStore';

/** Upload a camera CSV as raw bytes; show the counts, or every rejected cell in a table. */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const { busy, error, run } = useCommand();

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const upload = async () => {
    if (!file) return;
    await run(async () => {
      setOutcome(null);
      const result = await api.importCameras(file);
      setOutcome(result);
      // Accepted rows change the registry: reload so the map and search show them.
      if (result.ok) void useRegistry.getState().refreshDevices();
    });
  };

  return (
    <dialog ref={dialog} className="panel dialog" data-testid="import-dialog" onClose={onClose}>
      <h2 className="dialog-title">{t('transfer.importTitle')}</h2>
      <p className="muted">{t('transfer.importHint')}</p>
      <div className="field">
        <span>{t('transfer.file')}</span>
        {/* The native file input shows browser-language text, so a translated button stands in for it. */}
        <div className="file-picker">
          <input
            ref={fileInput}
            id={inputId}
            type="file"
            accept=".csv,text/csv"
            data-testid="import-file"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <button
            type="button"
            className="btn"
            data-testid="import-choose"
            onClick={() => fileInput.current?.click()}
          >
            {t('transfer.choose')}
          </button>
          <label htmlFor={inputId} className={`file-name ${file ? '' : 'muted'}`}>
            {file ? file.name : t('transfer.noFile')}
          </label>
        </div>
      </div>
      {outcome?.ok && (
        <p className="form-ok" role="status" data-testid="import-result">
          {t('transfer.success', outcome.result)}
        </p>
      )}
      {error !== null && (
        <p className="form-error" role="alert" data-testid="import-error">
          {errorText(t, error)}
        </p>
      )}
      {outcome && !outcome.ok && (
        <>
          <p className="form-error" role="alert" data-testid="import-error">
            {t('transfer.rejected', { n: outcome.rejected.issues.length })}
          </p>
          <div className="issues-scroll">
            <table className="issues" data-testid="import-issues">
              <thead>
                <tr>
                  <th>{t('transfer.line')}</th>
                  <th>{t('transfer.column')}</th>
                  <th>{t('transfer.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {outcome.rejected.issues.map((issue, i) => (
                  <tr key={`${issue.line}:${issue.column}:${i}`}>
                    <td>{issue.line}</td>
                    <td>
                      <code>{issue.column}</code>
                    </td>
                    <td>{issue.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <div className="dialog-actions">
        <button
          type="button"
          className="btn btn-ghost"
          data-testid="import-close"
          onClick={() => dialog.current?.close()}
        >
          {t('transfer.close')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="import-submit"
          disabled={!file || busy}
          onClick={() => void upload()}
        >
          {busy ? t('transfer.uploading') : t('transfer.upload')}
        </button>
      </div>
    </dialog>
  );
}
