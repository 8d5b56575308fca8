// Vietnamese first, English on request: the chosen language is kept in localStorage and applied to
// the page, to the API's problem titles (Accept-Language) and to zod's messages.
import { ruleMessage } from '../../domain/rule-texts';

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

/**
 * A schema's own words for a rule, from the page's own check of a form, in the page's language (the
 * API says its problems in the page's language itself).
 */
export const schemaMessage = (issue: {
  message: string;
  params?: Record<string, unknown> | undefined;
}): string => ruleMessage(issue, language());
