// Human-readable case codes (issue 21): printed on the desk receipt, shown in the case view and
// searched by, beside the case id that URLs keep. `KS-00004-2612-000123` reads: the procedure group
// (KS, khai sinh: the birth group; KT, khai tử: the death group), the receiving commune's code, the
// year and month of receipt in Vietnam (26-12), and the commune's running number for the group in
// that month. The one-stop receipt (Giấy tiếp nhận hồ sơ và hẹn trả kết quả, form 01 of Circular
// 01/2018/TT-VPCP under Decree 61/2018/NĐ-CP) carries a "mã hồ sơ"; that circular leaves its layout
// to the system, and this one is ours (the example; not in DOMAIN.md).
import { vietnamDate } from './calendar/vietnam';

const PREFIX: Record<string, string> = {
  'birth-residence-insurance': 'KS',
  'death-residence-funeral': 'KT',
};

/** What the running number counts within: the group, the commune, the month. */
export interface CaseCodeSeries {
  prefix: string;
  commune: string;
  /** YYMM, Vietnam time. */
  period: string;
}

export function caseCodeSeries(
  procedure: string,
  commune: string,
  receivedAt: number,
): CaseCodeSeries {
  const prefix = PREFIX[procedure];
  if (!prefix) throw new RangeError(`no case code for the procedure ${procedure}`);
  const [year = '', month = ''] = vietnamDate(receivedAt).split('-');
  return { prefix, commune, period: `${year.slice(2)}${month}` };
}

export const formatCaseCode = ({ prefix, commune, period }: CaseCodeSeries, number: number) =>
  `${prefix}-${commune}-${period}-${String(number).padStart(6, '0')}`;

/** A case code as people type it (any case, spaces around): its canonical form, or undefined. */
export function parseCaseCode(text: string): string | undefined {
  const code = text.trim().toUpperCase();
  return /^K[ST]-\d{5}-\d{4}-\d{6,}$/.test(code) ? code : undefined;
}
