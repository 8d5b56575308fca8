// Names people read for the engine's codes: procedures, steps, agencies, statuses, results, events.
// An unknown code is shown as it is rather than hidden.
import { CASE_STATUS_NAMES, STEP_STATE_NAMES } from '../../domain/procedures/state-names';
import { formatDate, formatMoney } from './format';
import { tr, type Text } from './i18n';

const PROCEDURES: Record<string, Text> = {
  'birth-residence-insurance': {
    vi: 'Khai sinh – thường trú – thẻ BHYT',
    en: 'Birth – permanent residence – health insurance',
  },
  'death-residence-funeral': {
    vi: 'Khai tử – xóa thường trú – mai táng phí, tử tuất',
    en: 'Death – residence removal – funeral and survivor allowances',
  },
};

const STEPS: Record<string, Text> = {
  birth: { vi: 'Đăng ký khai sinh, cấp số định danh', en: 'Birth registration and PIN' },
  residence: { vi: 'Đăng ký thường trú', en: 'Permanent residence' },
  insurance: { vi: 'Cấp thẻ bảo hiểm y tế', en: 'Health-insurance card' },
  death: { vi: 'Đăng ký khai tử', en: 'Death registration' },
  'residence-removal': { vi: 'Xóa đăng ký thường trú', en: 'Removal of permanent residence' },
  funeral: { vi: 'Trợ cấp mai táng', en: 'Funeral allowance' },
  survivor: { vi: 'Trợ cấp tuất', en: 'Survivor allowance' },
  'pension-stop': { vi: 'Dừng chi trả lương hưu', en: 'Pension stopped' },
  'payee-declaration': {
    vi: 'Xác minh tờ khai của thân nhân (mẫu 09-HSB)',
    en: 'Relatives’ declaration (Form 09-HSB) verified',
  },
};

const AGENCIES: Record<string, Text> = {
  'civil-status': { vi: 'Tư pháp – hộ tịch (UBND xã)', en: 'Civil status (commune)' },
  police: { vi: 'Công an xã', en: 'Commune police' },
  'social-insurance': { vi: 'Bảo hiểm xã hội', en: 'Social insurance (BHXH)' },
  'social-protection': { vi: 'Bảo trợ xã hội', en: 'Social protection' },
  'merit-services': { vi: 'Người có công', en: 'Merit services' },
};

const EVENTS: Record<string, Text> = {
  received: { vi: 'Tiếp nhận hồ sơ', en: 'Application received' },
  not_opened: { vi: 'Hệ thống không mở được hồ sơ', en: 'The case could not be opened' },
  corrected: { vi: 'Cải chính hộ tịch', en: 'Record corrected' },
  annulment_requested: { vi: 'Yêu cầu hủy bỏ', en: 'Annulment requested' },
  calendar_changed: {
    vi: 'Thời hạn tính lại theo thông báo lịch nghỉ',
    en: 'Deadlines recounted under a calendar notice',
  },
};

const RESULTS: Record<string, Text> = {
  pin: { vi: 'Số định danh cá nhân', en: 'Personal ID number' },
  extractNumber: { vi: 'Số trích lục', en: 'Extract number' },
  residenceRef: { vi: 'Số đăng ký thường trú', en: 'Residence registration' },
  insuranceNumber: { vi: 'Mã số thẻ BHYT', en: 'Health-insurance card number' },
  validFrom: { vi: 'Thẻ có giá trị từ', en: 'Card valid from' },
  validTo: { vi: 'Thẻ có giá trị đến', en: 'Card valid to' },
  facility: { vi: 'Nơi khám chữa bệnh ban đầu', en: 'Initial care facility' },
  decisionNumber: { vi: 'Số quyết định', en: 'Decision number' },
  amountVnd: { vi: 'Số tiền đã chi trả', en: 'Amount paid' },
  paymentRef: { vi: 'Mã chi trả', en: 'Payment reference' },
  paymentChannel: { vi: 'Hình thức chi trả', en: 'Paid through' },
  bankRefused: { vi: 'Ngân hàng từ chối', en: 'Refused by the bank' },
  basis: { vi: 'Căn cứ', en: 'Basis' },
  reclaimRef: { vi: 'Mã thu hồi', en: 'Reclaim reference' },
  payer: { vi: 'Cơ quan chi trả', en: 'Paid by' },
  kind: { vi: 'Hình thức hưởng', en: 'Kind' },
};

/** Coded result values: channels, kinds of allowance. */
const RESULT_VALUES: Record<string, Text> = {
  bank: { vi: 'Chuyển khoản ngân hàng', en: 'Bank transfer' },
  post: { vi: 'Qua bưu điện', en: 'By post' },
  lump_sum: { vi: 'Một lần', en: 'Lump sum' },
  monthly: { vi: 'Hằng tháng', en: 'Monthly' },
};

const label = (table: Record<string, Text>, code: string) => {
  const text = table[code];
  return text ? tr(text) : code;
};

export const procedureName = (code: string) => label(PROCEDURES, code);
export const stepName = (code: string) => label(STEPS, code);
export const agencyName = (code: string) => label(AGENCIES, code);
export const caseStatusName = (code: string) => label(CASE_STATUS_NAMES, code);
export const stepStateName = (code: string) => label(STEP_STATE_NAMES, code);
export const resultName = (code: string) => label(RESULTS, code);
export const PROCEDURE_CODES = Object.keys(PROCEDURES);
const RESULT_ORDER = Object.keys(RESULTS);
/** Result entries in a reading order (PIN before extract, valid from before valid to…). */
export const byResultOrder = ([a]: [string, unknown], [b]: [string, unknown]) =>
  (RESULT_ORDER.includes(a) ? RESULT_ORDER.indexOf(a) : RESULT_ORDER.length) -
    (RESULT_ORDER.includes(b) ? RESULT_ORDER.indexOf(b) : RESULT_ORDER.length) ||
  a.localeCompare(b);
export const CASE_STATUS_CODES = Object.keys(CASE_STATUS_NAMES);

/** A timeline event: a case or step state, or one of the events of its own. */
export const eventName = (code: string) =>
  EVENTS[code]
    ? tr(EVENTS[code])
    : STEP_STATE_NAMES[code]
      ? tr(STEP_STATE_NAMES[code])
      : caseStatusName(code);

/** A result value as people read it: money in đồng, dates as dd/mm/yyyy. */
export function resultValue(key: string, value: string): string {
  if (key === 'amountVnd' && /^\d+$/.test(value)) return formatMoney(Number(value));
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  if (key === 'payer') return agencyName(value);
  if ((key === 'paymentChannel' || key === 'kind') && RESULT_VALUES[value])
    return tr(RESULT_VALUES[value]);
  return value;
}
