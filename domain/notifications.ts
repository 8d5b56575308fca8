// What the citizen is told, in their language (Vietnamese by default, English on request). Texts name
// the case by the code on their receipt and the step, never personal data: the message goes to the
// applicant's own phone or VNeID. Dates are written as people write them (dd/mm/yyyy).
import { reasonForCitizen } from './procedures/reasons';

export type Language = 'vi' | 'en';

export type NotificationEvent =
  | { template: 'case_received'; caseId: string }
  | { template: 'step_completed'; caseId: string; step: string }
  | { template: 'step_rejected'; caseId: string; step: string; code?: string; reason: string }
  | {
      template: 'supplement_requested';
      caseId: string;
      step: string;
      missing: string[];
      due: string;
    }
  | { template: 'payee_confirmation_requested'; caseId: string; due: string }
  | { template: 'case_finished'; caseId: string; status: string };

const STEP_NAMES: Record<string, Record<Language, string>> = {
  birth: { vi: 'đăng ký khai sinh', en: 'birth registration' },
  residence: { vi: 'đăng ký thường trú', en: 'permanent residence registration' },
  insurance: { vi: 'cấp thẻ BHYT', en: 'health-insurance card' },
  'birth-correction': { vi: 'điều chỉnh thông tin khai sinh', en: 'birth record correction' },
  death: { vi: 'đăng ký khai tử', en: 'death registration' },
  'residence-removal': { vi: 'xóa đăng ký thường trú', en: 'removal of permanent residence' },
  funeral: { vi: 'trợ cấp mai táng', en: 'funeral allowance' },
  survivor: { vi: 'trợ cấp tử tuất', en: 'survivor allowance' },
  'pension-stop': { vi: 'dừng hưởng lương hưu', en: 'stopping the pension' },
};

const STATUS_NAMES: Record<string, Record<Language, string>> = {
  completed: { vi: 'đã hoàn thành', en: 'completed' },
  partially_completed: { vi: 'hoàn thành một phần', en: 'partially completed' },
  rejected: { vi: 'bị từ chối', en: 'rejected' },
  withdrawn: { vi: 'đã rút', en: 'withdrawn' },
  annulled: { vi: 'đã hủy theo quyết định của Tòa án', en: 'annulled by a court ruling' },
};

const name = (table: Record<string, Record<Language, string>>, key: string, language: Language) =>
  table[key]?.[language] ?? key;

/** `YYYY-MM-DD` as dd/mm/yyyy; anything else as it is. */
const dayOf = (date: string) => date.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3/$2/$1');

/**
 * The message for `event` in `language`; `caseCode`: the case's code on the receipt (KS-…), when the
 * case has one (a case filed before codes is named by its id).
 */
export function renderNotification(
  event: NotificationEvent,
  language: Language,
  caseCode?: string,
): string {
  const step = 'step' in event ? name(STEP_NAMES, event.step, language) : '';
  const vi = language === 'vi';
  const caseId = caseCode ?? event.caseId;
  const due = 'due' in event ? dayOf(event.due) : '';
  switch (event.template) {
    case 'case_received':
      return vi
        ? `Hồ sơ liên thông ${caseId} đã được tiếp nhận.`
        : `Your linked application ${caseId} has been received.`;
    case 'step_completed':
      return vi
        ? `Hồ sơ ${caseId}: ${step} đã hoàn thành.`
        : `Case ${caseId}: ${step} is complete.`;
    case 'step_rejected':
      return vi
        ? `Hồ sơ ${caseId}: ${step} bị từ chối. Lý do: ${reasonForCitizen(event, 'vi')}.`
        : `Case ${caseId}: ${step} was refused. Reason: ${reasonForCitizen(event, 'en')}.`;
    case 'supplement_requested':
      return vi
        ? `Hồ sơ ${caseId}: cần bổ sung ${event.missing.join(', ')} cho ${step} trước ${due}.`
        : `Case ${caseId}: please supply ${event.missing.join(', ')} for the ${step} by ${due}.`;
    case 'payee_confirmation_requested':
      return vi
        ? `Hồ sơ ${caseId}: các thân nhân đã thành niên cần xác nhận người nhận trợ cấp tử tuất một lần trên VNeID trước ${due}.`
        : `Case ${caseId}: every adult relative must confirm the payee of the lump-sum survivor allowance in VNeID by ${due}.`;
    case 'case_finished':
      return vi
        ? `Hồ sơ ${caseId} ${name(STATUS_NAMES, event.status, 'vi')}.`
        : `Case ${caseId} is ${name(STATUS_NAMES, event.status, 'en')}.`;
  }
}
