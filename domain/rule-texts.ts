// The words of every rule the door checks (issue 22, item 3): one catalogue, by name, each rule in
// Vietnamese and English, for the API's problem details and the pages' forms alike. A schema's check
// says its rule's English words (`rule('pinDigits')`), which zod keeps as the issue's message and
// which name the rule again when it is shown (`ruleWords`); a rule whose words hold values of the
// application (a PIN's digits, a child's age) travels as its name and values in the issue's `params`
// (`ruleIssue`). Zod-free: the pages and the workflows' bundle may read it.

/** Words said in both languages; the reader gets the one they read. */
export interface Words {
  vi: string;
  en: string;
}

export type Language = keyof Words;

const RULES = {
  pinDigits: { en: 'must be 12 digits', vi: 'phải gồm đúng 12 chữ số' },
  communeCode: { en: 'must be a 5-digit commune code', vi: 'phải là mã xã/phường gồm 5 chữ số' },
  unknownCommune: { en: 'unknown commune code', vi: 'mã xã/phường không có trong danh mục' },
  nameTooShort: { en: 'at least 2 characters', vi: 'cần ít nhất 2 ký tự' },
  nameLetters: { en: "letters, spaces and . ' - only", vi: "chỉ gồm chữ cái, dấu cách và . ' -" },
  phone: { en: 'a Vietnamese phone number', vi: 'phải là số điện thoại Việt Nam (0xxxxxxxxx)' },
  countryCode: { en: 'ISO 3166-1 alpha-2 code', vi: 'mã quốc gia gồm 2 chữ cái in hoa, ví dụ VN' },
  notACountry: {
    en: 'not a country’s ISO 3166-1 code',
    vi: 'không phải mã của một quốc gia (ISO 3166-1)',
  },
  notAnEthnicGroup: {
    en: 'not one of the 54 ethnic groups of Vietnam',
    vi: 'không có trong Danh mục 54 dân tộc Việt Nam',
  },
  passportNumber: { en: '5–20 letters and digits', vi: 'gồm 5–20 chữ cái và chữ số' },
  birthCertificateNumber: {
    en: '4–30 letters, digits, / . -',
    vi: 'gồm 4–30 chữ cái, chữ số, / . -',
  },
  deathNoticeNumber: { en: '3–40 letters, digits, / . -', vi: 'gồm 3–40 chữ cái, chữ số, / . -' },
  inTheFuture: { en: 'is in the future', vi: 'không được là ngày trong tương lai' },
  beforeBirth: { en: 'is before the date of birth', vi: 'không được trước ngày sinh' },
  beforeDeath: { en: 'is before the death', vi: 'không được trước ngày mất' },
  afterToday: { en: 'is after today', vi: 'không được sau ngày hôm nay' },
  chooseComponents: {
    en: 'choose residence registration, the health-insurance card, or both',
    vi: 'chọn đăng ký thường trú, cấp thẻ BHYT, hoặc cả hai',
  },
  residenceRequired: {
    en: 'required when residence registration is chosen',
    vi: 'bắt buộc khi chọn đăng ký thường trú',
  },
  motherRequired: {
    en: 'required (only an abandoned child’s unknown parents are left out)',
    vi: 'bắt buộc (chỉ được để trống khi trẻ bị bỏ rơi không rõ cha mẹ)',
  },
  abandonedChildCarer: {
    en: 'an abandoned child is registered by its temporary carer: guardian',
    vi: 'trẻ bị bỏ rơi do người đang tạm thời nuôi dưỡng đăng ký: chọn người giám hộ',
  },
  parentPinRequired: {
    en: 'required (a foreign parent may give a passport instead)',
    vi: 'bắt buộc (cha, mẹ là người nước ngoài có thể khai số hộ chiếu thay thế)',
  },
  vietnameseParentPin: {
    en: 'a Vietnamese parent is identified by their PIN',
    vi: 'cha, mẹ là công dân Việt Nam khai bằng số định danh cá nhân',
  },
  time: { en: 'HH:MM', vi: 'nhập giờ theo dạng HH:MM' },
  bankCode: { en: 'bank code, e.g. VCB', vi: 'mã ngân hàng, ví dụ VCB' },
  accountNumber: { en: '6–19 digits', vi: 'gồm 6–19 chữ số' },
  survivorWithFuneral: {
    en: 'the survivor allowance is claimed with the funeral allowance',
    vi: 'trợ cấp tuất được đề nghị cùng trợ cấp mai táng',
  },
  requiredWhenClaimed: {
    en: 'required when it is claimed',
    vi: 'bắt buộc khi đề nghị trợ cấp này',
  },
  deceasedOwnPin: { en: 'is the deceased’s own PIN', vi: 'trùng số định danh của người đã mất' },
  relativeTwice: { en: 'names the same relative twice', vi: 'thân nhân bị khai trùng' },
  namePayee: { en: 'name the relative to be paid', vi: 'ghi số định danh của người nhận' },
  payeeNotARelative: {
    en: 'must be one of the named relatives',
    vi: 'phải là một trong các thân nhân đã khai',
  },
  lumpSumPayment: { en: 'required for a lump sum', vi: 'bắt buộc với trợ cấp một lần' },
  survivorRelatives: {
    en: 'name the relatives for the survivor allowance',
    vi: 'khai các thân nhân để hưởng trợ cấp tuất',
  },
  payeeOrDeclaration: {
    en: 'send either payeePin or declarationForm',
    vi: 'gửi payeePin hoặc declarationForm, không gửi cả hai',
  },
  identifier: { en: 'an identifier without spaces', vi: 'mã không có dấu cách' },
  malformedText: {
    en: 'not well-formed Unicode (a lone surrogate)',
    vi: 'có ký tự bị lỗi mã hoá (Unicode không hợp lệ)',
  },
  controlOneLine: {
    en: 'one line only, without control characters',
    vi: 'chỉ một dòng, không có ký tự điều khiển',
  },
  controlSeveralLines: { en: 'no control characters', vi: 'không được có ký tự điều khiển' },
  bidi: { en: 'no text-direction control characters', vi: 'không được có ký tự đổi chiều văn bản' },
  invisible: {
    en: 'no invisible characters',
    vi: 'không được có ký tự ẩn (như dấu cách độ rộng 0)',
  },
  documentOrFile: {
    en: 'name a document or attach a file',
    vi: 'ghi tên giấy tờ hoặc đính kèm tệp',
  },
  caseId: {
    en: 'a case id such as birth-residence-insurance:CS-2026-000001',
    vi: 'mã định danh hồ sơ, ví dụ birth-residence-insurance:CS-2026-000001',
  },
  taskId: { en: 'a task id such as <caseId>:birth', vi: 'mã việc, ví dụ <mã hồ sơ>:birth' },
  eachUploadOnce: { en: 'each upload once', vi: 'mỗi tệp tải lên chỉ được nêu một lần' },
  jurisdictionEntry: {
    en: 'a 5-digit commune code, province:<3-digit province code> or region:<region code>',
    vi: 'mã xã gồm 5 chữ số, province:<mã tỉnh 3 chữ số> hoặc region:<mã vùng>',
  },
  relativeUnknown: {
    en: 'not a relative of the deceased in the population database',
    vi: 'không phải thân nhân của người đã mất theo Cơ sở dữ liệu quốc gia về dân cư',
  },
  caseCode: {
    en: 'a case code such as KS-00004-2612-000123',
    vi: 'mã hồ sơ, ví dụ KS-00004-2612-000123',
  },
  verificationCode: {
    en: 'a 12-character code such as 7KQ2M9XH4TRW',
    vi: 'mã gồm 12 ký tự, ví dụ 7KQ2M9XH4TRW',
  },
  yearFrom1900: { en: 'a year from 1900 to 2999', vi: 'năm từ 1900 đến 2999' },
  yearFrom2000: { en: 'a year from 2000', vi: 'năm từ 2000 trở đi' },
  month: { en: 'a month: YYYY-MM', vi: 'tháng theo dạng YYYY-MM' },
  periodOrder: {
    en: 'from must not be after to',
    vi: 'ngày bắt đầu không được sau ngày kết thúc',
  },
  delegationOrder: {
    en: 'the first day must not be after the last',
    vi: 'ngày đầu không được sau ngày cuối',
  },
  delegateSelf: {
    en: 'an officer cannot stand in for themselves',
    vi: 'cán bộ không thể ủy quyền cho chính mình',
  },
  jurisdictionOrJurisdictions: {
    en: 'give either jurisdiction or jurisdictions',
    vi: 'chỉ khai một trong hai: jurisdiction hoặc jurisdictions',
  },
  officerAgency: {
    en: 'an officer has an agency; a clerk or a supervisor has none',
    vi: 'cán bộ chuyên môn thuộc một cơ quan; công chức một cửa và người giám sát thì không',
  },
  eachTaskOnce: { en: 'each task once', vi: 'mỗi việc chỉ được nêu một lần' },
  base64: { en: 'base64', vi: 'dữ liệu dạng base64' },
  notJson: { en: 'body is not valid JSON', vi: 'nội dung không phải JSON hợp lệ' },
  uploadOneFile: {
    en: 'one file only, in the part named `file`',
    vi: 'chỉ một tệp, trong phần có tên `file`',
  },
  uploadUnknownField: {
    en: 'unknown field: send `file` and `item`',
    vi: 'trường không xác định: chỉ gửi `file` và `item`',
  },
  uploadItemLength: { en: 'at most 200 characters', vi: 'tối đa 200 ký tự' },
  uploadOneFileARequest: {
    en: 'one file a request: send each file on its own',
    vi: 'mỗi lần gửi một tệp: hãy gửi từng tệp riêng',
  },
  uploadTooManyParts: {
    en: 'too many parts: `file` and `item`',
    vi: 'quá nhiều phần: chỉ `file` và `item`',
  },
  uploadOneField: { en: 'one field only: `item`', vi: 'chỉ một trường: `item`' },
  uploadFileRequired: { en: 'a file is required', vi: 'cần gửi kèm tệp' },
  uploadCut: { en: 'the upload was cut', vi: 'việc tải lên bị ngắt giữa chừng' },
  uploadUnknown: {
    en: 'no such upload of yours (or it expired)',
    vi: 'không có tệp tải lên này của bạn (hoặc tệp đã hết hạn)',
  },
  uploadTaken: { en: 'attached to a case already', vi: 'đã được đính kèm vào một hồ sơ' },
} as const satisfies Record<string, Words>;

export type Rule = keyof typeof RULES;

/** A person's sex as a PIN encodes it (domain/personal-id.ts `Sex`, which says its rules here). */
type Sex = 'male' | 'female';

const sexWords = { male: { en: 'a man', vi: 'nam' }, female: { en: 'a woman', vi: 'nữ' } };

/** Rules whose words hold values: each says its words from the values the issue carries. */
const SAYINGS = {
  /** A PIN's century-and-sex digit against the person's sex (DOMAIN.md §3A, domain/personal-id.ts). */
  pinSex: (p: { digit: string; pinSex: Sex; sex: Sex }): Words => ({
    en:
      `the PIN's 4th digit (${p.digit}) is for ${sexWords[p.pinSex].en}, ` +
      `but this person is ${sexWords[p.sex].en}`,
    vi:
      `số định danh cá nhân: chữ số thứ 4 (${p.digit}) là mã giới tính ` +
      `${sexWords[p.pinSex].vi}, nhưng người này là ${sexWords[p.sex].vi}`,
  }),
  /** A PIN's century and year digits against the person's year of birth. */
  pinYear: (p: { digits: string; pinYear: number; year: number }): Words => ({
    en: `the PIN says born in ${p.pinYear} (digits 4–6 ${p.digits}), but the year of birth is ${p.year}`,
    vi:
      `số định danh cá nhân: mã thế kỷ và năm sinh (chữ số 4–6: ${p.digits}) là năm ${p.pinYear}, ` +
      `nhưng năm sinh khai là ${p.year}`,
  }),
  /** The Group A card's age limit (DOMAIN.md §1A, §2C). */
  cardAge: (p: { limitMonths: number; years: number }): Words => ({
    en:
      `the health-insurance card of this procedure is for a child under ${p.limitMonths / 12} ` +
      `(${p.limitMonths} months); this child is ${p.years} years old on the filing date — ` +
      'file without the card',
    vi:
      `thẻ BHYT liên thông chỉ cấp cho trẻ dưới ${p.limitMonths / 12} tuổi ` +
      `(${p.limitMonths} tháng); trẻ đã ${p.years} tuổi vào ngày nộp — hãy nộp không kèm thẻ BHYT`,
  }),
  /** A holiday notice's day outside the notice's year. */
  noticeYear: (p: { date: string; year: number }): Words => ({
    en: `${p.date} is not in ${p.year}`,
    vi: `${p.date} không thuộc năm ${p.year}`,
  }),
  /** A make-up working day on a weekday. */
  makeUpWeekday: (p: { date: string }): Words => ({
    en: `${p.date} is a weekday: a make-up working day is a Saturday or Sunday`,
    vi: `${p.date} là ngày thường: ngày làm bù phải là thứ Bảy hoặc Chủ nhật`,
  }),
} as const;

export type Saying = keyof typeof SAYINGS;
type ValuesOf<S extends Saying> = Parameters<(typeof SAYINGS)[S]>[0];

/** A rule's English words: what a schema's check says, and the key to its Vietnamese. */
export const rule = (name: Rule): string => RULES[name].en;

/** A rule's words for an issue a check adds itself. */
export interface RuleIssue {
  message: string;
  params?: { saying: Saying } & Record<string, unknown>;
}

/** An issue a check of the whole application adds, at its field. */
export type ApplicationIssue = { path: PropertyKey[] } & RuleIssue;

/** An issue whose words hold values: its English message, and its saying's name and values. */
export function ruleIssue<S extends Saying>(saying: S, values: ValuesOf<S>): Required<RuleIssue> {
  const say = SAYINGS[saying] as (values: ValuesOf<S>) => Words;
  return { message: say(values).en, params: { saying, ...values } };
}

const BY_ENGLISH = new Map<string, Words>(Object.values(RULES).map((words) => [words.en, words]));

/**
 * An issue's words in both languages: a saying's from its values, a catalogued rule's by its English
 * words; undefined for words not in the catalogue (zod's own, already in the reader's language).
 */
export function ruleWords(issue: {
  message: string;
  params?: Record<string, unknown> | undefined;
}): Words | undefined {
  const saying = issue.params?.saying;
  if (typeof saying === 'string' && Object.hasOwn(SAYINGS, saying))
    return (SAYINGS[saying as Saying] as (values: unknown) => Words)(issue.params);
  return BY_ENGLISH.get(issue.message);
}

/** An issue's words in `language` (as written when not catalogued). */
export const ruleMessage = (
  issue: { message: string; params?: Record<string, unknown> | undefined },
  language: Language,
): string => ruleWords(issue)?.[language] ?? issue.message;

/** Every catalogued rule's words (tests check the catalogue is whole and unambiguous). */
export const CATALOGUED_RULES: readonly Words[] = Object.values(RULES);
