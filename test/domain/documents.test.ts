import { describe, expect, it } from 'vitest';
import {
  parseVerificationCode,
  resultDocumentOf,
  VERIFICATION_CODE,
  verificationCode,
} from '../../domain/documents';

describe('which step hands out which document', () => {
  const birth = {
    step: 'birth',
    agency: 'civil-status',
    state: 'completed',
    result: { pin: '001226000123', extractNumber: 'KS-00004-2026-000042' },
  } as const;

  it('when the birth step completed with its extract number, then a birth extract numbered so, signed by civil status, is asked for', () => {
    expect(resultDocumentOf(birth)).toMatchObject({
      spec: { kind: 'birth_extract', template: 'birth_extract/1' },
      issuer: 'civil-status',
      number: 'KS-00004-2026-000042',
    });
  });

  it('when a step is not completed, has no number, or hands out nothing, then no document is asked for', () => {
    expect(resultDocumentOf({ ...birth, state: 'in_review' })).toBeUndefined();
    expect(resultDocumentOf({ ...birth, state: 'compensated' })).toBeUndefined();
    expect(resultDocumentOf({ ...birth, result: { pin: '001226000123' } })).toBeUndefined();
    expect(
      resultDocumentOf({
        step: 'pension-stop',
        agency: 'social-insurance',
        state: 'completed',
        result: { decisionNumber: 'DC-1' },
      }),
    ).toBeUndefined();
  });

  it('when the funeral allowance is paid by social protection, then that agency signs the decision', () => {
    expect(
      resultDocumentOf({
        step: 'funeral',
        agency: 'social-protection',
        state: 'completed',
        result: { decisionNumber: 'QD-TC-1', amountVnd: '10000000' },
      }),
    ).toMatchObject({ spec: { kind: 'funeral_decision' }, issuer: 'social-protection' });
  });
});

describe('verification codes', () => {
  it('when made from random bytes, then 12 characters of Crockford base32, without I, L, O or U', () => {
    const codes = Array.from({ length: 200 }, (_, i) =>
      verificationCode(Uint8Array.from({ length: 12 }, (_, j) => (i * 31 + j * 7) % 256)),
    );
    for (const code of codes) expect(code).toMatch(VERIFICATION_CODE);
    expect(codes.join('')).not.toMatch(/[ILOU]/);
    expect(verificationCode(new Uint8Array(12).fill(255))).toBe('ZZZZZZZZZZZZ');
  });

  it('when fewer than 12 random bytes are given, then it refuses rather than make a short code', () => {
    expect(() => verificationCode(new Uint8Array(11))).toThrow(RangeError);
  });

  it('when a code is typed in lower case, in groups or with spaces, then it reads as the code; anything else does not', () => {
    expect(parseVerificationCode('7kq2-m9xh-4trw')).toBe('7KQ2M9XH4TRW');
    expect(parseVerificationCode(' 7KQ2 M9XH 4TRW ')).toBe('7KQ2M9XH4TRW');
    expect(parseVerificationCode('7KQ2M9XH4TR')).toBeUndefined();
    expect(parseVerificationCode('7KQ2M9XH4TRU')).toBeUndefined();
    expect(parseVerificationCode("7KQ2M9XH4TR'")).toBeUndefined();
  });
});
