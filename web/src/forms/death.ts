// Group B's form (e-form Mẫu số 02): the fields of DeathApplication, validated by its own schema.
import {
  address,
  applicant,
  commune,
  date,
  LANGUAGE,
  origins,
  pin,
  pinWithPrefill,
  sex,
  text,
  type FormSpec,
  type GroupSpec,
  type Option,
} from './spec';

const RELATIONSHIPS: readonly Option[] = [
  { value: 'spouse', label: { vi: 'Vợ/chồng', en: 'Spouse' } },
  { value: 'child', label: { vi: 'Con', en: 'Child' } },
  { value: 'parent', label: { vi: 'Cha/mẹ', en: 'Parent' } },
  { value: 'parent_in_law', label: { vi: 'Cha/mẹ vợ hoặc chồng', en: 'Parent-in-law' } },
  { value: 'sibling', label: { vi: 'Anh/chị/em', en: 'Sibling' } },
  { value: 'grandchild', label: { vi: 'Cháu', en: 'Grandchild' } },
  { value: 'other', label: { vi: 'Khác', en: 'Other' } },
];

const payment = (
  name: string,
  legend: GroupSpec['legend'],
  extra: Partial<GroupSpec> = {},
): GroupSpec => ({
  kind: 'group',
  name,
  legend,
  ...extra,
  items: [
    {
      kind: 'group',
      name: `${name}.bankAccount`,
      legend: {
        vi: 'Tài khoản ngân hàng (bỏ trống để nhận qua bưu điện)',
        en: 'Bank account (leave empty to be paid by post)',
      },
      omitIfEmpty: true,
      items: [
        text(`${name}.bankAccount.bank`, 'Mã ngân hàng', 'Bank code', {
          hint: { vi: 'ví dụ VCB', en: 'e.g. VCB' },
        }),
        text(`${name}.bankAccount.number`, 'Số tài khoản', 'Account number', {
          inputmode: 'numeric',
        }),
      ],
    },
    address(`${name}.postAddress`, {
      vi: 'Địa chỉ nhận qua bưu điện',
      en: 'Address for payment by post',
    }),
  ],
});

export function deathForm(receivingCommune: string): FormSpec {
  return {
    procedure: 'death-residence-funeral',
    title: {
      vi: 'Khai tử – xóa thường trú – mai táng phí, tử tuất',
      en: 'Death – residence removal – allowances',
    },
    items: [
      {
        kind: 'group',
        name: 'components',
        legend: {
          vi: 'Thủ tục kèm theo khai tử và xóa thường trú',
          en: 'Procedures with the death registration and residence removal',
        },
        items: [
          {
            kind: 'checkbox',
            name: 'components.funeral',
            label: { vi: 'Đề nghị trợ cấp mai táng', en: 'Claim the funeral allowance' },
            initial: true,
          },
          {
            kind: 'checkbox',
            name: 'components.survivor',
            label: { vi: 'Đề nghị trợ cấp tuất', en: 'Claim the survivor allowance' },
            initial: false,
          },
        ],
      },
      commune(
        'receivingCommune',
        'Xã/phường tiếp nhận (nơi cư trú cuối cùng)',
        'Receiving commune (last residence)',
        receivingCommune,
      ),
      LANGUAGE,
      applicant(
        { vi: 'Quan hệ với người đã mất', en: 'Relationship to the deceased' },
        RELATIONSHIPS,
      ),
      {
        kind: 'group',
        name: 'deceased',
        legend: { vi: 'Người đã mất', en: 'The deceased' },
        items: [
          text('deceased.fullName', 'Họ, chữ đệm và tên', 'Full name'),
          pinWithPrefill(
            'deceased',
            ['fullName', 'dateOfBirth', 'sex', 'ethnicity', 'nationality'],
            'deceased.lastResidence',
          ),
          date('deceased.dateOfBirth', 'Ngày sinh', 'Date of birth'),
          sex('deceased.sex'),
          ...origins('deceased'),
          address('deceased.lastResidence', {
            vi: 'Nơi thường trú cuối cùng',
            en: 'Last permanent residence',
          }),
        ],
      },
      {
        kind: 'group',
        name: 'death',
        legend: { vi: 'Thông tin về việc chết', en: 'The death' },
        items: [
          date('death.date', 'Ngày chết', 'Date of death'),
          text('death.time', 'Giờ chết (HH:MM, không bắt buộc)', 'Time (HH:MM, optional)'),
          text('death.place', 'Nơi chết', 'Place of death', { wide: true }),
          text('death.cause', 'Nguyên nhân chết', 'Cause of death'),
        ],
      },
      {
        kind: 'group',
        name: 'deathNotice',
        legend: { vi: 'Giấy báo tử hoặc giấy tờ thay thế', en: 'Death notice or its substitute' },
        items: [
          {
            kind: 'select',
            name: 'deathNotice.kind',
            label: { vi: 'Loại giấy tờ', en: 'Kind' },
            options: [
              {
                value: 'death_notice',
                label: { vi: 'Giấy báo tử của cơ sở y tế', en: 'Death notice (health facility)' },
              },
              {
                value: 'police_confirmation',
                label: { vi: 'Xác nhận của cơ quan công an', en: 'Police confirmation' },
              },
              {
                value: 'court_ruling',
                label: { vi: 'Bản án, quyết định của Tòa án', en: 'Court ruling' },
              },
              {
                value: 'execution_record',
                label: { vi: 'Biên bản thi hành án tử hình', en: 'Execution record' },
              },
            ],
          },
          text('deathNotice.number', 'Số giấy', 'Number'),
          text('deathNotice.issuer', 'Nơi cấp', 'Issued by', { wide: true }),
          date('deathNotice.issuedOn', 'Ngày cấp', 'Issued on'),
        ],
      },
      {
        kind: 'list',
        name: 'relatives',
        legend: { vi: 'Thân nhân của người đã mất', en: 'Relatives of the deceased' },
        itemLegend: { vi: 'Thân nhân {n}', en: 'Relative {n}' },
        add: { vi: 'Thêm thân nhân', en: 'Add a relative' },
        remove: { vi: 'Xóa thân nhân {n}', en: 'Remove relative {n}' },
        max: 20,
        items: [
          text('fullName', 'Họ, chữ đệm và tên', 'Full name'),
          pin('pin', 'Số định danh cá nhân', 'Personal ID number'),
          {
            kind: 'select',
            name: 'relationship',
            label: { vi: 'Quan hệ', en: 'Relationship' },
            options: RELATIONSHIPS,
          },
          date('dateOfBirth', 'Ngày sinh', 'Date of birth'),
          {
            kind: 'checkbox',
            name: 'survivorEligible',
            label: {
              vi: 'Khai đủ điều kiện hưởng tuất hằng tháng (BHXH đối chiếu cơ sở dữ liệu dân cư)',
              en: 'Declared eligible for a monthly survivor allowance (BHXH checks the population database)',
            },
            initial: false,
          },
          {
            kind: 'checkbox',
            name: 'hasDirectCarer',
            label: { vi: 'Có người trực tiếp nuôi dưỡng', en: 'Has a direct carer' },
            initial: true,
          },
        ],
      },
      {
        kind: 'group',
        name: 'funeral',
        legend: { vi: 'Trợ cấp mai táng', en: 'Funeral allowance' },
        when: 'components.funeral',
        items: [
          payment('funeral.payment', {
            vi: 'Chi trả cho người lo mai táng',
            en: 'Paid to whoever arranged the funeral',
          }),
          // BHXH decides a claim made more than 90 days after the death on a written explanation.
          text(
            'funeral.lateExplanation',
            'Lý do đề nghị sau 90 ngày kể từ ngày chết (nếu có)',
            'Why the claim comes more than 90 days after the death (if it does)',
            { wide: true },
          ),
        ],
      },
      {
        kind: 'group',
        name: 'survivor',
        legend: { vi: 'Trợ cấp tuất', en: 'Survivor allowance' },
        when: 'components.survivor',
        items: [
          {
            kind: 'select',
            name: 'survivor.kind',
            label: { vi: 'Hình thức', en: 'Kind' },
            options: [
              { value: 'lump_sum', label: { vi: 'Trợ cấp tuất một lần', en: 'Lump sum' } },
              { value: 'monthly', label: { vi: 'Trợ cấp tuất hằng tháng', en: 'Monthly' } },
            ],
          },
          pin(
            'survivor.payeePin',
            'Số định danh của người nhận (một lần)',
            'PIN of the payee (lump sum)',
          ),
          payment(
            'survivor.payment',
            { vi: 'Chi trả trợ cấp một lần', en: 'Lump-sum payment' },
            { omitIfEmpty: true },
          ),
        ],
      },
      {
        kind: 'number',
        name: 'extractCopies',
        label: { vi: 'Số bản sao trích lục', en: 'Copies of the extract' },
        initial: '0',
      },
    ],
  };
}
