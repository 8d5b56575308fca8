// Validation messages in the reader's language (issue 22, item 3): zod's own Vietnamese and English
// locales, with the two a form meets most said plainly — a field left empty, and a list with nothing
// chosen ("expected string, received undefined" means nothing to a clerk) — and the schemas' own
// words for their rules, catalogued in Vietnamese. The API answers with them by Accept-Language; the
// pages check their forms with them in the page's language.
import type { z } from 'zod';
import { NOT_AN_ETHNIC_GROUP } from './application-fields';
import { UNSAFE_TEXT } from './safe-text';
import en from 'zod/v4/locales/en.js';
import vi from 'zod/v4/locales/vi.js';

export type MessageLanguage = 'vi' | 'en';

const LOCALES = { vi: vi(), en: en() };

export function validationMessages(language: MessageLanguage): z.core.$ZodErrorMap {
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

/**
 * The schemas' own words for their rules (English, as API clients read them) in Vietnamese: one
 * catalogue for the API's answers and the pages' forms alike.
 */
const RULE_MESSAGES_VI: Record<string, string> = {
  'must be 12 digits': 'phải gồm đúng 12 chữ số',
  'must be a 5-digit commune code': 'phải là mã xã/phường gồm 5 chữ số',
  'at least 2 characters': 'cần ít nhất 2 ký tự',
  "letters, spaces and . ' - only": "chỉ gồm chữ cái, dấu cách và . ' -",
  'a Vietnamese phone number': 'phải là số điện thoại Việt Nam (0xxxxxxxxx)',
  'ISO 3166-1 alpha-2 code': 'mã quốc gia gồm 2 chữ cái in hoa, ví dụ VN',
  'not a country’s ISO 3166-1 code': 'không phải mã của một quốc gia (ISO 3166-1)',
  [NOT_AN_ETHNIC_GROUP]: 'không có trong Danh mục 54 dân tộc Việt Nam',
  '4–30 letters, digits, / . -': 'gồm 4–30 chữ cái, chữ số, / . -',
  '3–40 letters, digits, / . -': 'gồm 3–40 chữ cái, chữ số, / . -',
  'is in the future': 'không được là ngày trong tương lai',
  'is before the date of birth': 'không được trước ngày sinh',
  'unknown commune code': 'mã xã/phường không có trong danh mục',
  'choose residence registration, the health-insurance card, or both':
    'chọn đăng ký thường trú, cấp thẻ BHYT, hoặc cả hai',
  'required when residence registration is chosen': 'bắt buộc khi chọn đăng ký thường trú',
  'HH:MM': 'nhập giờ theo dạng HH:MM',
  'bank code, e.g. VCB': 'mã ngân hàng, ví dụ VCB',
  '6–19 digits': 'gồm 6–19 chữ số',
  'the survivor allowance is claimed with the funeral allowance':
    'trợ cấp tuất được đề nghị cùng trợ cấp mai táng',
  'required when it is claimed': 'bắt buộc khi đề nghị trợ cấp này',
  'is before the death': 'không được trước ngày mất',
  'is the deceased’s own PIN': 'trùng số định danh của người đã mất',
  'names the same relative twice': 'thân nhân bị khai trùng',
  'name the relative to be paid': 'ghi số định danh của người nhận',
  'must be one of the named relatives': 'phải là một trong các thân nhân đã khai',
  'required for a lump sum': 'bắt buộc với trợ cấp một lần',
  'name the relatives for the survivor allowance': 'khai các thân nhân để hưởng trợ cấp tuất',
  'an identifier without spaces': 'mã không có dấu cách',
  [UNSAFE_TEXT.malformed]: 'có ký tự bị lỗi mã hoá (Unicode không hợp lệ)',
  [UNSAFE_TEXT.controlOneLine]: 'chỉ một dòng, không có ký tự điều khiển',
  [UNSAFE_TEXT.controlSeveralLines]: 'không được có ký tự điều khiển',
  [UNSAFE_TEXT.bidi]: 'không được có ký tự đổi chiều văn bản',
  [UNSAFE_TEXT.invisible]: 'không được có ký tự ẩn (như dấu cách độ rộng 0)',
};

/** A schema's own words for a rule in the reader's language (as written when not catalogued). */
export const ruleMessage = (message: string, language: MessageLanguage): string =>
  language === 'vi' ? (RULE_MESSAGES_VI[message] ?? message) : message;
