import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { type Messages, zhCN } from './zh-CN';

export type { Messages };
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

const STORAGE_KEY = 'onpatrol.lang';

/** The saved language, or Chinese: the product's users work in Chinese unless they switch. */
export function savedLanguage(): Language {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'zh-CN';
}

/** Switch language and remember it for the next visit. */
export async function setLanguage(lang: Language): Promise<void> {
  globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  await i18next.changeLanguage(lang);
}

function syncDocument(lang: string): void {
  document.documentElement.lang = lang;
  document.title = `${i18next.t('app.name')} · ${i18next.t('app.nameEn')}`;
}

/** Initialise i18next once, before the first render. */
export async function initI18n(): Promise<typeof i18next> {
  i18next.on('languageChanged', syncDocument);
  await i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: savedLanguage(),
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false }, // React escapes
  });
  syncDocument(i18next.language);
  return i18next;
}
