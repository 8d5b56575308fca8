// Group B: one application; death registration first, then the removal of permanent residence ∥ the
// benefits: the funeral allowance from whichever body the deceased was known to (BHXH, social
// protection, merit services), the survivor allowance if asked for (a lump sum once every adult
// relative confirmed the payee), and the pension stopped. The shared case runs machine and steps.
import { patched, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { deadlineAfter, toLocalDate, type WorkingCalendar } from '../domain/calendar/working-days';
import type { DeathApplication } from '../domain/DeathApplication';
import { readModelKeys } from '../domain/case-people';
import type { Agency } from '../domain/principal';
import type { BenefitRules } from '../domain/procedures/benefit-law';
import type { FuneralPayer, InsuredFacts } from '../domain/procedures/death-benefits.rules';
import type { GroupBRules, GroupBStep } from '../domain/procedures/death-residence-funeral.rules';
import type { Refusal, StepResult } from '../domain/procedures/agency-step.machine';
import type {
  DeclarationReviewParams,
  PayeeAction,
  PayeeEvent,
} from '../domain/procedures/payee-confirmation.machine';
import { ReasonCode } from '../domain/procedures/reasons';
import type { CaseView } from '../domain/procedures/views';
import type { FilerVerification } from '../domain/relatives';
import { refuse } from './action-requests';
import { agencyOptions } from './activity-options';
import { benefitDeciderOfThisRun } from './death-residence-funeral.benefits';
import { lumpSumPayee, PayeeGate } from './death-residence-funeral.payee';
import {
  checkedFacts,
  deathRequest,
  deathTaskSummary,
  funeralRequest,
  pensionStopRequest,
  registriesChecked,
  removalRequest,
  survivorRequest,
} from './death-residence-funeral.requests';
import { LinkedCase } from './linked-case';
import { confirmPayee, submitPayeeDeclaration, type PayeeConfirmationInput } from './messages';
import { orElse, type ActionHandlers } from './outcomes';
import type { AgencyStepInput } from './steps/agency-step.workflow';
import type { AgencyQueue } from './task-queues';

/** What the registries know of the deceased: who pays the funeral allowance and the pension. */
interface Registries {
  insured: InsuredFacts | null;
  assisted: boolean;
  meritorious: boolean;
}

export interface DeathCaseInput {
  application: DeathApplication;
  /** When the one-stop desk or portal received the dossier (epoch ms). */
  receivedAt: number;
  rules: GroupBRules;
  calendar: WorkingCalendar;
  /** The human-readable code the API gave it (domain/case-code.ts); absent on cases filed before. */
  caseCode?: string;
  /**
   * The filer as the population database knew them at the door (api/death-filing.ts). Absent on
   * cases filed before issue 19: their task summaries stay as they were recorded.
   */
  filer?: FilerVerification;
  /**
   * The benefit rules for the date of death, pinned at filing (benefit-law.ts, issue 20); null: no
   * rule known for that date. Absent on cases filed before: chosen when the case starts.
   */
  benefits?: BenefitRules | null;
}

const QUEUES: Record<Exclude<GroupBStep, 'funeral'>, AgencyQueue> &
  Record<FuneralPayer, AgencyQueue> = {
  death: 'civil-status',
  'residence-removal': 'police',
  survivor: 'social-insurance',
  'pension-stop': 'social-insurance',
  'social-insurance': 'social-insurance',
  'social-protection': 'social-protection',
  'merit-services': 'merit-services',
};

/** The officer's review of a payee declaration, as a step beside the case's own. */
const DECLARATION_REVIEW = 'payee-declaration';
/** CHANGELOG.md: the declaration goes to an officer's review before it replaces the confirmations. */
const DECLARATION_REVIEW_PATCH = 'payee-declaration-review';

const { lookupInsured, lookupRelatives } = proxyActivities<Activities>(
  agencyOptions('social-insurance'),
);
const { lookupAssistance } = proxyActivities<Activities>(agencyOptions('social-protection'));
const { lookupMerit } = proxyActivities<Activities>(agencyOptions('merit-services'));

export async function deathResidenceFuneral(input: DeathCaseInput): Promise<CaseView> {
  const { application: app, rules, calendar, receivedAt } = input;
  // Asked first, before any projection (projections.ts): the v1.0.0 rules for cases started before.
  const benefits = benefitDeciderOfThisRun(app.death.date, input.benefits);
  const claimedOn = toLocalDate(receivedAt, calendar);
  const lumpSum = lumpSumPayee(
    app,
    claimedOn,
    deadlineAfter(receivedAt, rules.payeeConfirmationDays, calendar),
  );
  const linked = new LinkedCase({
    procedure: app.procedure,
    first: 'death',
    chosen: {
      'residence-removal': true,
      funeral: app.components.funeral,
      survivor: app.components.survivor,
      // Stopped whenever the deceased drew a pension, whichever procedures were chosen.
      'pension-stop': true,
    },
    maxCorrections: rules.maxCorrections,
    receivedAt,
    ...(input.caseCode !== undefined && { caseCode: input.caseCode }),
    commune: app.receivingCommune,
    contact: { phone: app.applicant.phone, language: app.language },
    calendar,
    // Counted with the case's calendar as it is now: a notice published meanwhile moves it.
    deadline: (): number => deadlineAfter(receivedAt, rules.deadlines.case, linked.calendar),
    ...readModelKeys(app),
    details: (): Partial<CaseView> => (payee ? { payee: payee.view() } : {}),
    nextTimer: () => payee?.nextTimer(),
    // Confirmations no longer matter once the case is over.
    onFinished: () => payee?.send({ type: 'CLOSE' }),
    // Counted again with the new calendar, as the case's own deadline is. No patch: only a case
    // that hears calendarChanged (new in this release, CHANGELOG) runs it.
    onCalendarChanged: (): Promise<void> | undefined =>
      payee?.send({
        type: 'RECOUNTED',
        due: deadlineAfter(receivedAt, rules.payeeConfirmationDays, linked.calendar),
      }),
  });
  const death = () => linked.steps.get('death')?.result ?? {};
  const summaryOf = (result?: StepResult, claim?: { amountVnd: number; basis: string }) =>
    deathTaskSummary(app, result, claim, input.filer);

  const startStep = (
    step: GroupBStep | typeof DECLARATION_REVIEW,
    agency: Agency,
    queue: AgencyQueue,
    request: AgencyStepInput['request'],
    summary: Record<string, unknown> = summaryOf(death()),
    onSettled?: Parameters<LinkedCase['startStep']>[2],
  ) =>
    linked.startStep(
      step,
      {
        jurisdiction:
          step === 'residence-removal' ? app.deceased.lastResidence.commune : app.receivingCommune,
        agency,
        queue,
        request,
        startedAt: step === 'death' ? receivedAt : Date.now(),
        // (U) no legal limit found for verifying a declaration: BHXH's own step limit applies.
        workingDays: rules.deadlines[step === DECLARATION_REVIEW ? 'survivor' : step],
        calendar: linked.calendar,
        supplementReplyDays: rules.supplementReplyDays,
        ...(rules.supplementReplyMs !== undefined && {
          supplementReplyMs: rules.supplementReplyMs,
        }),
        reminderHours: rules.reminderHoursBeforeDeadline,
        summary,
      },
      onSettled,
    );
  /** Starts a benefit step; one that cannot even be prepared ends rejected with why. */
  const orRefuse = (step: GroupBStep, start: () => Promise<void>): Promise<void> =>
    orElse(start, (refusal) => linked.refuseStep(step, 'social-insurance', refusal));

  // What the lump sum's payee decides, once the relatives have spoken and the claim is ready.
  let survivorClaim: (() => Promise<void>) | undefined;
  const payeeHandlers: ActionHandlers<PayeeAction> = {
    startSurvivor: () => orRefuse('survivor', survivorClaim ?? (() => Promise.resolve())),
    refuseSurvivor: () =>
      linked.refuseStep('survivor', 'social-insurance', {
        code: ReasonCode.PAYEE_NOT_CONFIRMED,
        reason: 'not every adult relative confirmed the payee in time',
      }),
    reviewDeclaration: (params: DeclarationReviewParams) => reviewDeclaration(params),
    cancelDeclarationReview: () =>
      linked.cancelStep(DECLARATION_REVIEW, {
        code: ReasonCode.STEP_CANCELLED,
        reason: 'the declaration no longer matters',
      }),
  };

  /**
   * A BHXH officer verifies the relatives' declaration (Form 09-HSB goes to BHXH with the survivor
   * claim: QĐ 1449/QĐ-BHXH, DOMAIN.md §3B) as a task in their inbox, an agency step the case machine
   * does not run: its decision goes to the payee machine. One per case (its workflow id is the step's).
   */
  async function reviewDeclaration({ document }: DeclarationReviewParams): Promise<void> {
    await startStep(
      DECLARATION_REVIEW,
      rules.agencies.survivor,
      QUEUES.survivor,
      { step: DECLARATION_REVIEW, declaration: { document, payeePin: lumpSum?.payeePin ?? '' } },
      { ...summaryOf(death()), declaration: { document, payeePin: lumpSum?.payeePin } },
      async (settled) => {
        const decided: PayeeEvent =
          settled.status === 'completed'
            ? { type: 'DECLARATION_APPROVED' }
            : { type: 'DECLARATION_REJECTED', reason: settled.reason ?? settled.status };
        await payee?.send(decided);
        linked.touch();
      },
    );
  }
  const payee: PayeeGate | undefined = lumpSum && new PayeeGate(lumpSum, payeeHandlers);

  async function startBranches(): Promise<void> {
    const pin = app.deceased.pin;
    await startStep(
      'residence-removal',
      rules.agencies['residence-removal'],
      QUEUES['residence-removal'],
      removalRequest(app, death()),
    );
    // Who pays depends on the registries; a registry that refuses the lookup refuses the benefits.
    const facts = await orElse<Registries | Refusal>(
      async () => {
        const [insured, assisted, meritorious] = await Promise.all([
          lookupInsured(pin),
          lookupAssistance(pin),
          lookupMerit(pin),
        ]);
        return { insured, assisted, meritorious };
      },
      (refusal) => refusal,
    );
    if ('code' in facts) {
      for (const step of ['pension-stop', 'funeral', 'survivor'] as const)
        if (step === 'pension-stop' || app.components[step])
          await linked.refuseStep(step, 'social-insurance', facts);
      return payee?.send({ type: 'CLOSE' });
    }
    const { insured, assisted, meritorious } = facts;
    if (insured?.pensioner || insured?.monthlyInsuranceAllowance)
      await orRefuse('pension-stop', () =>
        startStep(
          'pension-stop',
          rules.agencies['pension-stop'],
          QUEUES['pension-stop'],
          pensionStopRequest(app, death()),
        ),
      );
    else linked.skipStep('pension-stop');
    if (app.components.funeral)
      await orRefuse('funeral', () => startFuneral(insured, assisted, meritorious));
    if (app.components.survivor) await orRefuse('survivor', () => startSurvivor(insured));
  }

  async function startFuneral(
    insured: InsuredFacts | null,
    assisted: boolean,
    meritorious: boolean,
  ) {
    const decision = benefits.funeral(
      {
        compulsoryMonths: insured?.compulsoryMonths ?? 0,
        voluntaryMonths: insured?.voluntaryMonths ?? 0,
        pensioner: insured?.pensioner ?? false,
        monthlyInsuranceAllowance: insured?.monthlyInsuranceAllowance ?? false,
        occupationalDeath: insured?.occupationalDeath ?? false,
        monthlySocialAssistance: assisted,
        meritorious,
      },
      claimedOn,
    );
    if (decision.kind === 'refused')
      return linked.refuseStep(
        'funeral',
        'social-insurance',
        { code: decision.code, reason: decision.reason },
        benefits.refusalRecord(decision),
      );
    // Since benefits-by-law the payer checks its own filing limit: the claim says when it was filed.
    await startStep(
      'funeral',
      decision.payer,
      QUEUES[decision.payer],
      funeralRequest(
        app,
        death(),
        decision.payer,
        decision.amountVnd,
        benefits.byLaw ? claimedOn : undefined,
      ),
      benefits.byLaw
        ? {
            ...summaryOf(death(), decision),
            ...('rule' in decision && { rule: decision.rule }),
            checked: registriesChecked(insured, assisted, meritorious),
          }
        : summaryOf(death(), decision),
    );
  }

  async function startSurvivor(insured: InsuredFacts | null): Promise<void> {
    const kind = app.survivor?.kind ?? 'lump_sum';
    // Since benefits-by-law a monthly allowance's relatives are the population database's, eligible
    // by its records (issue 20), never by what the applicant ticked.
    const checked =
      benefits.byLaw && kind === 'monthly'
        ? benefits.eligibility(await lookupRelatives(app.deceased.pin))
        : undefined;
    const decision = benefits.survivor(insured ?? undefined, kind, checked ?? app.relatives);
    if (decision.kind === 'refused') {
      await payee?.send({ type: 'CLOSE' });
      return linked.refuseStep(
        'survivor',
        'social-insurance',
        { code: decision.code, reason: decision.reason },
        benefits.refusalRecord(decision),
      );
    }
    survivorClaim = () =>
      startStep(
        'survivor',
        rules.agencies.survivor,
        QUEUES.survivor,
        survivorRequest(app, death(), decision),
        benefits.byLaw
          ? { ...summaryOf(death()), checked: checkedFacts(insured, checked) }
          : summaryOf(death()),
      );
    // A lump sum waits for its payee (payee-confirmation.machine.ts); anything else starts now.
    if (payee) await payee.send({ type: 'CLAIM_READY' });
    else await survivorClaim();
  }

  if (payee) {
    // Since patch payee-declaration-review an officer verifies the declaration before it replaces
    // the confirmations. Asked here, at the start, before any local projection (projections.ts): a
    // case started before the patch keeps the v1.0.0 path, where the declaration stood at once.
    const reviewed = patched(DECLARATION_REVIEW_PATCH);
    linked.requests.on(
      confirmPayee,
      async ({ relativePin, payeePin }) => {
        await payee.send({ type: 'CONFIRM', relativePin, payeePin });
        linked.touch();
        return linked.view();
      },
      ({ relativePin, payeePin }: PayeeConfirmationInput) => {
        if (!payee.can({ type: 'CONFIRM', relativePin, payeePin }))
          throw refuse(payee.whyNot(relativePin));
      },
    );
    linked.requests.on(
      submitPayeeDeclaration,
      async ({ document }) => {
        await payee.send({ type: 'DECLARE', document, ...(!reviewed && { unreviewed: true }) });
        linked.touch();
        return linked.view();
      },
      ({ document }) => {
        if (!payee.can({ type: 'DECLARE', document })) throw refuse(payee.whyNoDeclaration());
      },
    );
  }

  // Requests are heard once the case and its payee's actions exist (one sent with the filing's
  // answer may be waiting).
  linked.requests.listen();
  linked.notify({ template: 'case_received', caseId: linked.caseId });
  if (payee)
    linked.notify({
      template: 'payee_confirmation_requested',
      caseId: linked.caseId,
      due: toLocalDate(payee.due, calendar),
    });
  await startStep('death', rules.agencies.death, QUEUES.death, deathRequest(app), summaryOf());
  return linked.run({
    startBranches,
    // Group B allows no correction (rules.maxCorrections = 0): a return is refused by the machine.
    requestCorrection: () =>
      linked.apply({
        type: 'CORRECTION_FAILED',
        code: ReasonCode.CORRECTION_LIMIT,
        reason: 'a death record is not corrected within this procedure',
      }),
  });
}
