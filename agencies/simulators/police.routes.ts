// Residence registration by the commune police, simulated: registers a person into a household at an
// address. Refuses an unknown address, a collective household (DOMAIN.md §4) or a wrong household
// head, with a reason; addresses marked for verification wait for an officer's decision (202).
// After a death, removes the deceased's permanent residence; restores it if a court annuls the death.
import { Router } from 'express';
import { z } from 'zod';
import type { PoolClient } from 'pg';
import type { Db } from '../../db/pool';
import { CommuneCode, PersonalIdNumber } from '../../domain/principal';
import { idempotentPost, parseBody, SimulatorError } from './framework/http';
import type { Reply } from './framework/idempotency';
import { decisionUpdate, ReviewDecision } from './framework/review';

const SCHEMA = 'sim_police';

const Registration = z.object({
  pin: PersonalIdNumber,
  fullName: z.string().min(2),
  address: z.object({ commune: CommuneCode, line: z.string().min(3) }),
  householdHeadPin: PersonalIdNumber,
  relationshipToHead: z.string().min(2),
});

export const Household = z.object({
  commune: CommuneCode,
  line: z.string().min(3),
  headPin: PersonalIdNumber,
  kind: z.enum(['family', 'collective']).default('family'),
  needsVerification: z.boolean().default(false),
});
export type Household = z.infer<typeof Household>;

const Removal = z.object({
  pin: PersonalIdNumber,
  deathExtractNumber: z.string().min(4),
  dateOfDeath: z.iso.date(),
});

const Restoration = z.object({ reason: z.string().min(1) });

/** A person already living at an address (reference data for demos and tests). */
export const Resident = z.object({
  pin: PersonalIdNumber,
  fullName: z.string().min(2),
  commune: CommuneCode,
  line: z.string().min(3),
  /** Defaults to the person (a household of their own). */
  householdHeadPin: PersonalIdNumber.optional(),
});
export type Resident = z.infer<typeof Resident>;

/** Addresses compare ignoring case, repeated spaces and a trailing full stop. */
export const normalizeAddress = (line: string) =>
  line.trim().replace(/\s+/g, ' ').replace(/\.$/, '').toLowerCase();

const refused = (code: string, reason: string): Reply => ({ status: 422, body: { code, reason } });

interface RegistrationRow {
  registration_key: string;
  status: string;
  residence_ref: string | null;
  reason: string | null;
}

const replyOf = (row: RegistrationRow): Reply =>
  row.status === 'registered'
    ? { status: 200, body: { status: 'registered', residenceRef: row.residence_ref } }
    : row.status === 'verification'
      ? { status: 202, body: { status: 'verification', registrationKey: row.registration_key } }
      : { status: 200, body: { status: row.status, reason: row.reason } };

const residenceRefSql = `'CT-' || to_char(now(), 'YYYY') || '-' || lpad(nextval('${SCHEMA}.residence_seq')::text, 7, '0')`;

export async function addHousehold(db: Db | PoolClient, household: Household): Promise<void> {
  await db.query(
    `INSERT INTO ${SCHEMA}.households (household_id, commune, address_line, head_pin, kind, needs_verification)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (commune, address_line) DO UPDATE
       SET head_pin = EXCLUDED.head_pin, kind = EXCLUDED.kind, needs_verification = EXCLUDED.needs_verification`,
    [
      `HH-${household.commune}-${household.headPin}`,
      household.commune,
      normalizeAddress(household.line),
      household.headPin,
      household.kind,
      household.needsVerification,
    ],
  );
}

/**
 * Registers `resident` at the address (creating a family household there if there is none), with the
 * registration key `resident:<pin>`; a second call, or a person already registered elsewhere, adds
 * nothing.
 */
export async function addResident(db: Db | PoolClient, resident: Resident): Promise<void> {
  const line = normalizeAddress(resident.line);
  await db.query(
    `INSERT INTO ${SCHEMA}.households (household_id, commune, address_line, head_pin, kind)
     VALUES ($1, $2, $3, $4, 'family') ON CONFLICT DO NOTHING`,
    [
      `HH-${resident.commune}-${resident.householdHeadPin ?? resident.pin}`,
      resident.commune,
      line,
      resident.householdHeadPin ?? resident.pin,
    ],
  );
  const { rows } = await db.query<{ household_id: string }>(
    `SELECT household_id FROM ${SCHEMA}.households WHERE commune = $1 AND address_line = $2`,
    [resident.commune, line],
  );
  const household = rows[0];
  if (!household) throw new Error(`no household at ${resident.commune} ${resident.line}`);
  await db.query(
    `INSERT INTO ${SCHEMA}.residence_registrations
       (registration_key, residence_ref, pin, full_name, household_id, status, decided_at)
     SELECT $1, ${residenceRefSql}, $2, $3, $4, 'registered', now()
      WHERE NOT EXISTS (SELECT 1 FROM ${SCHEMA}.residence_registrations
                         WHERE registration_key = $1 OR (pin = $2 AND status = 'registered'))
     ON CONFLICT DO NOTHING`,
    [`resident:${resident.pin}`, resident.pin, resident.fullName, household.household_id],
  );
}

interface RemovalRow {
  removal_key: string;
  residence_ref: string;
  restored_at: string | null;
}

export function policeRoutes({ db }: { db: Db }): Router {
  const router = Router();

  router.post(
    '/residence-registrations',
    idempotentPost(db, SCHEMA, (req, key) => {
      const input = parseBody(Registration, req);
      return {
        request: input,
        effect: async (tx) => {
          const { rows } = await tx.query<{
            household_id: string;
            head_pin: string;
            kind: string;
            needs_verification: boolean;
          }>(`SELECT * FROM ${SCHEMA}.households WHERE commune = $1 AND address_line = $2`, [
            input.address.commune,
            normalizeAddress(input.address.line),
          ]);
          const household = rows[0];
          if (!household)
            return refused(
              'RESIDENCE.ADDRESS_UNKNOWN',
              'no household is registered at this address',
            );
          if (household.kind === 'collective') {
            return refused(
              'RESIDENCE.COLLECTIVE_HOUSEHOLD',
              'a child cannot join a collective household here',
            );
          }
          if (household.head_pin !== input.householdHeadPin) {
            return refused(
              'RESIDENCE.HOUSEHOLD_HEAD_MISMATCH',
              'the household head does not match the address',
            );
          }
          const status = household.needs_verification ? 'verification' : 'registered';
          const inserted = await tx.query<RegistrationRow>(
            `INSERT INTO ${SCHEMA}.residence_registrations (registration_key, residence_ref, pin, full_name, household_id, status, decided_at)
         VALUES ($1, CASE WHEN $5 = 'registered' THEN ${residenceRefSql} END, $2, $3, $4, $5, CASE WHEN $5 = 'registered' THEN now() END)
         RETURNING *`,
            [key, input.pin, input.fullName, household.household_id, status],
          );
          return replyOf(inserted.rows[0] as RegistrationRow);
        },
      };
    }),
  );

  router.post(
    '/residence-registrations/:key/decision',
    idempotentPost(db, SCHEMA, (req) => {
      const input = parseBody(ReviewDecision, req);
      return {
        request: { key: String(req.params.key), ...input },
        effect: async (tx) => {
          const row = await lock(tx, String(req.params.key));
          if (row.status !== 'verification') return replyOf(row);
          const { rows } = await tx.query<RegistrationRow>(
            ...decisionUpdate(
              `${SCHEMA}.residence_registrations`,
              `status = 'registered', residence_ref = ${residenceRefSql}`,
              row.registration_key,
              input,
            ),
          );
          return replyOf(rows[0] as RegistrationRow);
        },
      };
    }),
  );

  router.post(
    '/residence-registrations/:key/cancel',
    idempotentPost(db, SCHEMA, (req) => {
      return {
        request: { cancel: String(req.params.key) },
        effect: async (tx) => {
          const row = await lock(tx, String(req.params.key));
          if (row.status === 'verification') {
            await tx.query(
              `UPDATE ${SCHEMA}.residence_registrations SET status = 'cancelled' WHERE registration_key = $1`,
              [row.registration_key],
            );
            return { status: 200, body: { status: 'cancelled' } };
          }
          return replyOf(row);
        },
      };
    }),
  );

  router.get('/residence-registrations', async (req, res) => {
    const pin = typeof req.query.pin === 'string' ? req.query.pin : '';
    const { rows } = await db.query(
      `SELECT registration_key, residence_ref, pin, household_id, status, reason
         FROM ${SCHEMA}.residence_registrations WHERE pin = $1 ORDER BY received_at`,
      [pin],
    );
    res.json({ registrations: rows });
  });

  router.post(
    '/residence-removals',
    idempotentPost(db, SCHEMA, (req, key) => {
      const input = parseBody(Removal, req);
      return {
        request: input,
        effect: async (tx) => {
          const { rows } = await tx.query<{ residence_ref: string; commune: string }>(
            `SELECT r.residence_ref, h.commune
               FROM ${SCHEMA}.residence_registrations r JOIN ${SCHEMA}.households h USING (household_id)
              WHERE r.pin = $1 AND r.status = 'registered'
              FOR UPDATE OF r`,
            [input.pin],
          );
          const active = rows[0];
          if (!active) {
            return refused(
              'RESIDENCE.NOT_REGISTERED',
              'the person has no active permanent residence registration to remove',
            );
          }
          await tx.query(
            `UPDATE ${SCHEMA}.residence_registrations SET status = 'removed' WHERE residence_ref = $1`,
            [active.residence_ref],
          );
          await tx.query(
            `INSERT INTO ${SCHEMA}.residence_removals
               (removal_key, residence_ref, pin, death_extract_number, date_of_death)
             VALUES ($1, $2, $3, $4, $5)`,
            [key, active.residence_ref, input.pin, input.deathExtractNumber, input.dateOfDeath],
          );
          return {
            status: 200,
            body: {
              status: 'removed',
              residenceRef: active.residence_ref,
              commune: active.commune,
            },
          };
        },
      };
    }),
  );

  router.post(
    '/residence-removals/:key/restore',
    idempotentPost(db, SCHEMA, (req) => {
      const input = parseBody(Restoration, req);
      return {
        request: { key: String(req.params.key), ...input },
        effect: async (tx) => {
          const { rows } = await tx.query<RemovalRow>(
            `SELECT * FROM ${SCHEMA}.residence_removals WHERE removal_key = $1 FOR UPDATE`,
            [String(req.params.key)],
          );
          const removal = rows[0];
          if (!removal) throw new SimulatorError(404, { code: 'RESIDENCE.UNKNOWN_REMOVAL' });
          const restored: Reply = {
            status: 200,
            body: { status: 'restored', residenceRef: removal.residence_ref },
          };
          if (removal.restored_at) return restored;
          const other = await tx.query<{ residence_ref: string }>(
            `SELECT residence_ref FROM ${SCHEMA}.residence_registrations
              WHERE pin = (SELECT pin FROM ${SCHEMA}.residence_registrations WHERE residence_ref = $1)
                AND status = 'registered'`,
            [removal.residence_ref],
          );
          if (other.rows[0]) {
            return {
              status: 409,
              body: {
                code: 'RESIDENCE.ALREADY_REGISTERED',
                reason: `the person is registered again elsewhere (${other.rows[0].residence_ref})`,
              },
            };
          }
          await tx.query(
            `UPDATE ${SCHEMA}.residence_registrations SET status = 'registered' WHERE residence_ref = $1`,
            [removal.residence_ref],
          );
          await tx.query(
            `UPDATE ${SCHEMA}.residence_removals SET restored_at = now(), restore_reason = $2
              WHERE removal_key = $1`,
            [removal.removal_key, input.reason],
          );
          return restored;
        },
      };
    }),
  );

  router.get('/residence-removals', async (req, res) => {
    const pin = typeof req.query.pin === 'string' ? req.query.pin : '';
    const { rows } = await db.query(
      `SELECT m.removal_key AS "removalKey", m.residence_ref AS "residenceRef", m.pin,
              h.commune, m.death_extract_number AS "deathExtractNumber",
              m.date_of_death::text AS "dateOfDeath", m.removed_at AS "removedAt",
              m.restored_at AS "restoredAt", m.restore_reason AS "restoreReason",
              r.status AS "registrationStatus"
         FROM ${SCHEMA}.residence_removals m
         JOIN ${SCHEMA}.residence_registrations r USING (residence_ref)
         JOIN ${SCHEMA}.households h ON h.household_id = r.household_id
        WHERE m.pin = $1 ORDER BY m.removed_at`,
      [pin],
    );
    res.json({ removals: rows });
  });

  return router;
}

async function lock(tx: PoolClient, key: string): Promise<RegistrationRow> {
  const { rows } = await tx.query<RegistrationRow>(
    `SELECT * FROM ${SCHEMA}.residence_registrations WHERE registration_key = $1 FOR UPDATE`,
    [key],
  );
  if (!rows[0]) throw new SimulatorError(404, { code: 'RESIDENCE.UNKNOWN_REGISTRATION' });
  return rows[0];
}
