// Every template rendered and signed in one process, one after another as the worker's issuer does,
// then read back with poppler's pdftotext: each prints its title, the person, the numbers the
// agencies gave — whole, in Vietnamese, whatever was rendered before it (a shared font once lost
// the glyphs an earlier document had used).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_BIRTH_APPLICATION } from '../../domain/BirthApplication';
import { EXAMPLE_DEATH_APPLICATION } from '../../domain/DeathApplication';
import { RESULT_DOCUMENTS, type Issuer } from '../../domain/documents';
import type { CaseView } from '../../domain/procedures/views';
import { renderResult } from '../../documents/results';
import { keyringSigner, signPdf } from '../../documents/signer';
import { pdfText, scratch, testKeyring } from '../support/documents';

const view = (procedure: string, results: Record<string, Record<string, string>>) =>
  ({
    caseId: `${procedure}:X`,
    procedure,
    steps: Object.entries(results).map(([step, result]) => ({ step, result })),
  }) as unknown as CaseView;

const BIRTH_VIEW = view('birth-residence-insurance', {
  birth: { pin: '001226000123', extractNumber: 'KS-00004-2026-000042' },
  residence: { residenceRef: 'CT-00004-2026-000007' },
  insurance: {
    insuranceNumber: '0126000123',
    validFrom: '2026-11-20',
    validTo: '2032-11-17',
    facility: 'Trạm Y tế Phường Ba Đình',
  },
});
const DEATH_VIEW = view('death-residence-funeral', {
  death: { extractNumber: 'KT-00004-2026-000009' },
  'residence-removal': { residenceRef: 'XT-00004-2026-000003' },
  funeral: { decisionNumber: 'QĐ-MT-2026-000011', amountVnd: '23400000', paymentChannel: 'bank' },
  survivor: { decisionNumber: 'QĐ-TT-2026-000004', amountVnd: '117000000', paymentChannel: 'post' },
});

/** Each step's document: its signer, its number, and what its text must hold. */
const CASES: [step: string, issuer: Issuer, number: string, expected: string[]][] = [
  [
    'birth',
    'civil-status',
    'KS-00004-2026-000042',
    [
      'TRÍCH LỤC KHAI SINH',
      'Nguyễn Minh An',
      '18/11/2026',
      '001226000123',
      'Trần Thị Mai',
      'Nguyễn Văn Hùng',
      'Bệnh viện Phụ sản Hà Nội',
    ],
  ],
  [
    'residence',
    'police',
    'CT-00004-2026-000007',
    [
      'THÔNG BÁO KẾT QUẢ ĐĂNG KÝ THƯỜNG TRÚ',
      'Nguyễn Minh An',
      '001226000123',
      '12 Phố Đội Cấn',
      'BỘ CÔNG AN',
    ],
  ],
  [
    'insurance',
    'social-insurance',
    '0126000123',
    [
      'THẺ BẢO HIỂM Y TẾ (TRẺ EM DƯỚI 6 TUỔI)',
      'BẢO HIỂM XÃ HỘI VIỆT NAM',
      'từ 20/11/2026 đến 17/11/2032',
      'Trẻ em dưới 6 tuổi — ngân sách nhà nước đóng',
    ],
  ],
  [
    'death',
    'civil-status',
    'KT-00004-2026-000009',
    ['TRÍCH LỤC KHAI TỬ', 'Lê Văn Bình', '001060000101', EXAMPLE_DEATH_APPLICATION.death.cause],
  ],
  [
    'residence-removal',
    'police',
    'XT-00004-2026-000003',
    ['THÔNG BÁO KẾT QUẢ XÓA ĐĂNG KÝ THƯỜNG TRÚ', 'Lê Văn Bình', 'Người đăng ký thường trú đã chết'],
  ],
  [
    'funeral',
    'social-insurance',
    'QĐ-MT-2026-000011',
    ['QUYẾT ĐỊNH VỀ VIỆC HƯỞNG TRỢ CẤP MAI TÁNG', 'Lê Văn Bình', '23.400.000 đồng', 'Chuyển khoản'],
  ],
  [
    'survivor',
    'social-insurance',
    'QĐ-TT-2026-000004',
    [
      'QUYẾT ĐỊNH VỀ VIỆC HƯỞNG TRỢ CẤP TUẤT',
      'Trợ cấp tuất một lần',
      'Lê Thị Hoa',
      '117.000.000 đồng',
      'bưu điện',
    ],
  ],
];

describe('result document templates', () => {
  let files: Awaited<ReturnType<typeof scratch>>;
  beforeAll(async () => {
    files = await scratch();
  });
  afterAll(() => files.remove());

  it('when every template is rendered and signed in turn in one process, then each prints all it should, in whole Vietnamese words', async () => {
    for (const [step, issuer, number, expected] of CASES) {
      const spec = RESULT_DOCUMENTS[step];
      if (!spec) throw new Error(`no document for ${step}`);
      const birth = step === 'birth' || step === 'residence' || step === 'insurance';
      const doc = await renderResult({
        spec,
        issuer,
        number,
        caseCode: birth ? 'KS-00004-2612-000123' : 'KT-00004-2612-000045',
        issuedAt: '2026-12-03T03:00:00.000Z',
        application: birth ? EXAMPLE_BIRTH_APPLICATION : EXAMPLE_DEATH_APPLICATION,
        view: birth ? BIRTH_VIEW : DEATH_VIEW,
        communeName: () => 'Phường Ba Đình',
        verification: { url: 'https://lien-thong.test/verify/7KQ2M9XH4TRW', code: '7KQ2M9XH4TRW' },
      });
      const pdf = await signPdf(doc, keyringSigner(testKeyring()), issuer, {
        reason: spec.title,
        location: 'Phường Ba Đình',
        signingTime: new Date('2026-12-03T03:00:00.000Z'),
      });
      const path = join(files.dir, `${step}.pdf`);
      await writeFile(path, pdf);
      // pdftotext -layout may split a line in columns: compare with runs of spaces as one.
      const text = (await pdfText(path)).replace(/\s+/g, ' ');
      for (const words of [...expected, `Số: ${number}`, '03/12/2026'])
        expect(text, `${step}: ${words}`).toContain(words);
      expect(text).toContain(spec.basis);
      expect(text).toContain('7KQ2M9XH4TRW');
    }
  });

  it('when a template is asked for a step of the other group, then it refuses rather than print half a document', async () => {
    const spec = RESULT_DOCUMENTS.death;
    if (!spec) throw new Error('no death extract');
    await expect(
      renderResult({
        spec,
        issuer: 'civil-status',
        number: 'KT-1',
        caseCode: 'KS-1',
        issuedAt: '2026-12-03T03:00:00.000Z',
        application: EXAMPLE_BIRTH_APPLICATION,
        view: BIRTH_VIEW,
        communeName: () => 'Phường Ba Đình',
        verification: { url: 'https://lien-thong.test/verify/7KQ2M9XH4TRW', code: '7KQ2M9XH4TRW' },
      }),
    ).rejects.toThrow(/death_extract is not a document of birth-residence-insurance/);
  });
});
