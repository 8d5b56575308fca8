// Vietnam Social Security (BHXH), simulated: assigns the 10-digit social-insurance number that is the
// child's health-insurance card number (DOMAIN.md §3A), valid per §2C, at an initial care facility.
// A defect caused by the civil-status step is returned to it (422 with returnTo) rather than rejected.
// After a death: the funeral and survivor allowances (one grant in force per deceased), the stop of a
// monthly pension or allowance, and their reversal when a court annuls the death.
import { randomInt } from 'node:crypto';
import { Router } from 'express';
import type { PoolClient } from 'pg';
import { z } from 'zod';
import type { Db } from '../../db/pool';
import { CommuneCode, PersonalIdNumber } from '../../domain/principal';
import {
  decisionNumberSql,
  decideFuneralClaim,
  FuneralClaim,
  grantInForce,
  refused,
  Revocation,
  revokeDecision,
  VndAmount,
} from './framework/benefits';
import type { InsuredFacts } from '../../domain/procedures/death-benefits.rules';
import { socialInsuranceFuneral, socialInsuranceSurvivor } from './framework/entitlement';
import { idempotentPost, parseBody, SimulatorError } from './framework/http';

const SCHEMA = 'sim_social_insurance';

const CardRequest = z.object({
  pin: PersonalIdNumber,
  fullName: z.string().min(2),
  dateOfBirth: z.iso.date(),
  sex: z.enum(['male', 'female']),
  commune: CommuneCode,
  birthExtractNumber: z.string().min(4),
  initialCareFacility: z.string().min(2).optional(),
});

export const Facility = z.object({
  code: z.string().min(2),
  name: z.string().min(2),
  commune: CommuneCode,
});
export type Facility = z.infer<typeof Facility>;

/** What BHXH knows of a person: contributions, pension, monthly allowance. */
export const InsuredPerson = z.object({
  pin: PersonalIdNumber,
  compulsoryMonths: z.number().int().min(0),
  voluntaryMonths: z.number().int().min(0).default(0),
  /** Of those months, the ones contributed before 2014 (1.5 months a year, not 2: DOMAIN.md §5). */
  monthsBefore2014: z.number().int().min(0).default(0),
  averageSalaryVnd: z.number().int().min(0).default(0),
  pensioner: z.boolean().default(false),
  monthlyPensionVnd: VndAmount.optional(),
  retiredOn: z.iso.date().optional(),
  monthlyInsuranceAllowance: z.boolean().default(false),
  occupationalDeath: z.boolean().default(false),
});
export type InsuredPerson = z.infer<typeof InsuredPerson>;

const base = {
  pin: PersonalIdNumber.describe('the deceased'),
  deathExtractNumber: z.string().min(4),
  dateOfDeath: z.iso.date(),
};

const SurvivorClaim = z.discriminatedUnion('kind', [
  z.object({
    ...base,
    kind: z.literal('lump_sum'),
    amountVnd: VndAmount,
    payeePin: PersonalIdNumber,
  }),
  z.object({
    ...base,
    kind: z.literal('monthly'),
    monthly: z
      .array(z.object({ pin: PersonalIdNumber, amountVnd: VndAmount }))
      .min(1)
      .max(4, 'at most four relatives receive the monthly survivor allowance')
      .refine((list) => new Set(list.map((r) => r.pin)).size === list.length, {
        message: 'each relative appears once',
      }),
  }),
]);

const PensionStop = z.object(base);

const Reinstatement = z.object({ reason: z.string().min(1) });

const notInsured = refused(
  422,
  'SOCIAL_INSURANCE.NOT_INSURED',
  'the person has no social-insurance record',
);

/**
 * A child's card runs until the child is 72 months old; if that falls before the school year starts,
 * until 30 September of that year (DOMAIN.md §2C).
 */
export function cardValidTo(dateOfBirth: string): string {
  const sixth = `${Number(dateOfBirth.slice(0, 4)) + 6}${dateOfBirth.slice(4)}`;
  const schoolStart = `${sixth.slice(0, 4)}-09-30`;
  if (sixth <= schoolStart) return schoolStart;
  const dayBefore = new Date(Date.parse(`${sixth}T00:00:00Z`) - 86_400_000);
  return dayBefore.toISOString().slice(0, 10);
}

/** The child has not reached 72 months (the 6th birthday) on `today`. */
export const underSix = (dateOfBirth: string, today: string): boolean =>
  today < `${Number(dateOfBirth.slice(0, 4)) + 6}${dateOfBirth.slice(4)}`;

/** Adds or replaces what BHXH knows of a person (a stopped pension stays stopped). */
export async function addInsuredPerson(db: Db, person: InsuredPerson): Promise<void> {
  await db.query(
    `INSERT INTO ${SCHEMA}.people
       (pin, compulsory_months, voluntary_months, average_salary_vnd, pensioner, monthly_pension_vnd,
        retired_on, monthly_insurance_allowance, occupational_death, months_before_2014)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (pin) DO UPDATE SET
       compulsory_months = EXCLUDED.compulsory_months, voluntary_months = EXCLUDED.voluntary_months,
       months_before_2014 = EXCLUDED.months_before_2014,
       average_salary_vnd = EXCLUDED.average_salary_vnd, pensioner = EXCLUDED.pensioner,
       monthly_pension_vnd = EXCLUDED.monthly_pension_vnd, retired_on = EXCLUDED.retired_on,
       monthly_insurance_allowance = EXCLUDED.monthly_insurance_allowance,
       occupational_death = EXCLUDED.occupational_death`,
    [
      person.pin,
      person.compulsoryMonths,
      person.voluntaryMonths,
      person.averageSalaryVnd,
      person.pensioner,
      person.monthlyPensionVnd ?? null,
      person.retiredOn ?? null,
      person.monthlyInsuranceAllowance,
      person.occupationalDeath,
      person.monthsBefore2014,
    ],
  );
}

export async function addFacility(db: Db, facility: Facility): Promise<void> {
  await db.query(
    `INSERT INTO ${SCHEMA}.health_facilities (code, name, commune) VALUES ($1, $2, $3)
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, commune = EXCLUDED.commune`,
    [facility.code, facility.name, facility.commune],
  );
}

export function socialInsuranceRoutes({ db }: { db: Db }): Router {
  const router = Router();

  router.post(
    '/child-cards',
    idempotentPost(db, SCHEMA, (req) => {
      const input = parseBody(CardRequest, req);
      return {
        request: input,
        effect: async (tx) => {
          const existing = await tx.query(`SELECT 1 FROM ${SCHEMA}.cards WHERE pin = $1`, [
            input.pin,
          ]);
          if (existing.rowCount) {
            return {
              status: 422,
              body: {
                code: 'SOCIAL_INSURANCE.CARD_EXISTS',
                reason: 'only the first card is issued here',
              },
            };
          }
          // BHXH's own check, whatever the engine sent (issue 20): this card is for a child under 6
          // (DOMAIN.md §1A, §2C [S52]); an older child's would expire before it was issued.
          if (!underSix(input.dateOfBirth, new Date().toISOString().slice(0, 10))) {
            return {
              status: 422,
              body: {
                code: 'SOCIAL_INSURANCE.CHILD_NOT_UNDER_6',
                reason: 'the free card is for a child under 6 (72 months): this child is older',
              },
            };
          }
          const facility = await tx.query<{ code: string; name: string }>(
            input.initialCareFacility
              ? `SELECT code, name FROM ${SCHEMA}.health_facilities WHERE code = $1`
              : `SELECT code, name FROM ${SCHEMA}.health_facilities WHERE commune = $1 ORDER BY code LIMIT 1`,
            [input.initialCareFacility ?? input.commune],
          );
          const chosen = facility.rows[0];
          if (!chosen) {
            return {
              status: 422,
              body: {
                code: 'SOCIAL_INSURANCE.UNKNOWN_FACILITY',
                reason: 'no such initial care facility',
              },
            };
          }
          const validTo = cardValidTo(input.dateOfBirth);
          for (;;) {
            // 2-digit province code (the last two of the PIN's) + 8 digits.
            const number = `${input.pin.slice(1, 3)}${String(randomInt(100_000_000)).padStart(8, '0')}`;
            const { rowCount } = await tx.query(
              `INSERT INTO ${SCHEMA}.cards (insurance_number, pin, full_name, valid_from, valid_to, facility_code)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (insurance_number) DO NOTHING`,
              [number, input.pin, input.fullName, input.dateOfBirth, validTo, chosen.code],
            );
            if (rowCount === 1) {
              const body = {
                status: 'issued',
                insuranceNumber: number,
                validFrom: input.dateOfBirth,
                validTo,
                facility: chosen,
              };
              return { status: 200, body };
            }
          }
        },
      };
    }),
  );

  router.get('/cards', async (req, res) => {
    const pin = typeof req.query.pin === 'string' ? req.query.pin : '';
    const { rows } = await db.query(
      `SELECT insurance_number AS "insuranceNumber", pin, valid_from::text AS "validFrom",
              valid_to::text AS "validTo", facility_code AS "facilityCode"
         FROM ${SCHEMA}.cards WHERE pin = $1`,
      [pin],
    );
    res.json({ cards: rows });
  });

  benefitRoutes(router, db);
  return router;
}

const FUNERAL = `${SCHEMA}.funeral_decisions`;
const SURVIVOR = `${SCHEMA}.survivor_decisions`;
const decisionNumber = (prefix: string) => decisionNumberSql(prefix, `${SCHEMA}.decision_seq`);

/** BHXH's own record of the deceased, as the benefit rules read it; undefined: never insured. */
async function insuredFacts(tx: PoolClient, pin: string): Promise<InsuredFacts | undefined> {
  const { rows } = await tx.query<{
    compulsory_months: number;
    voluntary_months: number;
    months_before_2014: number;
    average_salary_vnd: string;
    pensioner: boolean;
    monthly_pension_vnd: string | null;
    retired_on: string | null;
    monthly_insurance_allowance: boolean;
    occupational_death: boolean;
  }>(`SELECT *, retired_on::text AS retired_on FROM ${SCHEMA}.people WHERE pin = $1`, [pin]);
  const row = rows[0];
  return (
    row && {
      compulsoryMonths: row.compulsory_months,
      voluntaryMonths: row.voluntary_months,
      monthsBefore2014: row.months_before_2014,
      averageSalaryVnd: Number(row.average_salary_vnd),
      pensioner: row.pensioner,
      ...(row.monthly_pension_vnd !== null && {
        monthlyPensionVnd: Number(row.monthly_pension_vnd),
      }),
      ...(row.retired_on !== null && { retiredOn: row.retired_on }),
      monthlyInsuranceAllowance: row.monthly_insurance_allowance,
      occupationalDeath: row.occupational_death,
    }
  );
}

function benefitRoutes(router: Router, db: Db): void {
  router.get('/people/:pin', async (req, res) => {
    const { rows } = await db.query<{
      pin: string;
      compulsoryMonths: number;
      voluntaryMonths: number;
      monthsBefore2014: number;
      averageSalaryVnd: number;
      pensioner: boolean;
      monthlyPensionVnd: number | null;
      retiredOn: string | null;
      monthlyInsuranceAllowance: boolean;
      occupationalDeath: boolean;
    }>(
      `SELECT pin, compulsory_months AS "compulsoryMonths", voluntary_months AS "voluntaryMonths",
              months_before_2014 AS "monthsBefore2014", average_salary_vnd::float8 AS "averageSalaryVnd", pensioner,
              monthly_pension_vnd::float8 AS "monthlyPensionVnd", retired_on::text AS "retiredOn",
              monthly_insurance_allowance AS "monthlyInsuranceAllowance",
              occupational_death AS "occupationalDeath"
         FROM ${SCHEMA}.people WHERE pin = $1`,
      [req.params.pin],
    );
    const person = rows[0];
    if (!person) return void res.status(404).json({ code: 'SOCIAL_INSURANCE.UNKNOWN_PERSON' });
    const { monthlyPensionVnd, retiredOn, ...always } = person;
    res.json({
      ...always,
      ...(monthlyPensionVnd !== null && { monthlyPensionVnd }),
      ...(retiredOn !== null && { retiredOn }),
    });
  });

  router.post(
    '/funeral-claims',
    idempotentPost(db, SCHEMA, (req, key) => {
      const claim = parseBody(FuneralClaim, req);
      return {
        request: claim,
        effect: async (tx) => {
          const person = await insuredFacts(tx, claim.pin);
          if (!person) return notInsured;
          // BHXH decides from its own records and the law of the date of death (issue 20).
          return decideFuneralClaim(tx, {
            table: FUNERAL,
            decisionNumber: decisionNumber('MT'),
            key,
            claim,
            decision: socialInsuranceFuneral(person, claim),
            alreadyGranted: 'SOCIAL_INSURANCE.ALREADY_GRANTED',
          });
        },
      };
    }),
  );

  router.post(
    '/survivor-claims',
    idempotentPost(db, SCHEMA, (req, key) => {
      const claim = parseBody(SurvivorClaim, req);
      return {
        request: claim,
        effect: async (tx) => {
          const person = await insuredFacts(tx, claim.pin);
          if (!person) return notInsured;
          // BHXH decides from its own records: the lump sum it computes, the monthly shares it checks.
          const decision = socialInsuranceSurvivor(person, claim);
          if ('refuse' in decision) {
            const { rows } = await tx.query<{ decision_number: string }>(
              `INSERT INTO ${SURVIVOR}
                 (claim_key, decision_number, pin, death_extract_number, date_of_death, kind,
                  payee_pin, monthly, status, reasons)
               VALUES ($1, ${decisionNumber('TT')}, $2, $3, $4, $5, $6, $7, 'refused', $8)
               RETURNING decision_number`,
              [
                key,
                claim.pin,
                claim.deathExtractNumber,
                claim.dateOfDeath,
                claim.kind,
                claim.kind === 'lump_sum' ? claim.payeePin : null,
                claim.kind === 'monthly' ? JSON.stringify(claim.monthly) : null,
                JSON.stringify(decision.refuse),
              ],
            );
            return {
              status: 200,
              body: {
                status: 'refused',
                decisionNumber: rows[0]?.decision_number,
                reasons: decision.refuse,
              },
            };
          }
          const amountVnd = decision.grant;
          const { rows } = await tx.query<{ decision_number: string }>(
            `INSERT INTO ${SURVIVOR}
               (claim_key, decision_number, pin, death_extract_number, date_of_death, kind, amount_vnd,
                payee_pin, monthly, status)
             VALUES ($1, ${decisionNumber('TT')}, $2, $3, $4, $5, $6, $7, $8, 'granted')
             ON CONFLICT (pin) WHERE status = 'granted' DO NOTHING
             RETURNING decision_number`,
            [
              key,
              claim.pin,
              claim.deathExtractNumber,
              claim.dateOfDeath,
              claim.kind,
              amountVnd,
              claim.kind === 'lump_sum' ? claim.payeePin : null,
              claim.kind === 'monthly' ? JSON.stringify(claim.monthly) : null,
            ],
          );
          const granted = rows[0];
          if (!granted) {
            return refused(
              409,
              'SOCIAL_INSURANCE.ALREADY_GRANTED',
              'a survivor allowance was already granted for this death',
              { decisionNumber: await grantInForce(tx, SURVIVOR, claim.pin) },
            );
          }
          return {
            status: 200,
            body: { status: 'granted', decisionNumber: granted.decision_number, amountVnd },
          };
        },
      };
    }),
  );

  router.post(
    '/pension-stops',
    idempotentPost(db, SCHEMA, (req, key) => {
      const input = parseBody(PensionStop, req);
      return {
        request: input,
        effect: async (tx) => {
          const { rows: people } = await tx.query<{
            pensioner: boolean;
            monthly_insurance_allowance: boolean;
          }>(`SELECT * FROM ${SCHEMA}.people WHERE pin = $1 FOR UPDATE`, [input.pin]);
          const person = people[0];
          if (!person?.pensioner && !person?.monthly_insurance_allowance) {
            return refused(
              422,
              'SOCIAL_INSURANCE.NO_MONTHLY_BENEFIT',
              person
                ? 'the person receives no pension or monthly allowance'
                : 'the person has no social-insurance record',
            );
          }
          const { rows } = await tx.query<{ decision_number: string }>(
            `INSERT INTO ${SCHEMA}.pension_stops
               (decision_number, stop_key, pin, death_extract_number, date_of_death, status)
             VALUES (${decisionNumber('DC')}, $1, $2, $3, $4, 'stopped')
             ON CONFLICT (pin) WHERE status = 'stopped' DO NOTHING
             RETURNING decision_number`,
            [key, input.pin, input.deathExtractNumber, input.dateOfDeath],
          );
          const stopped = rows[0];
          if (!stopped) {
            const existing = await tx.query<{ decision_number: string }>(
              `SELECT decision_number FROM ${SCHEMA}.pension_stops WHERE pin = $1 AND status = 'stopped'`,
              [input.pin],
            );
            return refused(
              409,
              'SOCIAL_INSURANCE.ALREADY_STOPPED',
              'the pension is already stopped',
              {
                decisionNumber: existing.rows[0]?.decision_number,
              },
            );
          }
          await tx.query(`UPDATE ${SCHEMA}.people SET pension_status = 'stopped' WHERE pin = $1`, [
            input.pin,
          ]);
          return {
            status: 200,
            body: { status: 'stopped', decisionNumber: stopped.decision_number },
          };
        },
      };
    }),
  );

  router.post(
    '/pension-stops/:decisionNumber/reinstatement',
    idempotentPost(db, SCHEMA, (req) => {
      const input = parseBody(Reinstatement, req);
      const number = String(req.params.decisionNumber);
      return {
        request: { decisionNumber: number, ...input },
        effect: async (tx) => {
          const { rows } = await tx.query<{ pin: string; status: string }>(
            `SELECT pin, status FROM ${SCHEMA}.pension_stops WHERE decision_number = $1 FOR UPDATE`,
            [number],
          );
          const stop = rows[0];
          if (!stop) throw new SimulatorError(404, { code: 'SOCIAL_INSURANCE.UNKNOWN_DECISION' });
          if (stop.status === 'stopped') {
            await tx.query(
              `UPDATE ${SCHEMA}.pension_stops
                  SET status = 'reinstated', reinstated_at = now(), reinstatement_reason = $2
                WHERE decision_number = $1`,
              [number, input.reason],
            );
            await tx.query(
              `UPDATE ${SCHEMA}.people SET pension_status = 'running' WHERE pin = $1`,
              [stop.pin],
            );
          }
          return { status: 200, body: { status: 'reinstated', decisionNumber: number } };
        },
      };
    }),
  );

  router.post(
    '/decisions/:decisionNumber/revocation',
    idempotentPost(db, SCHEMA, (req) => {
      const input = parseBody(Revocation, req);
      const number = String(req.params.decisionNumber);
      return {
        request: { decisionNumber: number, ...input },
        effect: async (tx) => {
          const revoked =
            (await revokeDecision(tx, FUNERAL, number, input.reason)) ??
            (await revokeDecision(tx, SURVIVOR, number, input.reason));
          if (revoked) return revoked;
          const stop = await tx.query(
            `SELECT 1 FROM ${SCHEMA}.pension_stops WHERE decision_number = $1`,
            [number],
          );
          if (stop.rowCount) {
            return refused(
              409,
              'SOCIAL_INSURANCE.NOT_REVOCABLE',
              'a decision to stop a pension is reversed by reinstatement, not revoked',
            );
          }
          throw new SimulatorError(404, { code: 'SOCIAL_INSURANCE.UNKNOWN_DECISION' });
        },
      };
    }),
  );

  router.get('/funeral-claims', async (req, res) => {
    const pin = typeof req.query.pin === 'string' ? req.query.pin : '';
    const { rows } = await db.query(
      `SELECT claim_key AS "claimKey", decision_number AS "decisionNumber", pin,
              death_extract_number AS "deathExtractNumber", date_of_death::text AS "dateOfDeath",
              amount_vnd::float8 AS "amountVnd", claimant, status, decided_at AS "decidedAt",
              revoked_at AS "revokedAt", revocation_reason AS "revocationReason"
         FROM ${FUNERAL} WHERE pin = $1 ORDER BY decided_at`,
      [pin],
    );
    res.json({ records: rows });
  });

  router.get('/survivor-claims', async (req, res) => {
    const pin = typeof req.query.pin === 'string' ? req.query.pin : '';
    const { rows } = await db.query(
      `SELECT claim_key AS "claimKey", decision_number AS "decisionNumber", pin,
              death_extract_number AS "deathExtractNumber", date_of_death::text AS "dateOfDeath",
              kind, amount_vnd::float8 AS "amountVnd", payee_pin AS "payeePin", monthly, status,
              decided_at AS "decidedAt", revoked_at AS "revokedAt",
              revocation_reason AS "revocationReason"
         FROM ${SURVIVOR} WHERE pin = $1 ORDER BY decided_at`,
      [pin],
    );
    res.json({ records: rows });
  });

  router.get('/pension-stops', async (req, res) => {
    const pin = typeof req.query.pin === 'string' ? req.query.pin : '';
    const { rows } = await db.query(
      `SELECT s.decision_number AS "decisionNumber", s.stop_key AS "stopKey", s.pin,
              s.death_extract_number AS "deathExtractNumber", s.date_of_death::text AS "dateOfDeath",
              s.status, s.stopped_at AS "stoppedAt", s.reinstated_at AS "reinstatedAt",
              s.reinstatement_reason AS "reinstatementReason", p.pension_status AS "pensionStatus"
         FROM ${SCHEMA}.pension_stops s JOIN ${SCHEMA}.people p USING (pin)
        WHERE s.pin = $1 ORDER BY s.stopped_at`,
      [pin],
    );
    res.json({ records: rows });
  });
}
