// The documents a case hands out (issue 21): the desk's receipt at filing, and each agency's
// electronic result when its step completes — which step issues which document, who signs it, the
// number printed on it, and the template (versioned: a document is re-rendered only from the
// template it was issued with, so a later layout never changes an issued one).
import type { StepView } from './procedures/views';
import { Agency } from './principal';

/** Who signs: each agency with its own key (documents/pki.ts). */
export type Issuer = Agency;

export const ISSUERS: Record<Issuer, { name: string }> = {
  [Agency.civilStatus]: { name: 'Ủy ban nhân dân cấp xã — Công chức Tư pháp - Hộ tịch' },
  [Agency.police]: { name: 'Công an cấp xã — Cơ quan đăng ký cư trú' },
  [Agency.socialInsurance]: { name: 'Bảo hiểm xã hội Việt Nam' },
  [Agency.socialProtection]: { name: 'Cơ quan bảo trợ xã hội cấp tỉnh' },
  [Agency.meritServices]: { name: 'Cơ quan quản lý người có công cấp tỉnh' },
};

export const DocumentKind = {
  receipt: 'receipt',
  birthExtract: 'birth_extract',
  residenceRegistration: 'residence_registration',
  healthInsuranceCard: 'health_insurance_card',
  deathExtract: 'death_extract',
  residenceRemoval: 'residence_removal',
  funeralDecision: 'funeral_decision',
  survivorDecision: 'survivor_decision',
} as const;
export type DocumentKind = (typeof DocumentKind)[keyof typeof DocumentKind];

export interface ResultDocumentSpec {
  kind: Exclude<DocumentKind, 'receipt'>;
  /** The template, and its version: `<kind>/<n>`. */
  template: string;
  /** The title printed on it, in Vietnamese. */
  title: string;
  /** Its number: the step result's field that holds it. */
  numberField: string;
  /** The form it follows, or what it stands for where no form is prescribed. */
  basis: string;
}

/** Each step that hands out a document; steps not named (pension-stop) hand out none. */
export const RESULT_DOCUMENTS: Record<string, ResultDocumentSpec> = {
  birth: {
    kind: DocumentKind.birthExtract,
    template: 'birth_extract/1',
    title: 'TRÍCH LỤC KHAI SINH',
    numberField: 'extractNumber',
    // Luật Hộ tịch 2014 Art. 14(1), the forms of TT 04/2020/TT-BTP reissued by TT 04/2024/TT-BTP
    // (DOMAIN.md §3A [S45][S46]).
    basis: 'Luật Hộ tịch 2014, Điều 14; mẫu Thông tư 04/2024/TT-BTP',
  },
  residence: {
    kind: DocumentKind.residenceRegistration,
    template: 'residence_registration/1',
    title: 'THÔNG BÁO KẾT QUẢ ĐĂNG KÝ THƯỜNG TRÚ',
    numberField: 'residenceRef',
    // Residence agency outcomes under TT 66/2023/TT-BCA (DOMAIN.md §4 [S70], (S)).
    basis: 'Luật Cư trú 2020; Thông tư 66/2023/TT-BCA',
  },
  insurance: {
    kind: DocumentKind.healthInsuranceCard,
    template: 'health_insurance_card/1',
    title: 'THẺ BẢO HIỂM Y TẾ (TRẺ EM DƯỚI 6 TUỔI)',
    numberField: 'insuranceNumber',
    // The card's number is the 10-digit mã số BHXH since 01/04/2021 (DOMAIN.md §3A [S51]).
    basis: 'Luật Bảo hiểm y tế; QĐ 1449/QĐ-BHXH',
  },
  death: {
    kind: DocumentKind.deathExtract,
    template: 'death_extract/1',
    title: 'TRÍCH LỤC KHAI TỬ',
    numberField: 'extractNumber',
    // Death-registration content: TT 04/2020/TT-BTP updated by TT 04/2024/TT-BTP (DOMAIN.md §3B).
    basis: 'Luật Hộ tịch 2014, Điều 34; mẫu Thông tư 04/2024/TT-BTP',
  },
  'residence-removal': {
    kind: DocumentKind.residenceRemoval,
    template: 'residence_removal/1',
    title: 'THÔNG BÁO KẾT QUẢ XÓA ĐĂNG KÝ THƯỜNG TRÚ',
    numberField: 'residenceRef',
    basis: 'Luật Cư trú 2020, Điều 24; Thông tư 66/2023/TT-BCA',
  },
  funeral: {
    kind: DocumentKind.funeralDecision,
    template: 'funeral_decision/1',
    title: 'QUYẾT ĐỊNH VỀ VIỆC HƯỞNG TRỢ CẤP MAI TÁNG',
    numberField: 'decisionNumber',
    basis: 'Luật Bảo hiểm xã hội 2024, Điều 85 (DOMAIN.md §3B)',
  },
  survivor: {
    kind: DocumentKind.survivorDecision,
    template: 'survivor_decision/1',
    title: 'QUYẾT ĐỊNH VỀ VIỆC HƯỞNG TRỢ CẤP TUẤT',
    numberField: 'decisionNumber',
    basis: 'Luật Bảo hiểm xã hội 2024, Điều 86–88 (DOMAIN.md §3B)',
  },
};

export const RECEIPT_TEMPLATE = 'receipt/1';

/** What a step's completion asks to be issued: its kind, signer and number, or nothing. */
export function resultDocumentOf(
  step: Pick<StepView, 'step' | 'agency' | 'state' | 'result'>,
): { spec: ResultDocumentSpec; issuer: Issuer; number: string } | undefined {
  const spec = RESULT_DOCUMENTS[step.step];
  const number = step.result?.[spec?.numberField ?? ''];
  if (!spec || step.state !== 'completed' || !number) return undefined;
  return { spec, issuer: step.agency, number };
}

/** The state a verification reports (GET /verify/{code}). */
export type DocumentValidity = 'valid' | 'revoked' | 'superseded';

/**
 * A verification code: 12 characters of Crockford's base32 (no I, L, O, U), 60 random bits —
 * short enough to type from paper, too many to guess behind a rate limit.
 */
export const VERIFICATION_CODE = /^[0-9A-HJKMNP-TV-Z]{12}$/;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The code for 12 random bytes' worth of entropy (only the low 5 bits of each are used). */
export function verificationCode(random: Uint8Array): string {
  if (random.length < 12) throw new RangeError('a verification code needs 12 random bytes');
  return Array.from(random.subarray(0, 12), (byte) => ALPHABET[byte & 31]).join('');
}

/** The public page a document's QR code opens (GET /verify/{code}). */
export const verifyUrl = (publicUrl: string, code: string) =>
  `${publicUrl.replace(/\/$/, '')}/verify/${code}`;

/** A code as typed: any letter case, with spaces or dashes between groups. */
export function parseVerificationCode(text: string): string | undefined {
  const code = text.replace(/[\s-]/g, '').toUpperCase();
  return VERIFICATION_CODE.test(code) ? code : undefined;
}

/** What each kind of document is called, for lists and the verification page. */
export const DOCUMENT_TITLES: Record<DocumentKind, { vi: string; en: string }> = {
  receipt: {
    vi: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    en: 'Receipt of the application, with the appointment date',
  },
  birth_extract: { vi: 'Trích lục khai sinh', en: 'Birth registration extract' },
  residence_registration: {
    vi: 'Thông báo kết quả đăng ký thường trú',
    en: 'Notice of permanent residence registration',
  },
  health_insurance_card: {
    vi: 'Thẻ bảo hiểm y tế (trẻ em dưới 6 tuổi)',
    en: 'Health insurance card (child under 6)',
  },
  death_extract: { vi: 'Trích lục khai tử', en: 'Death registration extract' },
  residence_removal: {
    vi: 'Thông báo kết quả xóa đăng ký thường trú',
    en: 'Notice of removal of permanent residence',
  },
  funeral_decision: {
    vi: 'Quyết định hưởng trợ cấp mai táng',
    en: 'Decision on the funeral allowance',
  },
  survivor_decision: {
    vi: 'Quyết định hưởng trợ cấp tuất',
    en: 'Decision on the survivor allowance',
  },
};

/** The receipt's issuer: the commune's one-stop desk (not a signing agency). */
export const ONE_STOP_DESK = 'one-stop';

/** Who issued a document, by name: the agency, or the desk, of the case's commune. */
export function issuerName(issuer: string, communeName: string): string {
  if (issuer === ONE_STOP_DESK) return `Bộ phận tiếp nhận và trả kết quả — UBND ${communeName}`;
  if (issuer === Agency.civilStatus) return `UBND ${communeName}`;
  if (issuer === Agency.police) return `Công an ${communeName}`;
  return ISSUERS[issuer as Issuer]?.name ?? issuer;
}
