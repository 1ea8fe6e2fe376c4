import { useTranslation } from 'react-i18next';
import { useTour } from './tourStore';

/** Shown when an alarm paused the tour: where it is, and the way back to patrolling. */
export function TourBanner() {
  const { t } = useTranslation();
  const banner = useTour((s) => s.banner);
  const resume = useTour((s) => s.resume);
  const dismiss = useTour((s) => s.dismissBanner);
  if (!banner) return null;
  return (
    <div className="tour-banner" role="alert" data-testid="tour-banner" data-alarm-id={banner.id}>
      <span className="tour-banner-text">
        {t('tour.banner', { site: banner.siteName, zone: banner.zone })}
      </span>
      <button type="button" className="btn" data-testid="tour-banner-resume" onClick={resume}>
        {t('tour.bannerResume')}
      </button>
      <button type="button" className="btn btn-ghost" data-testid="tour-banner-dismiss" onClick={dismiss}>
        {t('tour.bannerDismiss')}
      </button>
    </div>
  );
}
