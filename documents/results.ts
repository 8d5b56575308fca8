// The electronic result of each step as a PDF (issue 21), before it is signed: a birth or death
// extract, the residence agency's notice of registration or removal, the child's health-insurance
// card, the payer's benefit decision. Each template is versioned (domain/documents.ts): what one
// prints is fixed by its version. They print what the application said as filed and what the
// agencies answered (the case's step results), and a QR code to verify the document. The contents
// follow the forms' fields listed in DOMAIN.md §3A–3B; the forms' exact layout was not seen there.
import type { PDFDocument } from 'pdf-lib';
import type { BirthApplication } from '../domain/BirthApplication';
import type { DeathApplication } from '../domain/DeathApplication';
import { Agency } from '../domain/principal';
import { dmy } from '../domain/receipt';
import type { Issuer, ResultDocumentSpec } from '../domain/documents';
import type { CaseView } from '../domain/procedures/views';
import { localDate, Sheet } from './layout';

export interface ResultDocument {
  spec: ResultDocumentSpec;
  issuer: Issuer;
  number: string;
  /** 0, or the correction of the record this issue follows (printed as such). */
  issue?: number;
  caseCode: string;
  issuedAt: string;
  application: BirthApplication | DeathApplication;
  /** The case as projected: each step's result (the child's PIN for the card, say). */
  view: CaseView;
  communeName: (code: string) => string;
  verification: { url: string; code: string };
}

type Row = [label: string, value: string];

const SEX = { male: 'Nam', female: 'Nữ' } as const;
const country = (code: string) => (code === 'VN' ? 'Việt Nam' : code);
const vnd = (amount: string) => `${Number(amount).toLocaleString('vi-VN')} đồng`;

/** The issuing body, as the heading's left column prints it. */
function issuingBody(issuer: Issuer, commune: string): string[] {
  switch (issuer) {
    case Agency.civilStatus:
      return [`UBND ${commune.toUpperCase()}`];
    case Agency.police:
      return ['BỘ CÔNG AN', `CÔNG AN ${commune.toUpperCase()}`];
    case Agency.socialInsurance:
      return ['BẢO HIỂM XÃ HỘI VIỆT NAM'];
    case Agency.socialProtection:
      return ['ỦY BAN NHÂN DÂN CẤP TỈNH', 'CƠ QUAN BẢO TRỢ XÃ HỘI'];
    case Agency.meritServices:
      return ['ỦY BAN NHÂN DÂN CẤP TỈNH', 'CƠ QUAN QUẢN LÝ NGƯỜI CÓ CÔNG'];
  }
}

const resultOf = (view: CaseView, step: string) =>
  view.steps.find((s) => s.step === step)?.result ?? {};

type Rows<A> = (app: A, doc: ResultDocument) => Row[];
type Kind = ResultDocumentSpec['kind'];
type BirthKind = Extract<
  Kind,
  'birth_extract' | 'residence_registration' | 'health_insurance_card'
>;
type DeathKind = Exclude<Kind, BirthKind>;

const at = (doc: ResultDocument, address: { commune: string; line: string }) =>
  `${address.line}, ${doc.communeName(address.commune)}`;
const childPin = (doc: ResultDocument) => resultOf(doc.view, 'birth').pin ?? '';

const BIRTH_ROWS: Record<BirthKind, Rows<BirthApplication>> = {
  birth_extract: (app, doc) => {
    const { child } = app;
    const parent = (label: string, person: BirthApplication['mother']): Row[] =>
      person
        ? [
            [`Họ, chữ đệm, tên ${label}`, person.fullName],
            ['Năm sinh', String(person.yearOfBirth)],
            ['Dân tộc', person.ethnicity],
            ['Quốc tịch', country(person.nationality)],
            ['Nơi cư trú', at(doc, person.address)],
          ]
        : [[`Họ, chữ đệm, tên ${label}`, '(không có thông tin)']];
    return [
      ['Họ, chữ đệm, tên', child.fullName],
      ['Ngày, tháng, năm sinh', dmy(child.dateOfBirth)],
      ['Giới tính', SEX[child.sex]],
      ['Dân tộc', child.ethnicity],
      ['Quốc tịch', country(child.nationality)],
      ['Nơi sinh', child.placeOfBirth],
      ['Quê quán', child.hometown],
      ['Số định danh cá nhân', childPin(doc)],
      ...parent('người mẹ', app.mother),
      ...parent('người cha', app.father),
      ['Nơi đăng ký khai sinh', `UBND ${doc.communeName(app.receivingCommune)}`],
    ];
  },
  residence_registration: ({ child, residence }, doc) => [
    ['Họ, chữ đệm, tên', child.fullName],
    ['Ngày, tháng, năm sinh', dmy(child.dateOfBirth)],
    ['Số định danh cá nhân', childPin(doc)],
    ['Nơi thường trú', residence ? at(doc, residence.address) : ''],
    ['Số định danh cá nhân của chủ hộ', residence?.householdHeadPin ?? ''],
    ['Quan hệ với chủ hộ', residence?.relationshipToHead ?? ''],
    ['Kết quả', 'Đã đăng ký thường trú, cập nhật vào Cơ sở dữ liệu về cư trú'],
  ],
  health_insurance_card: ({ child }, doc) => {
    const card = resultOf(doc.view, 'insurance');
    return [
      ['Mã số BHXH (số thẻ)', card.insuranceNumber ?? doc.number],
      ['Họ, chữ đệm, tên', child.fullName],
      ['Ngày, tháng, năm sinh', dmy(child.dateOfBirth)],
      ['Giới tính', SEX[child.sex]],
      ['Số định danh cá nhân', childPin(doc)],
      ['Nơi đăng ký khám, chữa bệnh ban đầu', card.facility ?? ''],
      [
        'Giá trị sử dụng',
        card.validFrom && card.validTo ? `từ ${dmy(card.validFrom)} đến ${dmy(card.validTo)}` : '',
      ],
      ['Đối tượng', 'Trẻ em dưới 6 tuổi — ngân sách nhà nước đóng'],
    ];
  },
};

const deceasedRows = ({ deceased }: DeathApplication): Row[] => [
  ['Họ, chữ đệm, tên người đã mất', deceased.fullName],
  ['Ngày, tháng, năm sinh', dmy(deceased.dateOfBirth)],
  ['Số định danh cá nhân', deceased.pin],
];

/** The amount and how it is paid, from the step's result. */
const moneyRows = (doc: ResultDocument, step: 'funeral' | 'survivor'): Row[] => {
  const result = resultOf(doc.view, step);
  return [
    ['Số tiền', result.amountVnd ? vnd(result.amountVnd) : ''],
    [
      'Hình thức chi trả',
      result.paymentChannel === 'bank'
        ? 'Chuyển khoản vào tài khoản của người nhận'
        : result.paymentChannel
          ? 'Chi trả qua bưu điện'
          : 'Theo quyết định',
    ],
  ];
};

const DEATH_ROWS: Record<DeathKind, Rows<DeathApplication>> = {
  death_extract: (app, doc) => {
    const { deceased, death } = app;
    return [
      ...deceasedRows(app),
      ['Giới tính', SEX[deceased.sex]],
      ['Dân tộc', deceased.ethnicity],
      ['Quốc tịch', country(deceased.nationality)],
      ['Nơi cư trú cuối cùng', at(doc, deceased.lastResidence)],
      [
        'Đã chết vào lúc',
        `${death.time ? `${death.time.replace(':', ' giờ ')} phút, ` : ''}ngày ${dmy(death.date)}`,
      ],
      ['Nơi chết', death.place],
      ['Nguyên nhân chết', death.cause],
      [
        'Giấy báo tử / giấy tờ thay thế',
        `số ${app.deathNotice.number}, ${app.deathNotice.issuer}, ngày ${dmy(app.deathNotice.issuedOn)}`,
      ],
      ['Nơi đăng ký khai tử', `UBND ${doc.communeName(app.receivingCommune)}`],
    ];
  },
  residence_removal: (app, doc) => [
    ...deceasedRows(app),
    ['Nơi thường trú đã xóa đăng ký', at(doc, app.deceased.lastResidence)],
    ['Lý do', 'Người đăng ký thường trú đã chết (Luật Cư trú 2020, Điều 24 khoản 1 điểm a)'],
  ],
  funeral_decision: (app, doc) => [
    ...deceasedRows(app),
    ['Người nhận trợ cấp', `${app.applicant.fullName} (người lo mai táng)`],
    ...moneyRows(doc, 'funeral'),
  ],
  survivor_decision: (app, doc) => {
    const lumpSum = app.survivor?.kind === 'lump_sum';
    const payee = app.relatives.find((r) => r.pin === app.survivor?.payeePin);
    return [
      ...deceasedRows(app),
      ['Loại trợ cấp', lumpSum ? 'Trợ cấp tuất một lần' : 'Trợ cấp tuất hằng tháng'],
      ...(lumpSum && payee ? [['Người nhận trợ cấp', payee.fullName] as Row] : []),
      ...moneyRows(doc, 'survivor'),
    ];
  },
};

/** What the document prints of the application and the agencies' answers. */
function rowsOf(doc: ResultDocument): Row[] {
  const { application: app, spec } = doc;
  if (app.procedure === 'birth-residence-insurance' && spec.kind in BIRTH_ROWS)
    return BIRTH_ROWS[spec.kind as BirthKind](app, doc);
  if (app.procedure === 'death-residence-funeral' && spec.kind in DEATH_ROWS)
    return DEATH_ROWS[spec.kind as DeathKind](app, doc);
  throw new Error(`${spec.kind} is not a document of ${app.procedure}`);
}

/** The document, laid out and not yet signed (documents/signer.ts signs it). */
export async function renderResult(doc: ResultDocument): Promise<PDFDocument> {
  const { application: app, spec } = doc;
  const commune = doc.communeName(app.receivingCommune);
  const sheet = await Sheet.create({
    body: issuingBody(doc.issuer, commune),
    title: spec.title,
    subtitle: [
      '(Bản điện tử có chữ ký số)',
      ...(doc.issue ? [`Cấp lại sau khi cải chính hộ tịch (lần ${doc.issue})`] : []),
      spec.basis,
    ],
    reference: `Số: ${doc.number}`,
    placeAndDate: `${commune}, ngày ${localDate(doc.issuedAt)}`,
    metadata: {
      title: `${spec.title} số ${doc.number}`,
      subject: doc.caseCode,
      keywords: [spec.kind, spec.template, doc.verification.code],
    },
  });
  sheet.fields(rowsOf(doc));
  sheet.fields([['Mã hồ sơ liên thông', doc.caseCode]]);
  sheet.gap(12);
  await sheet.qr(doc.verification.url, [
    'Xác thực văn bản này: quét mã QR bên cạnh, hoặc nhập mã',
    `${doc.verification.code} tại trang xác thực:`,
    doc.verification.url,
  ]);
  sheet.gap(8);
  const body = issuingBody(doc.issuer, commune);
  sheet.signatures([
    { title: '', lines: [] },
    { title: 'CƠ QUAN CẤP', lines: ['(Đã ký số)', '', body.at(-1) ?? ''] },
  ]);
  sheet.footer(`Văn bản điện tử có giá trị như bản giấy (NĐ 45/2020/NĐ-CP). Mẫu ${spec.template}.`);
  return sheet.doc;
}
