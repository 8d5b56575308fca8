// Why a case or step refuses a person's request now (an officer's decision, a supplement, a
// withdrawal, a payee's confirmation): one catalogue, by name, each said in Vietnamese and English
// from the values the refusal carries (issue 22, item 3). The workflow refuses with a name and its
// values (workflows/action-requests.ts `refuse`); the API answers in the caller's language; the
// English words stay the refusal's message for logs and for runs that recorded only a message.
// Zod-free: the workflows' bundle reads it.
import { vietnamDateTime } from '../calendar/vietnam-time';
import type { Words } from '../rule-texts';
import { CASE_STATUS_NAMES, STEP_STATE_NAMES } from './state-names';

const DECISIONS: Record<string, Words> = {
  approve: { vi: 'phê duyệt', en: 'approve' },
  reject: { vi: 'từ chối', en: 'reject' },
  request_supplement: { vi: 'yêu cầu bổ sung', en: 'request a supplement for' },
  return: { vi: 'trả lại', en: 'return' },
};

/** A state's name in quotes, or, for a state people have no name for, what it means here. */
const named = (names: Record<string, Words>, state: string, otherwise: Words): Words => {
  const name = names[state];
  return name ? { vi: `“${name.vi}”`, en: `“${name.en}”` } : otherwise;
};

const PAYEE_STATES: Record<string, Words> = {
  confirmed: { vi: 'người nhận đã được xác nhận', en: 'the payee is confirmed' },
  expired: {
    vi: 'đã hết thời hạn xác nhận người nhận',
    en: 'the time to confirm the payee has passed',
  },
  closed: { vi: 'việc xác nhận người nhận đã kết thúc', en: 'the payee confirmation is closed' },
};

const REFUSALS = {
  /** A return asked of a procedure's first step: there is no earlier agency. */
  firstStep: (): Words => ({
    en: 'this is the first step: there is no earlier agency to return it to',
    vi: 'đây là bước đầu tiên: không có cơ quan nào trước để trả lại',
  }),
  /** A decision the step's state does not allow (agency-step machine). */
  decisionNotNow: ({ decision, state }: { decision: string; state: string }): Words => {
    const name = named(STEP_STATE_NAMES, state, { vi: 'đang xử lý khác', en: state });
    return {
      en: `cannot ${DECISIONS[decision]?.en ?? decision} a step that is ${state}`,
      vi: `không thể ${DECISIONS[decision]?.vi ?? 'quyết định'} khi bước ở trạng thái ${name.vi}`,
    };
  },
  /** A rejection after the agency's window to reject an invalid file (QĐ 976/QĐ-BHXH, DOMAIN.md §2A). */
  rejectionClosed: ({ rejectBy }: { rejectBy: number }): Words => ({
    en:
      `the window to reject an invalid file closed at ${new Date(rejectBy).toISOString()} ` +
      '(BHXH: 1 working day from receipt, QĐ 976/QĐ-BHXH, DOMAIN.md §2A): approve it, ask for a ' +
      'supplement, or return it',
    vi:
      `đã quá thời hạn từ chối hồ sơ không hợp lệ (${vietnamDateTime(rejectBy).replace('T', ' ')}, ` +
      'giờ Việt Nam; BHXH: 1 ngày làm việc kể từ khi nhận, QĐ 976/QĐ-BHXH): hãy phê duyệt, yêu cầu ' +
      'bổ sung hoặc trả lại',
  }),
  reasonRequired: (): Words => ({ en: 'a reason is required', vi: 'cần nêu lý do' }),
  missingRequired: (): Words => ({
    en: 'say what is missing',
    vi: 'cần nêu giấy tờ còn thiếu',
  }),
  noSupplementAwaited: (): Words => ({
    en: 'no supplement is awaited',
    vi: 'không có yêu cầu bổ sung nào đang chờ',
  }),
  /** A withdrawal of a case that has ended or is ending. */
  notWithdrawable: ({ state }: { state: string }): Words => {
    const name = named(CASE_STATUS_NAMES, state, {
      vi: 'đang kết thúc',
      en: state,
    });
    return {
      en: `a ${state} case cannot be withdrawn`,
      vi: `không thể rút hồ sơ ở trạng thái ${name.vi}`,
    };
  },
  /** A confirmation once the payee is no longer awaited (payee-confirmation machine). */
  payeeNotAwaited: ({ state }: { state: string }): Words => ({
    en: `the payee is ${state}`,
    vi: PAYEE_STATES[state]?.vi ?? 'không còn chờ xác nhận người nhận',
  }),
  notARequiredRelative: (): Words => ({
    en: 'only the named adult relatives confirm the payee',
    vi: 'chỉ các thân nhân đã thành niên được khai trong hồ sơ mới xác nhận người nhận',
  }),
  notThePayee: (): Words => ({
    en: 'this is not the payee the relatives named',
    vi: 'đây không phải người nhận mà các thân nhân đã nêu',
  }),
  declarationInReview: (): Words => ({
    en: 'a declaration is already in review',
    vi: 'đã có tờ khai đang được thẩm định',
  }),
  declarationRejected: (): Words => ({
    en: 'the declaration was rejected: the relatives confirm in VNeID',
    vi: 'tờ khai đã bị từ chối: các thân nhân xác nhận qua VNeID',
  }),
  /** Asked again of a case or step that has moved on (the API's own check). */
  caseAlready: ({ status }: { status: string }): Words => {
    const name = named(CASE_STATUS_NAMES, status, { vi: status, en: status });
    return { en: `the case is already ${status}`, vi: `hồ sơ đã ở trạng thái ${name.vi}` };
  },
  stepAlready: ({ state }: { state: string }): Words => {
    const name = named(STEP_STATE_NAMES, state, { vi: state, en: state });
    return { en: `the step is already ${state}`, vi: `bước này đã ở trạng thái ${name.vi}` };
  },
  noPayeeConfirmationAwaited: (): Words => ({
    en: 'no payee confirmation is awaited',
    vi: 'không có việc xác nhận người nhận nào đang chờ',
  }),
} as const;

export type RefusalName = keyof typeof REFUSALS;
type ValuesOf<N extends RefusalName> = Parameters<(typeof REFUSALS)[N]>[0];

/** A refusal by name with the values its words hold. */
export interface Refused {
  name: RefusalName;
  values?: Record<string, string | number>;
}

/** A refusal of `name`, with its values when its words hold some. */
export function refusal<N extends RefusalName>(
  name: N,
  ...values: ValuesOf<N> extends undefined ? [] : [ValuesOf<N>]
): Refused {
  return { name, ...(values[0] !== undefined && { values: values[0] }) };
}

/** A refusal's words in both languages. */
export function refusalWords({ name, values }: Refused): Words {
  return (REFUSALS[name] as (values: unknown) => Words)(values);
}

/** Whether a value recorded as a refusal is one this catalogue can say. */
export const isRefused = (value: unknown): value is Refused =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { name?: unknown }).name === 'string' &&
  Object.hasOwn(REFUSALS, (value as { name: string }).name);
