import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';

/** One button that flips between 中文 and English; it shows the language you would switch to. */
export function LanguageSwitch({ className = '' }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'en' ? 'zh-CN' : 'en';
  return (
    <button
      type="button"
      className={`btn btn-ghost lang-switch ${className}`}
      data-testid="lang-switch"
      title={t('lang.switchTitle')}
      lang={next}
      onClick={() => void setLanguage(next)}
    >
      {t('lang.switchTo')}
    </button>
  );
}
