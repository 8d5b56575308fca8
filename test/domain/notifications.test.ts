// What the citizen's phone is told: the case by the code on their receipt, dates as people write
// them, steps and reasons in words — in the case's language.
import { describe, expect, it } from 'vitest';
import { renderNotification } from '../../domain/notifications';

const CASE_ID = 'birth-residence-insurance:CS-2026-000001';

describe('renderNotification', () => {
  it('when a supplement is asked for, then the Vietnamese message names the case by its code and the due date as dd/mm/yyyy', () => {
    const text = renderNotification(
      {
        template: 'supplement_requested',
        caseId: CASE_ID,
        step: 'birth',
        missing: ['giấy chứng sinh'],
        due: '2026-12-15',
      },
      'vi',
      'KS-00004-2612-000123',
    );
    expect(text).toBe(
      'Hồ sơ KS-00004-2612-000123: cần bổ sung giấy chứng sinh cho đăng ký khai sinh trước 15/12/2026.',
    );
  });

  it('when the case has no code (filed before codes), then it is named by its id', () => {
    expect(renderNotification({ template: 'case_received', caseId: CASE_ID }, 'en')).toBe(
      `Your linked application ${CASE_ID} has been received.`,
    );
  });

  it('when the relatives must confirm the payee, then the English message gives the date as dd/mm/yyyy too', () => {
    const text = renderNotification(
      { template: 'payee_confirmation_requested', caseId: CASE_ID, due: '2027-01-04' },
      'en',
      'KT-00004-2612-000007',
    );
    expect(text).toContain('Case KT-00004-2612-000007:');
    expect(text).toContain('by 04/01/2027.');
  });
});
