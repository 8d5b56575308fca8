// What the one-stop desk's receipt says (Giấy tiếp nhận hồ sơ và hẹn trả kết quả: form 01 of Circular
// 01/2018/TT-VPCP, under Decree 61/2018/NĐ-CP on the one-stop mechanism; issue 21): the case's code,
// who filed what, each item of the dossier received, and when the result is due. Its facts are taken
// at filing, from the application as filed; the appointment date is the case's legal deadline, as the
// case workflow counts it in working days (read from the read model when the receipt is printed).
import type { BirthApplication } from './BirthApplication';
import type { DeathApplication } from './DeathApplication';

export interface ReceiptFacts {
  caseCode: string;
  procedure: string;
  /** What is asked, in Vietnamese (the receipt's "Nội dung yêu cầu giải quyết"). */
  request: string;
  applicant: { fullName: string; phone: string };
  /** Each item of the dossier received (the receipt's "Thành phần hồ sơ"), in Vietnamese. */
  items: string[];
  receivedAt: string;
  receivingCommune: string;
  /** Who received it: the clerk (their name, else their user id), or the portal for a citizen's own filing. */
  receivedBy: string;
}

/** Dossier of the birth group: the e-form, the birth evidence (NĐ 63/2024 Art. 5; DOMAIN.md §3A). */
const BIRTH_EVIDENCE: Record<string, string> = {
  medical_birth_certificate: 'Giấy chứng sinh',
  witness_statement: 'Văn bản xác nhận của người làm chứng về việc sinh',
  self_declaration: 'Giấy cam đoan về việc sinh',
  abandoned_child_record: 'Biên bản xác nhận việc trẻ bị bỏ rơi',
};

/** Death notice or its substitute (Luật Hộ tịch Art. 34; NĐ 123/2015 Art. 4(2)). */
const DEATH_EVIDENCE: Record<string, string> = {
  death_notice: 'Giấy báo tử',
  execution_record: 'Trích lục bản án / biên bản thi hành án tử hình',
  court_ruling: 'Bản án / quyết định tuyên bố một người đã chết của Tòa án',
  police_confirmation: 'Văn bản xác nhận của cơ quan công an về việc chết',
};

export function receiptFacts(
  app: BirthApplication | DeathApplication,
  filing: { caseCode: string; receivedAt: number; receivedBy: string },
): ReceiptFacts {
  const base = {
    caseCode: filing.caseCode,
    procedure: app.procedure,
    applicant: { fullName: app.applicant.fullName, phone: app.applicant.phone },
    receivedAt: new Date(filing.receivedAt).toISOString(),
    receivingCommune: app.receivingCommune,
    receivedBy: filing.receivedBy,
  };
  if (app.procedure === 'birth-residence-insurance') {
    const evidence = app.medicalBirthCertificate;
    const kind = evidence.kind ?? 'medical_birth_certificate';
    const asked = [
      'đăng ký khai sinh',
      ...(app.components.residence ? ['đăng ký thường trú'] : []),
      ...(app.components.insurance ? ['cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi'] : []),
    ];
    return {
      ...base,
      request: `Liên thông ${asked.join(', ')} cho trẻ ${app.child.fullName}`,
      items: [
        'Tờ khai liên thông điện tử (Mẫu số 01)',
        `${BIRTH_EVIDENCE[kind] ?? kind} số ${evidence.number} (${evidence.facility}, ${dmy(evidence.issuedOn)})${kind === 'medical_birth_certificate' ? ', dữ liệu điện tử' : ''}`,
        ...(app.components.residence
          ? ['Thông tin đăng ký thường trú của trẻ (nơi thường trú của cha, mẹ)']
          : []),
      ],
    };
  }
  const notice = app.deathNotice;
  const asked = [
    'đăng ký khai tử',
    'xóa đăng ký thường trú',
    ...(app.components.funeral ? ['hưởng trợ cấp mai táng'] : []),
    ...(app.components.survivor ? ['hưởng trợ cấp tuất'] : []),
  ];
  return {
    ...base,
    request: `Liên thông ${asked.join(', ')} cho người đã mất ${app.deceased.fullName}`,
    items: [
      'Tờ khai liên thông điện tử (Mẫu số 02)',
      `${DEATH_EVIDENCE[notice.kind] ?? notice.kind} số ${notice.number} (${notice.issuer}, ${dmy(notice.issuedOn)})`,
      ...(app.survivor?.kind === 'lump_sum'
        ? ['Danh sách thân nhân; xác nhận người nhận trợ cấp tuất một lần (hoặc Mẫu 09-HSB)']
        : []),
    ],
  };
}

/** 2026-12-03 → 03/12/2026, as Vietnamese documents write dates. */
export const dmy = (isoDate: string) => isoDate.split('-').reverse().join('/');
