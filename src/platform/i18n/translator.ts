import type { Lang } from './catalog.ts';

export type Params = Record<string, string | number>;

const LOCALES: Record<Lang, string> = { sw: 'sw-TZ', en: 'en-GB' };

export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Locale-aware formatting used by pages, e-mails and exports. */
export function formatters(lang: Lang) {
  const locale = LOCALES[lang];
  const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Africa/Dar_es_Salaam' });
  const dateTime = new Intl.DateTimeFormat(locale, {
    day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Africa/Dar_es_Salaam',
  });
  const number = new Intl.NumberFormat(locale);
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'TZS', maximumFractionDigits: 0 });
  return {
    locale,
    date: (d: Date | string | null | undefined) => (d ? date.format(typeof d === 'string' ? new Date(d) : d) : ''),
    dateTime: (d: Date | string | null | undefined) => (d ? dateTime.format(typeof d === 'string' ? new Date(d) : d) : ''),
    number: (n: number) => number.format(n),
    money: (n: number) => money.format(n),
  };
}
