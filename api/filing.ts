// From a validated application to the workflow that runs it: which procedure, its case id (the
// business key, so a second filing finds the first), and the rules and calendar in force on the day
// the dossier was received.
import { createHmac } from 'node:crypto';
import { DEV_CASE_ID_SECRET } from '../config/env';
import { vietnamDate } from '../domain/calendar/vietnam';
import { caseCodeSeries, type CaseCodeSeries } from '../domain/case-code';
import { deadlineAfter, type WorkingCalendar } from '../domain/calendar/working-days';
import { birthApplicationSchema, type BirthApplication } from '../domain/BirthApplication';
import { deathApplicationSchema, type DeathApplication } from '../domain/DeathApplication';
import type { ApplicationContext } from '../domain/application-fields';
import type { FilerVerification } from '../domain/relatives';
import { GROUP_A_RULES } from '../domain/procedures/birth-residence-insurance.rules';
import { benefitRulesFor } from '../domain/procedures/benefit-law';
import { GROUP_B_RULES } from '../domain/procedures/death-residence-funeral.rules';
import { CaseStatus } from '../domain/procedures/case-status';
import type { CaseView } from '../domain/procedures/views';
import { versionInForce } from '../domain/rule-versions';
import type { birthResidenceInsurance } from '../workflows/birth-residence-insurance.workflow';
import type { deathResidenceFuneral } from '../workflows/death-residence-funeral.workflow';
import { workflowIds } from '../workflows/task-queues';
import { z } from 'zod';
import type { Words } from '../domain/rule-texts';

export type Application = BirthApplication | DeathApplication;

/** Every procedure's application, told apart by `procedure`. */
export const applicationSchema = (context: ApplicationContext) =>
  z.discriminatedUnion('procedure', [
    birthApplicationSchema(context),
    deathApplicationSchema(context),
  ]);

export type CaseStart =
  | {
      workflowType: 'birthResidenceInsurance';
      caseId: string;
      args: Parameters<typeof birthResidenceInsurance>;
      /** Said in the 409 when the business key already has a case. */
      duplicate: Words;
      /** The series its case code is numbered in (domain/case-code.ts). */
      codeSeries: CaseCodeSeries;
    }
  | {
      workflowType: 'deathResidenceFuneral';
      caseId: string;
      args: Parameters<typeof deathResidenceFuneral>;
      duplicate: Words;
      codeSeries: CaseCodeSeries;
    };

/** A person's PIN keyed (HMAC-SHA-256, hex): the same for the same PIN, without revealing it. */
export const pinKey = (pin: string, secret = DEV_CASE_ID_SECRET) =>
  createHmac('sha256', secret).update(pin).digest('hex');

/** The case id of a deceased person's case: the same for the same PIN, without revealing it. */
export const deathCaseId = (deceasedPin: string, secret = DEV_CASE_ID_SECRET) =>
  workflowIds.deathResidenceFuneral(pinKey(deceasedPin, secret).slice(0, 24).toUpperCase());

/**
 * Refiling (issue 19): the business key's n-th filing (n ≥ 2) gets its own case id, `<first>~<n>`,
 * filed only when the (n−1)-th ended withdrawn or rejected. A new id rather than a new run under the
 * same workflow id, because everything downstream is keyed by the case id and must not meet the
 * earlier filing's: each agency call's idempotency key (`<caseId>:<step>`, STYLE rule 15) — a new
 * run would be answered with the first run's replies, its refusal replayed; the read model, whose
 * version-guarded upserts would ignore a new run's lower versions and whose tasks are keyed by the
 * step's workflow id; the audit log, searched by case; and an annulment, which already runs as the
 * case id's next run. The earlier case and its timeline stay as they were, and the new id names
 * it: `X~2` follows `X`, `X~3` follows `X~2`. `~` is in neither a certificate number nor a key.
 */
export const REFILING_SEPARATOR = '~';

/** The id of the business key's `filing`-th case (1: the first, `caseId` itself). */
export const refiledCaseId = (firstCaseId: string, filing: number) =>
  filing === 1 ? firstCaseId : `${firstCaseId}${REFILING_SEPARATOR}${filing}`;

/** The case this one was filed after (its refiling predecessor); undefined for a first filing. */
export function previousCaseId(caseId: string): string | undefined {
  const match = /^(.*)~([1-9]\d*)$/.exec(caseId);
  if (!match) return undefined;
  const [, first = '', filing] = match;
  return refiledCaseId(first, Number(filing) - 1);
}

export function caseStart(
  app: Application,
  receivedAt: number,
  /**
   * The working calendar of the filing year and the next, read from the database for each filing
   * (api/calendar-delivery.ts calendarFor): a notice recorded a moment ago already counts.
   */
  calendar: WorkingCalendar,
  provinceCodeOf: (commune: string) => string | undefined,
  caseIdSecret?: string,
  /** Drills only (ApiDeps.drillSupplementReplyMs): supplement windows of this many milliseconds. */
  drillSupplementReplyMs?: number,
  /** A death's filer as the population database knows them (api/death-filing.ts). */
  filer?: FilerVerification,
): CaseStart {
  const today = vietnamDate(receivedAt);
  const codeSeries = caseCodeSeries(app.procedure, app.receivingCommune, receivedAt);
  const drill =
    drillSupplementReplyMs === undefined ? {} : { supplementReplyMs: drillSupplementReplyMs };
  if (app.procedure === 'birth-residence-insurance') {
    return {
      workflowType: 'birthResidenceInsurance',
      caseId: workflowIds.birthResidenceInsurance(app.medicalBirthCertificate.number),
      args: [
        {
          application: app,
          receivedAt,
          provinceCode: provinceCodeOf(app.receivingCommune) ?? '000',
          rules: { ...versionInForce(GROUP_A_RULES, today), ...drill },
          calendar,
        },
      ],
      duplicate: {
        vi: 'đã có hồ sơ cho giấy chứng sinh này',
        en: 'a case for this birth certificate exists',
      },
      codeSeries,
    };
  }
  return {
    workflowType: 'deathResidenceFuneral',
    caseId: deathCaseId(app.deceased.pin, caseIdSecret),
    args: [
      {
        application: app,
        receivedAt,
        rules: { ...versionInForce(GROUP_B_RULES, today), ...drill },
        calendar,
        ...(filer && { filer }),
        // The benefit law of the date of death, pinned now: a later version never changes this case.
        benefits: benefitRulesFor(app.death.date) ?? null,
      },
    ],
    duplicate: {
      vi: 'đã có hồ sơ khai tử cho người này',
      en: 'a case for this deceased person exists',
    },
    codeSeries,
  };
}

/**
 * The case as received, before its workflow first projects it (version 0, written over by the
 * workflow's version 1): what `GET /v1/cases/{caseId}` answers right after the filing's 202. Its
 * deadline is the workflow's own first one — the case's working days counted from receipt with
 * the calendar it was filed with.
 */
export function receivedView(start: CaseStart, caseId: string, caseCode: string): CaseView {
  const [{ application, receivedAt, rules, calendar }] = start.args;
  const received = new Date(receivedAt).toISOString();
  return {
    caseId,
    caseCode,
    procedure: application.procedure,
    status: CaseStatus.submitted,
    receivedAt: received,
    commune: application.receivingCommune,
    deadline: new Date(deadlineAfter(receivedAt, rules.deadlines.case, calendar)).toISOString(),
    steps: [],
    timeline: [{ at: received, event: 'received' }],
    version: 0,
  };
}
