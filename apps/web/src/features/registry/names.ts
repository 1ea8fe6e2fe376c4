import { useTranslation } from 'react-i18next';
import { useRegistry } from './registryStore';

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
