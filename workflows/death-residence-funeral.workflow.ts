// Group B: one application; death registration first, then the removal of permanent residence ∥ the
// benefits: the funeral allowance from whichever body the deceased was known to (BHXH, social
// protection, merit services), the survivor allowance if asked for (a lump sum once every adult
// relative confirmed the payee), and the pension stopped. The shared case runs machine and steps.
import { condition, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { deadlineAfter, toLocalDate, type WorkingCalendar } from '../domain/calendar/working-days';
import type { DeathApplication } from '../domain/DeathApplication';
import { adultRelatives } from '../domain/relatives';
import type { Agency } from '../domain/principal';
import {
  decideFuneral,
  decideSurvivor,
  type FuneralPayer,
  type InsuredFacts,
} from '../domain/procedures/death-benefits.rules';
import type { GroupBRules, GroupBStep } from '../domain/procedures/death-residence-funeral.rules';
import type { CaseView, PayeeConfirmations } from '../domain/procedures/views';
import { agencyOptions } from './activity-options';
import {
  deathRequest,
  deathTaskSummary,
  funeralRequest,
  pensionStopRequest,
  removalRequest,
  survivorRequest,
} from './death-residence-funeral.requests';
import { refuse } from './action-requests';
import { LinkedCase } from './linked-case';
import { confirmPayee, submitPayeeDeclaration, type PayeeConfirmationInput } from './messages';
import type { AgencyStepInput } from './steps/agency-step.workflow';
import type { AgencyQueue } from './task-queues';

export interface DeathCaseInput {
  application: DeathApplication;
  /** When the one-stop desk or portal received the dossier (epoch ms). */
  receivedAt: number;
  rules: GroupBRules;
  calendar: WorkingCalendar;
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

const { lookupInsured } = proxyActivities<Activities>(agencyOptions('social-insurance'));
const { lookupAssistance } = proxyActivities<Activities>(agencyOptions('social-protection'));
const { lookupMerit } = proxyActivities<Activities>(agencyOptions('merit-services'));

export async function deathResidenceFuneral(input: DeathCaseInput): Promise<CaseView> {
  const { application: app, rules, calendar, receivedAt } = input;
  const claimedOn = toLocalDate(receivedAt, calendar);
  const payee = lumpSumPayee(
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
    commune: app.receivingCommune,
    contact: { phone: app.applicant.phone, language: app.language },
    deadline: () => deadlineAfter(receivedAt, rules.deadlines.case, calendar),
    businessKey: app.deceased.pin,
    partyPins: [app.applicant.pin, ...app.relatives.map((r) => r.pin)],
    ...(payee && { details: () => ({ payee: payee.view() }) }),
  });
  const death = () => linked.steps.get('death')?.result ?? {};

  if (payee) {
    const open = () => payee.state() === 'awaiting' && linked.steps.get('survivor') === undefined;
    linked.requests.on(
      confirmPayee,
      ({ relativePin }) => {
        payee.confirmed.add(relativePin);
        return linked.view();
      },
      ({ relativePin, payeePin }: PayeeConfirmationInput) => {
        if (!open()) throw refuse(`the payee is ${payee.state()}`);
        if (!payee.required.includes(relativePin))
          throw refuse('only the named adult relatives confirm the payee');
        if (payeePin !== payee.payeePin) throw refuse('this is not the payee the relatives named');
      },
    );
    linked.requests.on(
      submitPayeeDeclaration,
      ({ document }) => {
        payee.declaration = document;
        return linked.view();
      },
      (_declaration) => {
        if (!open()) throw refuse(`the payee is ${payee.state()}`);
      },
    );
  }

  const startStep = (
    step: GroupBStep,
    agency: Agency,
    queue: AgencyQueue,
    request: AgencyStepInput['request'],
    summary: Record<string, unknown> = deathTaskSummary(app, death()),
  ) =>
    linked.startStep(step, {
      jurisdiction:
        step === 'residence-removal' ? app.deceased.lastResidence.commune : app.receivingCommune,
      agency,
      queue,
      request,
      startedAt: step === 'death' ? receivedAt : Date.now(),
      workingDays: rules.deadlines[step],
      calendar,
      supplementReplyDays: rules.supplementReplyDays,
      ...(rules.supplementReplyMs !== undefined && { supplementReplyMs: rules.supplementReplyMs }),
      reminderHours: rules.reminderHoursBeforeDeadline,
      summary,
    });

  async function startBranches(): Promise<void> {
    const pin = app.deceased.pin;
    const [insured, assisted, meritorious] = await Promise.all([
      lookupInsured(pin),
      lookupAssistance(pin),
      lookupMerit(pin),
    ]);
    await startStep(
      'residence-removal',
      rules.agencies['residence-removal'],
      QUEUES['residence-removal'],
      removalRequest(app, death()),
    );
    if (insured?.pensioner || insured?.monthlyInsuranceAllowance)
      await startStep(
        'pension-stop',
        rules.agencies['pension-stop'],
        QUEUES['pension-stop'],
        pensionStopRequest(app, death()),
      );
    else linked.skipStep('pension-stop');
    if (app.components.funeral) await startFuneral(insured, assisted, meritorious);
    if (app.components.survivor) await startSurvivor(insured);
  }

  async function startFuneral(
    insured: InsuredFacts | null,
    assisted: boolean,
    meritorious: boolean,
  ) {
    const decision = decideFuneral(
      {
        compulsoryMonths: insured?.compulsoryMonths ?? 0,
        voluntaryMonths: insured?.voluntaryMonths ?? 0,
        pensioner: insured?.pensioner ?? false,
        monthlyInsuranceAllowance: insured?.monthlyInsuranceAllowance ?? false,
        occupationalDeath: insured?.occupationalDeath ?? false,
        monthlySocialAssistance: assisted,
        meritorious,
      },
      app.death.date,
      claimedOn,
    );
    if (decision.kind === 'refused')
      return linked.refuseStep(
        'funeral',
        'social-insurance',
        `${decision.code}: ${decision.reason}`,
      );
    await startStep(
      'funeral',
      decision.payer,
      QUEUES[decision.payer],
      funeralRequest(app, death(), decision.payer, decision.amountVnd),
      deathTaskSummary(app, death(), decision),
    );
  }

  async function startSurvivor(insured: InsuredFacts | null) {
    const kind = app.survivor?.kind ?? 'lump_sum';
    const decision = decideSurvivor(insured ?? undefined, kind, app.relatives, app.death.date);
    if (decision.kind === 'refused')
      return linked.refuseStep(
        'survivor',
        'social-insurance',
        `${decision.code}: ${decision.reason}`,
      );
    const start = () =>
      startStep(
        'survivor',
        rules.agencies.survivor,
        QUEUES.survivor,
        survivorRequest(app, death(), decision),
      );
    if (!payee) return start();
    // Every adult relative confirms the one payee, or a declaration form is uploaded, in time.
    void (async () => {
      await condition(
        () => payee.state() !== 'awaiting' || linked.done,
        Math.max(0, payee.due - Date.now()),
      );
      if (linked.done) return;
      if (payee.state() === 'awaiting') payee.expired = true;
      if (payee.state() === 'expired')
        await linked.refuseStep(
          'survivor',
          'social-insurance',
          'PAYEE.NOT_CONFIRMED: not every adult relative confirmed the payee in time',
        );
      else await start();
    })();
  }

  await linked.notify({ template: 'case_received', caseId: linked.caseId });
  if (payee)
    await linked.notify({
      template: 'payee_confirmation_requested',
      caseId: linked.caseId,
      due: toLocalDate(payee.due, calendar),
    });
  await startStep(
    'death',
    rules.agencies.death,
    QUEUES.death,
    deathRequest(app),
    deathTaskSummary(app),
  );
  return linked.run(async (action) => {
    if (action === 'startBranches') await startBranches();
  });
}

/** The lump sum's payee and who must confirm it; undefined when no lump sum is claimed. */
function lumpSumPayee(app: DeathApplication, claimedOn: string, due: number) {
  const payeePin = app.survivor?.payeePin;
  if (!app.components.survivor || app.survivor?.kind !== 'lump_sum' || !payeePin) return undefined;
  const required = adultRelatives(app, claimedOn).map((r) => r.pin);
  const payee = {
    payeePin,
    required,
    due,
    confirmed: new Set<string>(),
    declaration: undefined as string | undefined,
    expired: false,
    state(): PayeeConfirmations['state'] {
      if (payee.declaration || required.every((pin) => payee.confirmed.has(pin)))
        return 'confirmed';
      return payee.expired ? 'expired' : 'awaiting';
    },
    view(): PayeeConfirmations {
      return {
        payeePin,
        required,
        confirmed: required.filter((pin) => payee.confirmed.has(pin)),
        ...(payee.declaration && { declaration: payee.declaration }),
        due: new Date(due).toISOString(),
        state: payee.state(),
      };
    },
  };
  return payee;
}
