// Countries for nationality and a passport's issuer: ISO 3166-1 alpha-2 codes, named in Vietnamese and
// English from the i18n-iso-countries package (its CLDR-derived names), Vietnam first, then in the
// order of their Vietnamese names. The e-forms ask "Quốc tịch" (DOMAIN.md §3A, §3B); the application
// keeps the code (domain/application-fields.ts `Nationality`).
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import vi from 'i18n-iso-countries/langs/vi.json';

countries.registerLocale(vi);
countries.registerLocale(en);

export interface Country {
  code: string;
  vi: string;
  en: string;
}

const ALPHA_2 = new Set(Object.keys(countries.getAlpha2Codes()));

const byVietnameseName = new Intl.Collator('vi').compare;

export const COUNTRIES: readonly Country[] = [...ALPHA_2]
  .map((code) => ({
    code,
    vi: countries.getName(code, 'vi') ?? code,
    en: countries.getName(code, 'en') ?? code,
  }))
  .sort((a, b) => (a.code === 'VN' ? -1 : b.code === 'VN' ? 1 : byVietnameseName(a.vi, b.vi)));

/** Whether `code` is a country's ISO 3166-1 alpha-2 code (not merely two capital letters). */
export const isCountryCode = (code: string): boolean => ALPHA_2.has(code);
