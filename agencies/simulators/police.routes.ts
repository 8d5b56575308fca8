// Residence registration by the commune police, simulated: registers a person into a household at an
// address. Refuses an unknown address, a collective household (DOMAIN.md §4) or a wrong household
// head, with a reason; addresses marked for verification wait for an officer's decision (202).
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
            `INSERT INTO ${SCHEMA}.residence_registrations (registration_key, residence_ref, pin, household_id, status, decided_at)
         VALUES ($1, CASE WHEN $4 = 'registered' THEN ${residenceRefSql} END, $2, $3, $4, CASE WHEN $4 = 'registered' THEN now() END)
         RETURNING *`,
            [key, input.pin, household.household_id, status],
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
