// The payment guard of Group B's benefit steps, without Temporal or HTTP: money goes only to a relative
// of the deceased in the population database, whatever the case was filed with (issue 19); the funeral
// allowance's organiser who is not one waits for the payer's officer.
import { describe, expect, it, vi } from 'vitest';
import type { Agencies } from '../../agencies';
import type { StepCall, StepRequest } from '../../activities/steps';
import { deathResidenceFuneralSteps } from '../../activities/death-residence-funeral.activities';

const DECEASED = '001060000101';
const RELATIVE = '001162000111';
const STRANGER = '001099000999';
const granted = {
  kind: 'accepted' as const,
  result: { status: 'granted' as const, decisionNumber: 'QD-1', amountVnd: 23_400_000 },
};

function fakeAgencies() {
  const pay = vi.fn().mockResolvedValue({
    kind: 'accepted',
    result: { status: 'paid', paymentRef: 'PAY-1', channel: 'bank', amountVnd: 23_400_000 },
  });
  const agencies = {
    population: {
      relativesOf: vi.fn().mockResolvedValue([
        {
          pin: RELATIVE,
          fullName: 'Lê Thị Hoa',
          relationship: 'spouse',
          dateOfBirth: '1962-08-09',
        },
      ]),
    },
    socialInsurance: {
      claimFuneral: vi.fn().mockResolvedValue(granted),
      claimSurvivor: vi.fn().mockResolvedValue(granted),
    },
    payments: { pay },
  } as unknown as Agencies;
  return { agencies, pay };
}

const payout = (pin: string) => ({
  payee: { fullName: 'Người nhận', pin },
  bankAccount: { bank: 'VCB', number: '0011001234567' },
  postAddress: { commune: '00004', line: '12 Phố Đội Cấn' },
});
const claim = { pin: DECEASED, deathExtractNumber: 'KT-1', dateOfDeath: '2026-11-15' };
const call = <R extends StepRequest>(request: R): StepCall<R> => ({
  caseId: 'death-residence-funeral:X',
  round: 0,
  request,
});

describe('deathResidenceFuneralSteps: the payee', () => {
  it('when a survivor allowance’s payee is not a relative in the population database, then it is refused and nothing is paid', async () => {
    const { agencies, pay } = fakeAgencies();
    const { handlers } = deathResidenceFuneralSteps({ agencies });

    const outcome = await handlers.survivor.submit(
      call({
        step: 'survivor',
        claim: { ...claim, kind: 'lump_sum', amountVnd: 22_500_000, payeePin: STRANGER },
        payout: payout(STRANGER),
      }),
    );

    expect(outcome).toMatchObject({
      kind: 'rejected',
      code: 'PAYEE.NOT_VERIFIED',
      result: { decisionNumber: 'QD-1' },
    });
    expect(pay).not.toHaveBeenCalled();
  });

  it('when the funeral allowance’s organiser is not a relative, then the step waits for the officer, whose approval pays them', async () => {
    const { agencies, pay } = fakeAgencies();
    const { handlers } = deathResidenceFuneralSteps({ agencies });
    const funeral = call({
      step: 'funeral',
      payer: 'social-insurance',
      claim: { ...claim, amountVnd: 23_400_000, claimant: { fullName: 'X', pin: STRANGER } },
      payout: payout(STRANGER),
    });

    expect(await handlers.funeral.submit(funeral)).toEqual({ kind: 'review' });
    expect(pay).not.toHaveBeenCalled();
    const approved = await handlers.funeral.decide?.({
      ...funeral,
      decision: { decision: 'approve' },
    });

    expect(approved).toMatchObject({ kind: 'completed', result: { paymentRef: 'PAY-1' } });
    expect(pay).toHaveBeenCalledTimes(1);
    expect(pay.mock.calls[0]?.[0]).toMatchObject({ payee: { pin: STRANGER } });
  });

  it('when the payee is a relative, then the allowance is paid at once', async () => {
    const { agencies, pay } = fakeAgencies();
    const { handlers } = deathResidenceFuneralSteps({ agencies });

    const outcome = await handlers.funeral.submit(
      call({
        step: 'funeral',
        payer: 'social-insurance',
        claim: { ...claim, amountVnd: 23_400_000, claimant: { fullName: 'Hoa', pin: RELATIVE } },
        payout: payout(RELATIVE),
      }),
    );

    expect(outcome).toMatchObject({ kind: 'completed', result: { paymentRef: 'PAY-1' } });
    expect(pay).toHaveBeenCalledTimes(1);
  });
});
