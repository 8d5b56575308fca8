// Validation messages in the reader's language (issue 22, item 3): zod's own Vietnamese and English
// locales, with the two a form meets most said plainly — a field left empty, and a list with nothing
// chosen ("expected string, received undefined" means nothing to a clerk). The schemas' own words
// for their rules are catalogued in domain/rule-texts.ts. The API answers with them by
// Accept-Language; the pages check their forms with them in the page's language.
import type { z } from 'zod';
import en from 'zod/v4/locales/en.js';
import vi from 'zod/v4/locales/vi.js';
import type { Language } from './rule-texts';

const LOCALES = { vi: vi(), en: en() };

export function validationMessages(language: Language): z.core.$ZodErrorMap {
  const locale = LOCALES[language];
  const vietnamese = language === 'vi';
  return (issue) => {
    if (issue.code === 'invalid_type' && issue.input === undefined)
      return vietnamese ? 'bắt buộc, không được để trống' : 'required';
    if (issue.code === 'invalid_value' && issue.input === undefined)
      return vietnamese ? 'hãy chọn một mục trong danh sách' : 'choose one from the list';
    return locale.localeError(issue);
  };
}
