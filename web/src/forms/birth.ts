// Group A's form (e-form Mẫu số 01): the fields of BirthApplication, validated by its own schema.
import {
  address,
  applicant,
  commune,
  country,
  date,
  LANGUAGE,
  origins,
  pin,
  pinWithPrefill,
  sex,
  text,
  type FormSpec,
  type GroupSpec,
} from './spec';

const parent = (
  name: 'mother' | 'father',
  legend: GroupSpec['legend'],
  toggle?: GroupSpec['toggle'],
  ticked?: true,
): GroupSpec => ({
  kind: 'group',
  name,
  legend,
  ...(toggle && { toggle }),
  ...(ticked && { toggleInitial: ticked }),
  items: [
    text(`${name}.fullName`, 'Họ, chữ đệm và tên', 'Full name', { autocomplete: 'off' }),
    pinWithPrefill(
      name,
      ['fullName', 'yearOfBirth', 'ethnicity', 'nationality'],
      `${name}.address`,
    ),
    // A foreign parent without a Vietnamese PIN is identified by passport (BHXH QĐ 1449).
    {
      kind: 'group',
      name: `${name}.passport`,
      legend: {
        vi: 'Hộ chiếu (người nước ngoài không có số định danh)',
        en: 'Passport (a foreign parent without a Vietnamese PIN)',
      },
      omitIfEmpty: true,
      items: [
        text(`${name}.passport.number`, 'Số hộ chiếu', 'Passport number', { autocomplete: 'off' }),
        country(`${name}.passport.country`, 'Nước cấp', 'Issuing country'),
      ],
    },
    { kind: 'number', name: `${name}.yearOfBirth`, label: { vi: 'Năm sinh', en: 'Year of birth' } },
    ...origins(name),
    address(`${name}.address`, { vi: 'Nơi cư trú', en: 'Residence' }),
  ],
});

export function birthForm(receivingCommune: string): FormSpec {
  return {
    procedure: 'birth-residence-insurance',
    title: { vi: 'Khai sinh – thường trú – thẻ BHYT', en: 'Birth – residence – health insurance' },
    items: [
      {
        kind: 'group',
        name: 'components',
        legend: {
          vi: 'Thủ tục kèm theo đăng ký khai sinh',
          en: 'Procedures with the birth registration',
        },
        items: [
          {
            kind: 'checkbox',
            name: 'components.residence',
            label: {
              vi: 'Đăng ký thường trú cho trẻ',
              en: 'Register the child’s permanent residence',
            },
            initial: true,
          },
          {
            kind: 'checkbox',
            name: 'components.insurance',
            label: {
              vi: 'Cấp thẻ BHYT cho trẻ dưới 6 tuổi',
              en: 'Health-insurance card for a child under 6',
            },
            initial: true,
          },
        ],
      },
      commune('receivingCommune', 'Xã/phường tiếp nhận', 'Receiving commune', receivingCommune),
      LANGUAGE,
      applicant({ vi: 'Quan hệ với trẻ', en: 'Relationship to the child' }, [
        { value: 'mother', label: { vi: 'Mẹ', en: 'Mother' } },
        { value: 'father', label: { vi: 'Cha', en: 'Father' } },
        { value: 'grandparent', label: { vi: 'Ông, bà', en: 'Grandparent' } },
        { value: 'sibling', label: { vi: 'Anh, chị', en: 'Sibling' } },
        { value: 'relative', label: { vi: 'Người thân khác', en: 'Other relative' } },
        { value: 'guardian', label: { vi: 'Người giám hộ', en: 'Guardian' } },
      ]),
      {
        kind: 'group',
        name: 'child',
        legend: { vi: 'Người được khai sinh', en: 'The child' },
        items: [
          text('child.fullName', 'Họ, chữ đệm và tên', 'Full name'),
          date('child.dateOfBirth', 'Ngày sinh', 'Date of birth'),
          sex('child.sex'),
          ...origins('child'),
          text('child.placeOfBirth', 'Nơi sinh', 'Place of birth', { wide: true }),
          text('child.hometown', 'Quê quán', 'Hometown'),
        ],
      },
      // Left out only for an abandoned child whose parents are unknown (NĐ 123/2015 Art. 14(3)).
      parent(
        'mother',
        { vi: 'Người mẹ', en: 'Mother' },
        {
          vi: 'Khai thông tin người mẹ (bỏ chọn nếu trẻ bị bỏ rơi, không rõ cha mẹ)',
          en: 'Give the mother’s details (untick for an abandoned child whose parents are unknown)',
        },
        true,
      ),
      parent(
        'father',
        { vi: 'Người cha', en: 'Father' },
        { vi: 'Khai thông tin người cha', en: 'Give the father’s details' },
      ),
      {
        kind: 'group',
        name: 'medicalBirthCertificate',
        legend: {
          vi: 'Giấy chứng sinh hoặc giấy tờ thay thế',
          en: 'Medical birth certificate or its substitute',
        },
        items: [
          {
            // Luật Hộ tịch 2014 Art. 16(1): without a certificate, a witness's confirmation, else the
            // declarant's undertaking; for an abandoned child, the record of its finding.
            kind: 'select',
            name: 'medicalBirthCertificate.kind',
            label: { vi: 'Loại giấy tờ', en: 'Document' },
            options: [
              {
                value: 'medical_birth_certificate',
                label: {
                  vi: 'Giấy chứng sinh điện tử',
                  en: 'Electronic medical birth certificate',
                },
              },
              {
                value: 'witness_statement',
                label: {
                  vi: 'Văn bản xác nhận của người làm chứng',
                  en: 'A witness’s confirmation',
                },
              },
              {
                value: 'self_declaration',
                label: { vi: 'Giấy cam đoan về việc sinh', en: 'The declarant’s undertaking' },
              },
              {
                value: 'abandoned_child_record',
                label: {
                  vi: 'Biên bản xác nhận việc trẻ bị bỏ rơi',
                  en: 'Record of an abandoned child',
                },
              },
            ],
            initial: 'medical_birth_certificate',
          },
          text('medicalBirthCertificate.number', 'Số giấy chứng sinh', 'Certificate number'),
          text('medicalBirthCertificate.facility', 'Cơ sở y tế cấp', 'Issuing health facility', {
            wide: true,
          }),
          date('medicalBirthCertificate.issuedOn', 'Ngày cấp', 'Issued on'),
        ],
      },
      {
        kind: 'group',
        name: 'residence',
        legend: { vi: 'Nơi đăng ký thường trú', en: 'Permanent residence' },
        when: 'components.residence',
        items: [
          address('residence.address', { vi: 'Địa chỉ', en: 'Address' }),
          pin('residence.householdHeadPin', 'Số định danh của chủ hộ', 'Household head’s PIN'),
          text('residence.relationshipToHead', 'Quan hệ với chủ hộ', 'Relationship to the head', {
            initial: 'con',
          }),
        ],
      },
      {
        kind: 'group',
        name: 'insurance',
        legend: { vi: 'Thẻ bảo hiểm y tế', en: 'Health-insurance card' },
        when: 'components.insurance',
        omitIfEmpty: true,
        items: [
          text(
            'insurance.initialCareFacility',
            'Mã nơi đăng ký khám chữa bệnh ban đầu (không bắt buộc)',
            'Initial care facility code (optional)',
          ),
        ],
      },
      text(
        'poorHouseholdCertificate',
        'Số giấy chứng nhận hộ nghèo (nếu có)',
        'Poor-household certificate (if any)',
      ),
      {
        kind: 'select',
        name: 'resultDelivery',
        label: { vi: 'Nhận kết quả', en: 'Results delivered' },
        options: [
          { value: 'online', label: { vi: 'Trực tuyến', en: 'Online' } },
          { value: 'post', label: { vi: 'Qua bưu điện', en: 'By post' } },
          { value: 'counter', label: { vi: 'Tại bộ phận một cửa', en: 'At the one-stop desk' } },
        ],
        initial: 'online',
      },
    ],
  };
}
