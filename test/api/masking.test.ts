import { describe, expect, it } from 'vitest';
import { caseViewFor, maskPin, taskSummaryFor } from '../../api/masking';
import type { Principal } from '../../domain/principal';
import type { CaseView, StepView } from '../../domain/procedures/views';

const MOTHER = '001190012345';
const CHILD = '001226000777';
const RELATIVE = '001162000111';
const step = (name: string, result: Record<string, string>): StepView => ({
  step: name,
  agency: 'civil-status',
  workflowId: `c:${name}`,
  state: 'completed',
  status: 'completed',
  resent: 0,
  reminded: false,
  breached: false,
  result,
  version: 3,
});
const view: CaseView = {
  caseId: 'birth-residence-insurance:CS-1',
  procedure: 'birth-residence-insurance',
  status: 'completed',
  receivedAt: '2026-11-20T02:00:00.000Z',
  commune: '00004',
  deadline: '2026-11-25T10:00:00.000Z',
  steps: [step('birth', { pin: CHILD, extractNumber: 'KS-00004-2026-000001' })],
  timeline: [],
  payee: {
    payeePin: RELATIVE,
    required: [RELATIVE, MOTHER],
    confirmed: [MOTHER],
    due: '2026-12-10T10:00:00.000Z',
    state: 'awaiting',
  },
  version: 4,
};
const as = (principal: Principal) => caseViewFor(principal, view);

describe('PIN masking', () => {
  it('when a supervisor or an admin reads a case, then every PIN is masked and nothing else changes', () => {
    for (const principal of [
      { sub: 's', role: 'supervisor', jurisdiction: '00004' },
      { sub: 'a', role: 'admin' },
    ] as const) {
      const seen = as(principal);
      expect(seen.steps[0]?.result).toEqual({
        pin: '********0777',
        extractNumber: 'KS-00004-2026-000001',
      });
      expect(seen.payee).toMatchObject({
        payeePin: maskPin(RELATIVE),
        required: [maskPin(RELATIVE), maskPin(MOTHER)],
      });
      expect(JSON.stringify(seen)).not.toMatch(/\d{12}/);
    }
  });

  it('when a citizen reads their case, then their own and their child’s PINs are whole and others masked', () => {
    const seen = as({ sub: 'm', role: 'citizen', pin: MOTHER });
    expect(seen.steps[0]?.result?.pin).toBe(CHILD);
    expect(seen.payee).toMatchObject({
      payeePin: maskPin(RELATIVE),
      required: [maskPin(RELATIVE), MOTHER],
      confirmed: [MOTHER],
    });
  });

  it('when a clerk or an officer reads a case, then PINs are whole (they work with them)', () => {
    expect(as({ sub: 'k', role: 'clerk', jurisdiction: '00004' })).toEqual(view);
    expect(as({ sub: 'o', role: 'officer', agency: 'police', jurisdiction: '00004' })).toEqual(
      view,
    );
  });

  it('when a supervisor reads the inbox, then the summaries show masked PINs; officers see them', () => {
    const summary = { childPin: CHILD, child: { fullName: 'Nguyễn Minh An' } };
    expect(
      taskSummaryFor({ sub: 's', role: 'supervisor', jurisdiction: '00004' }, summary),
    ).toEqual({
      childPin: maskPin(CHILD),
      child: { fullName: 'Nguyễn Minh An' },
    });
    const officer = { sub: 'o', role: 'officer', agency: 'police', jurisdiction: '00004' } as const;
    expect(taskSummaryFor(officer, summary)).toBe(summary);
  });
});
