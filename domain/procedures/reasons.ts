// Why a step or a case ended without its result, as a namespaced code (STYLE rule 33) a citizen can be
// told in Vietnamese or English. Agencies send their own codes (`RESIDENCE.ADDRESS_UNKNOWN`); the
// engine adds the codes below for what it decides itself. A code nobody wrote words for is told by its
// namespace (the agency) — never shown raw to a citizen.

/** The citizen's language (notifications.ts names it too; no import, to keep the two apart). */
type Language = 'vi' | 'en';

export const ReasonCode = {
  /** The citizen did not answer a request for supplement in time (7 working days). */
  SUPPLEMENT_TIMEOUT: 'SUPPLEMENT.TIMEOUT',
  /** An officer rejected the step, with their reason. */
  OFFICER_REJECTED: 'OFFICER.REJECTED',
  /** Sent back to the earlier agency whose record caused a defect. */
  RETURNED: 'STEP.RETURNED',
  /** The earlier agency's record was returned more often than the rules allow. */
  CORRECTION_LIMIT: 'CORRECTION.LIMIT',
  /** The earlier agency could not correct its record. */
  CORRECTION_FAILED: 'CORRECTION.FAILED',
  /** The applicant withdrew the case. */
  WITHDRAWN: 'CASE.WITHDRAWN',
  /** An agency refused the request itself (it answered that the request is invalid). */
  AGENCY_BAD_REQUEST: 'AGENCY.BAD_REQUEST',
  /** An agency refused without a code of its own. */
  AGENCY_REJECTED: 'AGENCY.REJECTED',
  /** The step could not be carried out (its workflow failed, timed out or was stopped). */
  STEP_FAILED: 'STEP.FAILED',
  STEP_CANCELLED: 'STEP.CANCELLED',
  STEP_TIMED_OUT: 'STEP.TIMED_OUT',
  /** A granted benefit whose payment was refused by the bank and by the post. */
  PAYMENT_REFUSED: 'PAYMENTS.REFUSED',
  /** After an annulment, an agency refused to undo its effect: someone must act by hand. */
  COMPENSATION_FAILED: 'COMPENSATION.FAILED',
  /** Not every adult relative confirmed the lump sum's payee in time. */
  PAYEE_NOT_CONFIRMED: 'PAYEE.NOT_CONFIRMED',
  /**
   * A benefit's payee is not a relative of the deceased in the population database: never paid
   * automatically (a survivor allowance goes only to a relative, Luật BHXH 2024 Art. 86–89; DOMAIN §5).
   */
  PAYEE_NOT_VERIFIED: 'PAYEE.NOT_VERIFIED',
  /** The officer refused to pay the funeral allowance to its organiser, who is not a known relative. */
  PAYEE_NOT_APPROVED: 'PAYEE.NOT_APPROVED',
  /** The officer found the relatives' declaration (Form 09-HSB) invalid. */
  DECLARATION_REJECTED: 'PAYEE.DECLARATION_REJECTED',
  /**
   * The case was received but its workflow could never be started (Temporal refused the start for
   * good, api/case-starts.ts): it ended, and may be filed again.
   */
  NOT_OPENED: 'CASE.NOT_OPENED',
} as const;
export type ReasonCode = (typeof ReasonCode)[keyof typeof ReasonCode];

type Words = Record<Language, string>;

const REFUSED: Words = { vi: 'cơ quan từ chối', en: 'refused by the agency' };

const CODES: Record<string, Words> = {
  [ReasonCode.SUPPLEMENT_TIMEOUT]: {
    vi: 'không bổ sung hồ sơ trong thời hạn',
    en: 'the supplement was not provided in time',
  },
  [ReasonCode.OFFICER_REJECTED]: { vi: 'cán bộ thụ lý từ chối', en: 'refused by the officer' },
  [ReasonCode.RETURNED]: {
    vi: 'trả lại cơ quan giải quyết trước để điều chỉnh',
    en: 'returned to the earlier agency for correction',
  },
  [ReasonCode.CORRECTION_LIMIT]: {
    vi: 'hồ sơ đã bị trả lại quá số lần cho phép',
    en: 'returned for correction more often than allowed',
  },
  [ReasonCode.CORRECTION_FAILED]: {
    vi: 'cơ quan giải quyết trước không điều chỉnh được thông tin',
    en: 'the earlier agency could not correct its record',
  },
  [ReasonCode.WITHDRAWN]: { vi: 'người nộp đã rút hồ sơ', en: 'withdrawn by the applicant' },
  [ReasonCode.NOT_OPENED]: {
    vi: 'hệ thống không mở được hồ sơ; đề nghị nộp lại',
    en: 'the system could not open the case; please file it again',
  },
  [ReasonCode.AGENCY_BAD_REQUEST]: {
    vi: 'hệ thống của cơ quan không chấp nhận yêu cầu',
    en: 'the agency’s system refused the request',
  },
  [ReasonCode.AGENCY_REJECTED]: REFUSED,
  [ReasonCode.STEP_FAILED]: {
    vi: 'bước này không thực hiện được',
    en: 'this step could not be carried out',
  },
  [ReasonCode.STEP_CANCELLED]: { vi: 'bước này đã bị dừng', en: 'this step was stopped' },
  [ReasonCode.STEP_TIMED_OUT]: {
    vi: 'bước này quá thời gian xử lý tối đa',
    en: 'this step ran past its longest time',
  },
  [ReasonCode.PAYMENT_REFUSED]: {
    vi: 'trợ cấp đã được giải quyết nhưng việc chi trả bị từ chối',
    en: 'the allowance was granted but its payment was refused',
  },
  [ReasonCode.COMPENSATION_FAILED]: {
    vi: 'chưa hoàn tác được, cán bộ sẽ xử lý trực tiếp',
    en: 'could not be undone; an officer will see to it',
  },
  'PAYMENTS.INVALID_ACCOUNT': {
    vi: 'tài khoản ngân hàng không hợp lệ hoặc đã đóng',
    en: 'the bank account is invalid or closed',
  },
  [ReasonCode.PAYEE_NOT_CONFIRMED]: {
    vi: 'chưa đủ thân nhân xác nhận người nhận trợ cấp trong thời hạn',
    en: 'not every adult relative confirmed the payee in time',
  },
  [ReasonCode.PAYEE_NOT_VERIFIED]: {
    vi: 'người nhận tiền không phải thân nhân của người mất theo Cơ sở dữ liệu quốc gia về dân cư',
    en: 'the payee is not a relative of the deceased in the population database',
  },
  [ReasonCode.PAYEE_NOT_APPROVED]: {
    vi: 'cán bộ không duyệt chi trả cho người lo mai táng',
    en: 'the officer did not approve paying the person who organised the funeral',
  },
  [ReasonCode.DECLARATION_REJECTED]: {
    vi: 'tờ khai của thân nhân (mẫu 09-HSB) không được chấp nhận',
    en: 'the relatives’ declaration (Form 09-HSB) was not accepted',
  },
  'BENEFITS.CLAIM_TOO_LATE': {
    vi: 'nộp hồ sơ quá thời hạn hưởng',
    en: 'the claim was filed too late',
  },
  'BENEFITS.NO_ENTITLEMENT': {
    vi: 'người mất không thuộc đối tượng hưởng trợ cấp mai táng',
    en: 'the deceased was not entitled to a funeral allowance',
  },
  'BENEFITS.NO_SURVIVOR_ENTITLEMENT': {
    vi: 'không đủ điều kiện hưởng trợ cấp tử tuất',
    en: 'no entitlement to a survivor allowance',
  },
  'BENEFITS.NO_MONTHLY_SURVIVOR': {
    vi: 'không đủ điều kiện hưởng trợ cấp tuất hằng tháng',
    en: 'no entitlement to a monthly survivor allowance',
  },
  // Issue 20: refusals by a rule the engine cites (the rule is in the step's result).
  'BENEFITS.NO_RULE_FOR_DATE': {
    vi: 'hệ thống chưa có quy định về mức hưởng cho ngày mất này; đề nghị liên hệ trực tiếp cơ quan chi trả',
    en: 'no benefit rule is known here for this date of death; apply to the paying body directly',
  },
  'BENEFITS.NO_ELIGIBLE_RELATIVE': {
    vi: 'không có thân nhân đủ điều kiện hưởng trợ cấp tuất hằng tháng theo Cơ sở dữ liệu quốc gia về dân cư; có thể đề nghị trợ cấp tuất một lần',
    en: 'no relative qualifies for a monthly survivor allowance in the population database; a lump sum can be claimed',
  },
  'RESIDENCE.ADDRESS_UNKNOWN': {
    vi: 'địa chỉ thường trú không có trong cơ sở dữ liệu cư trú',
    en: 'the residence address is not known to the residence database',
  },
};

/** Who refused, by the code's namespace, when the code itself has no words. */
const NAMESPACES: Record<string, Words> = {
  CIVIL_STATUS: { vi: 'cơ quan hộ tịch từ chối', en: 'refused by the civil-status office' },
  POPULATION: {
    vi: 'cơ sở dữ liệu quốc gia về dân cư từ chối',
    en: 'refused by the population database',
  },
  RESIDENCE: { vi: 'công an cấp xã từ chối', en: 'refused by the commune police' },
  SOCIAL_INSURANCE: {
    vi: 'cơ quan bảo hiểm xã hội từ chối',
    en: 'refused by Vietnam Social Security',
  },
  SOCIAL_PROTECTION: {
    vi: 'cơ quan bảo trợ xã hội từ chối',
    en: 'refused by the social-protection office',
  },
  MERIT_SERVICES: {
    vi: 'cơ quan người có công từ chối',
    en: 'refused by the merit-services office',
  },
  PAYMENTS: { vi: 'việc chi trả bị từ chối', en: 'the payment was refused' },
  BENEFITS: { vi: 'không đủ điều kiện hưởng', en: 'not entitled' },
};

/** Codes whose words are a system's, not a person's: a citizen is told the code's meaning only. */
const TECHNICAL: readonly string[] = [
  ReasonCode.AGENCY_BAD_REQUEST,
  ReasonCode.STEP_FAILED,
  ReasonCode.STEP_CANCELLED,
  ReasonCode.STEP_TIMED_OUT,
  ReasonCode.SUPPLEMENT_TIMEOUT,
  ReasonCode.NOT_OPENED,
];

/** What a citizen reads: the code's meaning, then the words of the officer or agency who refused. */
export function reasonForCitizen(
  refusal: { code?: string; reason: string },
  language: Language,
): string {
  if (!refusal.code) return refusal.reason;
  const meaning = describeReason(refusal.code, language);
  const words = TECHNICAL.includes(refusal.code) ? '' : refusal.reason.trim();
  return words && words !== refusal.code ? `${meaning}: ${words}` : meaning;
}

/** The code in the citizen's language: its own words, else its agency's, else a general refusal. */
export function describeReason(code: string, language: Language): string {
  return (CODES[code] ?? NAMESPACES[code.split('.')[0] ?? ''] ?? REFUSED)[language];
}
