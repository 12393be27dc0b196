// Message catalogs: every module defines its strings in English and Kiswahili side by side.
// The type makes a key present in one language and missing in the other a compile error;
// test/i18n.test.ts checks the same at run time across all catalogs.
export const LANGS = ['sw', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'sw';

export interface Catalog<K extends string> {
  en: Record<K, string>;
  sw: Record<K, string>;
}

export function defineCatalog<const E extends Record<string, string>>(
  en: E,
  sw: { [K in keyof E]: string },
): Catalog<Extract<keyof E, string>> {
  return { en, sw } as Catalog<Extract<keyof E, string>>;
}

export function isLang(v: unknown): v is Lang {
  return v === 'sw' || v === 'en';
}
