// The national population database, simulated: issues the 12-digit personal ID number with the real
// structure (DOMAIN.md §3A): 3-digit province code of the registration place, a century/sex digit,
// the two-digit year of birth, six random digits. Unique by construction (primary key, retried).
// Also records deaths (a flag per PIN, reversed when a court annuls the death; the row is kept), and
// keeps family records: who is whose relative, with each relative's date of birth as registered.
import { randomInt } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { PoolClient } from 'pg';
import type { Db } from '../../db/pool';
import { RelativeRelationship } from '../../domain/DeathApplication';
import { pinPrefix } from '../../domain/personal-id';
import { PersonalIdNumber } from '../../domain/principal';
import { idempotentPost, parseBody, parseValue, SimulatorError } from './framework/http';

const SCHEMA = 'sim_population';

const PinRequest = z.object({
  provinceCode: z.string().regex(/^\d{3}$/),
  fullName: z.string().min(2),
  dateOfBirth: z.iso.date(),
  sex: z.enum(['male', 'female']),
});

const Death = z.object({
  pin: PersonalIdNumber,
  dateOfDeath: z.iso.date(),
  deathExtractNumber: z.string().min(4),
});

const Reversal = z.object({ reason: z.string().min(1) });

/** A family record: `relative` is `pin`'s spouse, child, parent… (seeded, or added by the admin API). */
export const FamilyRelation = z.object({
  pin: PersonalIdNumber.describe('the person whose relative this is (e.g. the deceased)'),
  relative: z.object({
    pin: PersonalIdNumber,
    fullName: z.string().min(2),
    dateOfBirth: z.iso.date(),
    sex: z.enum(['male', 'female']),
    relationship: RelativeRelationship.describe('what the relative is to `pin`'),
  }),
});
export type FamilyRelation = z.infer<typeof FamilyRelation>;

/** Records the relation (and the relative as a citizen, if new); adding it again changes nothing. */
export async function addFamilyRelation(
  db: Db | PoolClient,
  { pin, relative }: FamilyRelation,
): Promise<void> {
  await db.query(
    `INSERT INTO ${SCHEMA}.citizens (pin, full_name, date_of_birth, sex) VALUES ($1, $2, $3, $4)
     ON CONFLICT (pin) DO NOTHING`,
    [relative.pin, relative.fullName, relative.dateOfBirth, relative.sex],
  );
  await db.query(
    `INSERT INTO ${SCHEMA}.relatives (pin, relative_pin, relationship) VALUES ($1, $2, $3)
     ON CONFLICT (pin, relative_pin) DO NOTHING`,
    [pin, relative.pin, relative.relationship],
  );
}

/**
 * A citizen as the population database knows them (issue 22, item 4: what a desk fills a form from):
 * recorded with their particulars, or those added to a citizen already known (seeded, admin API).
 */
export const CitizenRecord = z.object({
  pin: PersonalIdNumber,
  fullName: z.string().min(2),
  dateOfBirth: z.iso.date(),
  sex: z.enum(['male', 'female']),
  ethnicityCode: z
    .string()
    .regex(/^\d{2}$/)
    .describe('Danh mục các dân tộc Việt Nam: 01 Kinh…'),
  nationality: z.string().regex(/^[A-Z]{2}$/),
  residence: z.object({ commune: z.string().regex(/^\d{5}$/), line: z.string().min(3) }),
});
export type CitizenRecord = z.infer<typeof CitizenRecord>;

export async function addCitizen(db: Db, c: CitizenRecord): Promise<void> {
  await db.query(
    `INSERT INTO ${SCHEMA}.citizens (pin, full_name, date_of_birth, sex, ethnicity_code, nationality,
                                     residence_commune, residence_line)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (pin) DO UPDATE
       SET ethnicity_code = EXCLUDED.ethnicity_code, nationality = EXCLUDED.nationality,
           residence_commune = EXCLUDED.residence_commune, residence_line = EXCLUDED.residence_line`,
    [
      c.pin,
      c.fullName,
      c.dateOfBirth,
      c.sex,
      c.ethnicityCode,
      c.nationality,
      c.residence.commune,
      c.residence.line,
    ],
  );
}

/** A medical assessment council's record of lost work capacity (seeded, or added by the admin API). */
export const CapacityAssessment = z.object({
  pin: PersonalIdNumber,
  lossPercent: z.number().int().min(0).max(100),
  assessedOn: z.iso.date(),
});
export type CapacityAssessment = z.infer<typeof CapacityAssessment>;

/** Whether someone has a person who directly supports them (the survivor share is 70 % without). */
export const CareRecord = z.object({
  pin: PersonalIdNumber,
  hasDirectCarer: z.boolean(),
  recordedOn: z.iso.date(),
});
export type CareRecord = z.infer<typeof CareRecord>;

/** Records an assessment of a known citizen; false: the citizen is not in the database. */
export async function addCapacityAssessment(db: Db, a: CapacityAssessment): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO ${SCHEMA}.capacity_assessments (pin, loss_percent, assessed_on)
     SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM ${SCHEMA}.citizens WHERE pin = $1)
     ON CONFLICT (pin, assessed_on) DO UPDATE SET loss_percent = EXCLUDED.loss_percent`,
    [a.pin, a.lossPercent, a.assessedOn],
  );
  return rowCount === 1;
}

/** Records (or replaces) a citizen's care record; false: the citizen is not in the database. */
export async function addCareRecord(db: Db, c: CareRecord): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO ${SCHEMA}.care_records (pin, has_direct_carer, recorded_on)
     SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM ${SCHEMA}.citizens WHERE pin = $1)
     ON CONFLICT (pin) DO UPDATE
       SET has_direct_carer = EXCLUDED.has_direct_carer, recorded_on = EXCLUDED.recorded_on`,
    [c.pin, c.hasDirectCarer, c.recordedOn],
  );
  return rowCount === 1;
}

export function populationRoutes({ db }: { db: Db }): Router {
  const router = Router();

  router.post(
    '/pins',
    idempotentPost(db, SCHEMA, (req) => {
      const input = parseBody(PinRequest, req);
      return {
        request: input,
        effect: async (tx) => {
          const prefix = pinPrefix({
            registeredIn: input.provinceCode,
            sex: input.sex,
            yearOfBirth: Number(input.dateOfBirth.slice(0, 4)),
          });
          for (;;) {
            const pin = `${prefix}${String(randomInt(1_000_000)).padStart(6, '0')}`;
            const { rowCount } = await tx.query(
              `INSERT INTO ${SCHEMA}.citizens (pin, full_name, date_of_birth, sex) VALUES ($1, $2, $3, $4)
           ON CONFLICT (pin) DO NOTHING`,
              [pin, input.fullName, input.dateOfBirth, input.sex],
            );
            if (rowCount === 1) return { status: 200, body: { pin } };
          }
        },
      };
    }),
  );

  router.post(
    '/deaths',
    idempotentPost(db, SCHEMA, (req) => {
      const input = parseBody(Death, req);
      return {
        request: input,
        effect: async (tx) => {
          // A death reversed by a court may be recorded again (a new registration); a living flag is
          // never overwritten by a second, different death.
          const { rows } = await tx.query<{ death_extract_number: string }>(
            `INSERT INTO ${SCHEMA}.deaths (pin, date_of_death, death_extract_number, status)
             VALUES ($1, $2, $3, 'deceased')
             ON CONFLICT (pin) DO UPDATE
               SET date_of_death = EXCLUDED.date_of_death,
                   death_extract_number = EXCLUDED.death_extract_number, status = 'deceased',
                   recorded_at = now(), reversed_at = NULL, reversal_reason = NULL
               WHERE deaths.status = 'reversed'
             RETURNING death_extract_number`,
            [input.pin, input.dateOfDeath, input.deathExtractNumber],
          );
          if (rows[0]) return { status: 200, body: { status: 'deceased' } };
          const recorded = await tx.query<{ death_extract_number: string }>(
            `SELECT death_extract_number FROM ${SCHEMA}.deaths WHERE pin = $1`,
            [input.pin],
          );
          return recorded.rows[0]?.death_extract_number === input.deathExtractNumber
            ? { status: 200, body: { status: 'deceased' } }
            : {
                status: 409,
                body: {
                  code: 'POPULATION.ALREADY_DECEASED',
                  reason: 'the person is already recorded as deceased on another death extract',
                },
              };
        },
      };
    }),
  );

  router.post(
    '/deaths/:pin/reversal',
    idempotentPost(db, SCHEMA, (req) => {
      const pin = parseValue(PersonalIdNumber, req.params.pin);
      const input = parseBody(Reversal, req);
      return {
        request: { pin, ...input },
        effect: async (tx) => {
          const { rowCount } = await tx.query(
            `UPDATE ${SCHEMA}.deaths SET status = 'reversed', reversed_at = now(), reversal_reason = $2
              WHERE pin = $1 AND status = 'deceased'`,
            [pin, input.reason],
          );
          if (rowCount === 0) {
            const known = await tx.query(`SELECT 1 FROM ${SCHEMA}.deaths WHERE pin = $1`, [pin]);
            if (!known.rowCount) throw new SimulatorError(404, { code: 'POPULATION.NO_DEATH' });
          }
          return { status: 200, body: { status: 'living' } };
        },
      };
    }),
  );

  // One citizen's particulars, for a desk filling a form (the API audits who asked for whom). What
  // the database lacks is left out; a citizen recorded as deceased says so.
  router.get('/citizens/:pin', async (req, res) => {
    const pin = parseValue(PersonalIdNumber, req.params.pin);
    const { rows } = await db.query<Record<string, unknown>>(
      `SELECT c.pin, c.full_name AS "fullName", c.date_of_birth::text AS "dateOfBirth", c.sex,
              c.ethnicity_code AS "ethnicityCode", c.nationality,
              CASE WHEN c.residence_commune IS NOT NULL
                   THEN jsonb_build_object('commune', c.residence_commune, 'line', c.residence_line)
              END AS residence,
              coalesce(d.status = 'deceased', false) AS deceased
         FROM ${SCHEMA}.citizens c LEFT JOIN ${SCHEMA}.deaths d ON d.pin = c.pin
        WHERE c.pin = $1`,
      [pin],
    );
    const citizen = rows[0];
    if (!citizen) return void res.status(404).json({ code: 'POPULATION.NO_CITIZEN' });
    res.json(Object.fromEntries(Object.entries(citizen).filter(([, value]) => value !== null)));
  });

  router.get('/deaths/:pin', async (req, res) => {
    const { rows } = await db.query(
      `SELECT pin, date_of_death::text AS "dateOfDeath", death_extract_number AS "deathExtractNumber",
              status, recorded_at AS "recordedAt", reversed_at AS "reversedAt",
              reversal_reason AS "reversalReason"
         FROM ${SCHEMA}.deaths WHERE pin = $1`,
      [req.params.pin],
    );
    if (!rows[0]) return void res.status(404).json({ code: 'POPULATION.NO_DEATH' });
    res.json(rows[0]);
  });

  // The family record of a person: each relative with the relation and the registered date of birth.
  // A person the database has no family record for has no relatives (an empty list, not a 404).
  router.get('/citizens/:pin/relatives', async (req, res) => {
    const pin = parseValue(PersonalIdNumber, req.params.pin);
    // With what else the registry knows of each relative (issue 20): sex, the latest work-capacity
    // assessment, whether they have a direct carer — the facts a survivor's eligibility rests on.
    const { rows } = await db.query<Record<string, unknown>>(
      `SELECT r.relative_pin AS pin, c.full_name AS "fullName", r.relationship,
              c.date_of_birth::text AS "dateOfBirth", c.sex,
              (SELECT a.loss_percent FROM ${SCHEMA}.capacity_assessments a
                WHERE a.pin = r.relative_pin ORDER BY a.assessed_on DESC LIMIT 1)
                AS "capacityLossPercent",
              k.has_direct_carer AS "hasDirectCarer"
         FROM ${SCHEMA}.relatives r JOIN ${SCHEMA}.citizens c ON c.pin = r.relative_pin
         LEFT JOIN ${SCHEMA}.care_records k ON k.pin = r.relative_pin
        WHERE r.pin = $1 ORDER BY r.relative_pin`,
      [pin],
    );
    const relatives = rows.map((row) =>
      Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null)),
    );
    res.json({ pin, relatives });
  });

  router.get('/citizens/:pin', async (req, res) => {
    const { rows } = await db.query(
      `SELECT pin, date_of_birth::text AS "dateOfBirth", sex FROM ${SCHEMA}.citizens WHERE pin = $1`,
      [req.params.pin],
    );
    if (!rows[0]) return void res.status(404).json({ code: 'POPULATION.UNKNOWN_PIN' });
    res.json(rows[0]);
  });

  return router;
}
