// A court annulled the declaration of death on a finished Group B case: compensate in reverse order —
// restore the residence, revoke the benefits and reclaim what was paid, reinstate the pension — then
// civil status records the ruling. It runs as the next run of the case's own workflow id, so the case
// keeps its id and its query shows the annulment; every compensation is keyed by the case, so it
// happens once however often this runs.
import { proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { CourtRuling } from '../agencies/civil-status.client';
import type { Language } from '../domain/notifications';
import type { Refusal } from '../domain/procedures/agency-step.machine';
import { ReasonCode } from '../domain/procedures/reasons';
import type { CaseView, StepView } from '../domain/procedures/views';
import { agencyOptions } from './activity-options';
import { getProcedureStatus } from './messages';
import { bestEffort, orElse } from './outcomes';
import { projectionsOfThisRun } from './projections';

export interface AnnulmentInput {
  /** The finished case as its own workflow last showed it. */
  previous: CaseView;
  deceasedPin: string;
  partyPins: string[];
  contact: { phone: string; language: Language };
  ruling: CourtRuling;
  reason: string;
}

const police = proxyActivities<Activities>(agencyOptions('police'));
const socialInsurance = proxyActivities<Activities>(agencyOptions('social-insurance'));
const socialProtection = proxyActivities<Activities>(agencyOptions('social-protection'));
const meritServices = proxyActivities<Activities>(agencyOptions('merit-services'));
const payments = proxyActivities<Activities>(agencyOptions('payments'));
const civilStatus = proxyActivities<Activities>(agencyOptions('civil-status'));
const { notifyCitizen } = proxyActivities<Activities>(agencyOptions('notifications'));

const PAYERS = {
  'social-insurance': socialInsurance,
  'social-protection': socialProtection,
  'merit-services': meritServices,
} as const;

/** Compensated in this order: the reverse of the order the forward steps had effect. */
const REVERSE_ORDER = ['residence-removal', 'survivor', 'funeral', 'pension-stop', 'death'];

export async function deathAnnulment(input: AnnulmentInput): Promise<CaseView> {
  const caseId = workflowInfo().workflowId;
  const projections = projectionsOfThisRun().call;
  const { previous, ruling, reason } = input;
  const why = `court ruling ${ruling.number}: ${reason}`;
  const steps = new Map(previous.steps.map((s) => [s.step, s]));
  let view: CaseView = {
    ...previous,
    status: 'annulled',
    annulment: { ruling: ruling.number, court: ruling.court, date: ruling.date, reason },
    timeline: [
      ...previous.timeline,
      { at: new Date().toISOString(), event: 'annulment_requested', detail: why },
    ],
  };
  setHandler(getProcedureStatus, () => view);

  const project = async () => {
    view = { ...view, steps: [...steps.values()], version: view.version + 1 };
    await bestEffort(() =>
      projections.projectCase({
        view,
        businessKey: input.deceasedPin,
        partyPins: input.partyPins,
      }),
    );
  };

  async function compensate(step: StepView): Promise<Record<string, string>> {
    const result = step.result ?? {};
    switch (step.step) {
      case 'residence-removal':
        return {
          restoredResidenceRef: (await police.restoreResidence({ caseId, reason: why }))
            .residenceRef,
        };
      case 'funeral':
      case 'survivor': {
        const payer = PAYERS[(result.payer ?? 'social-insurance') as keyof typeof PAYERS];
        if (result.decisionNumber)
          await payer.revokeBenefit({
            caseId,
            step: step.step,
            payer: result.payer ?? 'social-insurance',
            decisionNumber: result.decisionNumber,
            reason: why,
          });
        if (!result.paymentRef) return {};
        return payments.reclaimPayment({
          caseId,
          step: step.step,
          paymentRef: result.paymentRef,
          reason: why,
        });
      }
      case 'pension-stop':
        if (!result.decisionNumber) return {};
        return {
          reinstatement: (
            await socialInsurance.reinstatePension({
              caseId,
              decisionNumber: result.decisionNumber,
              reason: why,
            })
          ).decisionNumber,
        };
      case 'death':
        await civilStatus.annulDeathRecord({ caseId, pin: input.deceasedPin, ruling });
        return { annulledBy: ruling.number };
      default:
        return {};
    }
  }

  await project();
  for (const name of REVERSE_ORDER) {
    const step = steps.get(name);
    // A completed step, or a benefit granted whose payment was refused: its decision stands.
    const inForce =
      step?.status === 'completed' ||
      (step?.status === 'rejected' && step.result?.decisionNumber !== undefined);
    if (!step || !inForce) continue;
    // A compensation the agency refuses for good is flagged for manual action, not retried forever
    // (STYLE rule 11); the others still run.
    const outcome = await orElse<
      { done: true; added: Record<string, string> } | { done: false; refusal: Refusal }
    >(
      async () => ({ done: true as const, added: await compensate(step) }),
      (refusal) => ({ done: false as const, refusal }),
    );
    if (!outcome.done) {
      steps.set(name, {
        ...step,
        reasonCode: ReasonCode.COMPENSATION_FAILED,
        reason: `${outcome.refusal.code}: ${outcome.refusal.reason}`,
        version: step.version + 1,
      });
      view.timeline.push({
        at: new Date().toISOString(),
        event: 'compensation_failed',
        step: name,
        detail: outcome.refusal.code,
      });
      await project();
      continue;
    }
    steps.set(name, {
      ...step,
      state: 'compensated',
      status: 'compensated',
      result: { ...step.result, ...outcome.added },
      version: step.version + 1,
    });
    view.timeline.push({ at: new Date().toISOString(), event: 'compensated', step: name });
    await project();
  }
  view.timeline.push({ at: new Date().toISOString(), event: 'annulled' });
  // Shown first, then told: the message sends the citizen to a page that already says so.
  await project();
  await bestEffort(() =>
    notifyCitizen({
      key: `${caseId}:annulment:notify`,
      to: input.contact,
      event: { template: 'case_finished', caseId, status: 'annulled' },
    }),
  );
  return view;
}
