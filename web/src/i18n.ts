// Vietnamese first, English on request: the chosen language is kept in localStorage and applied to
// the page, to the API's problem titles (Accept-Language) and to zod's messages.
import { NOT_AN_ETHNIC_GROUP } from '../../domain/application-fields';
import { UNSAFE_TEXT } from '../../domain/safe-text';

export type Language = 'vi' | 'en';
export interface Text {
  vi: string;
  en: string;
}

const KEY = 'lien-thong.lang';

export function language(): Language {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function setLanguage(next: Language): void {
  localStorage.setItem(KEY, next);
}

/** A pair in the current language. */
export const tr = (text: Text): string => text[language()];

const MESSAGES = {
  appName: { vi: 'Liên thông', en: 'Liên thông' },
  tagline: {
    vi: 'Thủ tục hành chính liên thông điện tử',
    en: 'Linked electronic administrative procedures',
  },
  loading: { vi: 'Đang tải…', en: 'Loading…' },
  switchLanguage: { vi: 'English', en: 'Tiếng Việt' },
  switchLanguageLabel: { vi: 'Switch to English', en: 'Chuyển sang tiếng Việt' },
  signOut: { vi: 'Đăng xuất', en: 'Sign out' },
  goBack: { vi: 'Quay lại', en: 'Go back' },
  signedInAs: { vi: 'Đăng nhập: {who}', en: 'Signed in: {who}' },
  mainNav: { vi: 'Điều hướng chính', en: 'Main navigation' },
  navFile: { vi: 'Nộp hồ sơ', en: 'File an application' },
  navSearch: { vi: 'Tra cứu hồ sơ', en: 'Search cases' },
  navInbox: { vi: 'Hộp việc', en: 'Inbox' },
  navMyCases: { vi: 'Hồ sơ của tôi', en: 'My cases' },
  navDashboard: { vi: 'Giám sát', en: 'Dashboard' },
  notForRole: {
    vi: 'Trang này không dành cho vai trò của bạn.',
    en: 'This page is not for your role.',
  },
  networkError: {
    vi: 'Không kết nối được máy chủ. Vui lòng thử lại.',
    en: 'Could not reach the server. Please try again.',
  },
  refresh: { vi: 'Làm mới', en: 'Refresh' },
  none: { vi: 'Không có', en: 'None' },
  yes: { vi: 'Có', en: 'Yes' },
  no: { vi: 'Không', en: 'No' },
  choose: { vi: '— Chọn —', en: '— Choose —' },
  caseId: { vi: 'Mã tra cứu', en: 'Case id' },
  caseCode: { vi: 'Mã hồ sơ', en: 'Case code' },
  person: { vi: 'Người được giải quyết', en: 'Person' },
  procedure: { vi: 'Thủ tục', en: 'Procedure' },
  status: { vi: 'Trạng thái', en: 'Status' },
  receivedAt: { vi: 'Ngày tiếp nhận', en: 'Received' },
  deadline: { vi: 'Hạn giải quyết', en: 'Deadline' },
  step: { vi: 'Bước', en: 'Step' },
  agency: { vi: 'Cơ quan', en: 'Agency' },
  commune: { vi: 'Xã/phường', en: 'Commune' },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
  atRisk: { vi: 'Sắp đến hạn', en: 'Due soon' },
  breached: { vi: 'Đã trễ hạn', en: 'Deadline missed' },
  onTime: { vi: 'Đúng hạn', en: 'On time' },
  assignee: { vi: 'Người xử lý', en: 'Assignee' },
  notAssigned: { vi: 'Chưa giao', en: 'Not assigned' },
  result: { vi: 'Kết quả', en: 'Result' },
  reason: { vi: 'Lý do', en: 'Reason' },
  open: { vi: 'Mở', en: 'Open' },
  errorSummary: { vi: 'Có {n} lỗi cần sửa', en: '{n} problem(s) to fix' },
  dateFormat: { vi: 'nhập ngày theo dạng dd/mm/yyyy', en: 'enter the date as dd/mm/yyyy' },
  datePlaceholder: { vi: 'dd/mm/yyyy', en: 'dd/mm/yyyy' },
  saved: { vi: 'Đã lưu', en: 'Saved' },
  previous: { vi: 'Trang trước', en: 'Previous page' },
  next: { vi: 'Trang sau', en: 'Next page' },
  pageOf: { vi: '{from}–{to} trên tổng {total}', en: '{from}–{to} of {total}' },
  noCases: { vi: 'Chưa có hồ sơ nào.', en: 'No cases yet.' },
  noTasks: { vi: 'Không có việc nào đang chờ.', en: 'Nothing is waiting.' },
} satisfies Record<string, Text>;

export type MessageKey = keyof typeof MESSAGES;

/** A message in the current language, with `{name}` placeholders filled. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return tr(MESSAGES[key]).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** The domain's own validation messages (English in the schemas), in Vietnamese. */
const SCHEMA_MESSAGES_VI: Record<string, string> = {
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

export function schemaMessage(message: string): string {
  return language() === 'vi' ? (SCHEMA_MESSAGES_VI[message] ?? message) : message;
}
