// Civil status (commune justice officer, MOJ software), simulated. A birth or a death is registered at
// once where the commune's review setting is automatic, or received for an officer's decision (202)
// otherwise. A registered birth or death is a legal fact: it can be corrected, never cancelled; a death
// is annulled only by a court's ruling, and the annulled record is kept.
import { Router } from 'express';
import type { PoolClient } from 'pg';
import { z } from 'zod';
import type { Db } from '../../db/pool';
import { CommuneCode, PersonalIdNumber } from '../../domain/principal';
import { idempotentPost, parseBody, SimulatorError } from './framework/http';
import type { Reply } from './framework/idempotency';
import { decisionUpdate, ReviewDecision } from './framework/review';

const SCHEMA = 'sim_civil_status';

const Person = z
  .object({ fullName: z.string().min(2), pin: PersonalIdNumber.optional() })
  .passthrough();

const BirthRegistration = z.object({
  certificateNumber: z.string().min(4),
  /** Absent: the medical birth certificate; a substitute (witness, undertaking, abandoned-child record). */
  evidence: z
    .enum([
      'medical_birth_certificate',
      'witness_statement',
      'self_declaration',
      'abandoned_child_record',
    ])
    .optional(),
  commune: CommuneCode,
  child: z
    .object({
      fullName: z.string().min(2),
      dateOfBirth: z.iso.date(),
      sex: z.enum(['male', 'female']),
    })
    .passthrough(),
  mother: Person.optional(),
  father: Person.optional(),
});

const DeathRegistration = z.object({
  commune: CommuneCode,
  deceased: z.object({
    pin: PersonalIdNumber,
    fullName: z.string().min(2),
    dateOfBirth: z.iso.date(),
    sex: z.enum(['male', 'female']),
  }),
  death: z.object({ date: z.iso.date(), place: z.string().min(2), cause: z.string().min(1) }),
  /** The document the death is registered on: a health facility's notice or one of its substitutes. */
  notice: z.object({
    kind: z.enum(['death_notice', 'execution_record', 'court_ruling', 'police_confirmation']),
    number: z.string().min(1),
    issuer: z.string().min(2),
    issuedOn: z.iso.date(),
  }),
  declarant: z.object({
    fullName: z.string().min(2),
    pin: PersonalIdNumber,
    relationship: z.string().min(2),
  }),
});

const CourtRuling = z.object({
  number: z.string().min(1),
  court: z.string().min(2),
  date: z.iso.date(),
});

const Correction = z.object({
  reason: z.string().min(1),
  changes: z.record(z.string(), z.unknown()),
});

interface RegistrationRow {
  registration_key: string;
  status: 'received' | 'registered' | 'rejected' | 'cancelled';
  extract_number: string | null;
  reason: string | null;
  commune: string;
}

const replyOf = (row: RegistrationRow): Reply =>
  row.status === 'registered'
    ? { status: 200, body: { status: 'registered', extractNumber: row.extract_number } }
    : row.status === 'received'
      ? { status: 202, body: { status: 'received', registrationKey: row.registration_key } }
      : { status: 200, body: { status: row.status, reason: row.reason } };

/** SQL for a new extract number of the commune given by the SQL expression `commune`. */
const extractNumberSql = (
  commune: string,
) => `'KS-' || ${commune} || '-' || to_char(now(), 'YYYY') || '-' ||
  lpad(nextval('${SCHEMA}.extract_seq')::text, 6, '0')`;

export function civilStatusRoutes({ db }: { db: Db }): Router {
  const router = Router();

  router.post(
    '/birth-registrations',
    idempotentPost(db, SCHEMA, (req, key) => {
      const input = parseBody(BirthRegistration, req);
      return {
        request: input,
        effect: async (tx) => {
          const existing = await tx.query<{ extract_number: string | null }>(
            `SELECT extract_number FROM ${SCHEMA}.birth_registrations
          WHERE certificate_number = $1 AND status IN ('received', 'registered')`,
            [input.certificateNumber],
          );
          if (existing.rows[0]) {
            return {
              status: 409,
              body: { code: 'CIVIL_STATUS.ALREADY_REGISTERED', reason: 'certificate already used' },
            };
          }
          const setting = await tx.query<{ review: string }>(
            `SELECT review FROM ${SCHEMA}.settings WHERE commune = $1`,
            [input.commune],
          );
          // A substitute for the medical certificate is always verified by the officer.
          const substitute =
            input.evidence !== undefined && input.evidence !== 'medical_birth_certificate';
          const automatic = setting.rows[0]?.review === 'automatic' && !substitute;
          const { rows } = await tx.query<RegistrationRow>(
            `INSERT INTO ${SCHEMA}.birth_registrations
           (registration_key, certificate_number, commune, status, extract_number, child, parents, decided_at)
         VALUES ($1, $2, $3::text, $4::text, CASE WHEN $4 = 'registered' THEN ${extractNumberSql('$3')} END,
                 $5, $6, CASE WHEN $4 = 'registered' THEN now() END)
         RETURNING *`,
            [
              key,
              input.certificateNumber,
              input.commune,
              automatic ? 'registered' : 'received',
              input.child,
              { mother: input.mother ?? null, father: input.father ?? null },
            ],
          );
          return replyOf(rows[0] as RegistrationRow);
        },
      };
    }),
  );

  router.post(
    '/birth-registrations/:key/decision',
    idempotentPost(db, SCHEMA, (req) => {
      const input = parseBody(ReviewDecision, req);
      return {
        request: { key: String(req.params.key), ...input },
        effect: async (tx) => {
          const row = await lockRegistration(tx, String(req.params.key));
          if (row.status !== 'received') return decidedAlready(row, input.decision);
          const { rows } = await tx.query<RegistrationRow>(
            ...decisionUpdate(
              `${SCHEMA}.birth_registrations`,
              `status = 'registered', extract_number = ${extractNumberSql('commune')}`,
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
    '/birth-registrations/:key/cancel',
    idempotentPost(db, SCHEMA, (req) => {
      return {
        request: { cancel: String(req.params.key) },
        effect: async (tx) => {
          const row = await lockRegistration(tx, String(req.params.key));
          if (row.status === 'registered') {
            return {
              status: 409,
              body: {
                code: 'CIVIL_STATUS.REGISTERED_IS_LEGAL_FACT',
                reason: 'a registered birth is never cancelled',
              },
            };
          }
          await tx.query(
            `UPDATE ${SCHEMA}.birth_registrations SET status = 'cancelled' WHERE registration_key = $1 AND status = 'received'`,
            [row.registration_key],
          );
          return {
            status: 200,
            body: { status: row.status === 'received' ? 'cancelled' : row.status },
          };
        },
      };
    }),
  );

  router.post(
    '/birth-registrations/:key/corrections',
    idempotentPost(db, SCHEMA, (req) => {
      const input = parseBody(Correction, req);
      return {
        request: { key: String(req.params.key), ...input },
        effect: async (tx) => {
          const row = await lockRegistration(tx, String(req.params.key));
          if (row.status !== 'registered') {
            return {
              status: 409,
              body: {
                code: 'CIVIL_STATUS.NOT_REGISTERED',
                reason: `registration is ${row.status}`,
              },
            };
          }
          const { rows } = await tx.query<{ n: number }>(
            `UPDATE ${SCHEMA}.birth_registrations
            SET corrections = corrections || jsonb_build_array(jsonb_build_object('reason', $2::text, 'changes', $3::jsonb, 'at', now()))
          WHERE registration_key = $1 RETURNING jsonb_array_length(corrections) AS n`,
            [row.registration_key, input.reason, input.changes],
          );
          return {
            status: 200,
            body: {
              status: 'corrected',
              extractNumber: row.extract_number,
              corrections: rows[0]?.n,
            },
          };
        },
      };
    }),
  );

  router.get('/birth-registrations', async (req, res) => {
    const certificate =
      typeof req.query.certificateNumber === 'string' ? req.query.certificateNumber : '';
    const { rows } = await db.query(
      `SELECT registration_key, certificate_number, commune, status, extract_number, reason,
              jsonb_array_length(corrections) AS corrections
         FROM ${SCHEMA}.birth_registrations WHERE certificate_number = $1 ORDER BY received_at`,
      [certificate],
    );
    res.json({ registrations: rows });
  });

  deathRegistrationRoutes(router, db);
  return router;
}

async function lockRegistration(tx: PoolClient, key: string): Promise<RegistrationRow> {
  const { rows } = await tx.query<RegistrationRow>(
    `SELECT * FROM ${SCHEMA}.birth_registrations WHERE registration_key = $1 FOR UPDATE`,
    [key],
  );
  if (!rows[0]) throw new SimulatorError(404, { code: 'CIVIL_STATUS.UNKNOWN_REGISTRATION' });
  return rows[0];
}

function decidedAlready(row: RegistrationRow, decision: 'approve' | 'reject'): Reply {
  const same = (decision === 'approve') === (row.status === 'registered');
  return same
    ? replyOf(row)
    : {
        status: 409,
        body: { code: 'CIVIL_STATUS.ALREADY_DECIDED', reason: `registration is ${row.status}` },
      };
}

interface DeathRow {
  registration_key: string;
  status: 'received' | 'registered' | 'rejected' | 'cancelled' | 'annulled';
  extract_number: string | null;
  reason: string | null;
}

const deathReplyOf = (row: DeathRow): Reply =>
  row.status === 'registered'
    ? { status: 200, body: { status: 'registered', extractNumber: row.extract_number } }
    : row.status === 'received'
      ? { status: 202, body: { status: 'received', registrationKey: row.registration_key } }
      : row.status === 'annulled'
        ? { status: 200, body: { status: 'annulled' } }
        : { status: 200, body: { status: row.status, reason: row.reason } };

const deathExtractNumberSql = (
  commune: string,
) => `'KT-' || ${commune} || '-' || to_char(now(), 'YYYY') || '-' ||
  lpad(nextval('${SCHEMA}.death_extract_seq')::text, 6, '0')`;

async function automaticReview(tx: PoolClient, commune: string): Promise<boolean> {
  const { rows } = await tx.query<{ review: string }>(
    `SELECT review FROM ${SCHEMA}.settings WHERE commune = $1`,
    [commune],
  );
  return rows[0]?.review === 'automatic';
}

async function lockDeath(tx: PoolClient, key: string): Promise<DeathRow> {
  const { rows } = await tx.query<DeathRow>(
    `SELECT * FROM ${SCHEMA}.death_registrations WHERE registration_key = $1 FOR UPDATE`,
    [key],
  );
  if (!rows[0]) throw new SimulatorError(404, { code: 'CIVIL_STATUS.UNKNOWN_REGISTRATION' });
  return rows[0];
}

const legalFact = (row: DeathRow): Reply => ({
  status: 409,
  body: {
    code: 'CIVIL_STATUS.REGISTERED_IS_LEGAL_FACT',
    reason: `the death is ${row.status}: a registered death is never cancelled, only annulled by a court`,
  },
});

function deathRegistrationRoutes(router: Router, db: Db): void {
  router.post(
    '/death-registrations',
    idempotentPost(db, SCHEMA, (req, key) => {
      const input = parseBody(DeathRegistration, req);
      return {
        request: input,
        effect: async (tx) => {
          const status = (await automaticReview(tx, input.commune)) ? 'registered' : 'received';
          // The partial unique index (one received or registered death per person) decides.
          const { rows } = await tx.query<DeathRow>(
            `INSERT INTO ${SCHEMA}.death_registrations
               (registration_key, commune, deceased_pin, notice_kind, status, extract_number,
                deceased, death, notice, declarant, decided_at)
             VALUES ($1, $2::text, $3, $4, $5::text,
                     CASE WHEN $5 = 'registered' THEN ${deathExtractNumberSql('$2')} END,
                     $6, $7, $8, $9, CASE WHEN $5 = 'registered' THEN now() END)
             ON CONFLICT (deceased_pin) WHERE status IN ('received', 'registered') DO NOTHING
             RETURNING *`,
            [
              key,
              input.commune,
              input.deceased.pin,
              input.notice.kind,
              status,
              input.deceased,
              input.death,
              input.notice,
              input.declarant,
            ],
          );
          if (!rows[0]) {
            return {
              status: 409,
              body: {
                code: 'CIVIL_STATUS.DEATH_ALREADY_REGISTERED',
                reason: 'a death is already received or registered for this person',
              },
            };
          }
          return deathReplyOf(rows[0]);
        },
      };
    }),
  );

  router.post(
    '/death-registrations/:key/decision',
    idempotentPost(db, SCHEMA, (req) => {
      const input = parseBody(ReviewDecision, req);
      return {
        request: { key: String(req.params.key), ...input },
        effect: async (tx) => {
          const row = await lockDeath(tx, String(req.params.key));
          if (row.status !== 'received') {
            const same = (input.decision === 'approve') === (row.status === 'registered');
            return same
              ? deathReplyOf(row)
              : {
                  status: 409,
                  body: {
                    code: 'CIVIL_STATUS.ALREADY_DECIDED',
                    reason: `registration is ${row.status}`,
                  },
                };
          }
          const { rows } = await tx.query<DeathRow>(
            ...decisionUpdate(
              `${SCHEMA}.death_registrations`,
              `status = 'registered', extract_number = ${deathExtractNumberSql('commune')}`,
              row.registration_key,
              input,
            ),
          );
          return deathReplyOf(rows[0] as DeathRow);
        },
      };
    }),
  );

  router.post(
    '/death-registrations/:key/cancel',
    idempotentPost(db, SCHEMA, (req) => {
      return {
        request: { cancel: String(req.params.key) },
        effect: async (tx) => {
          const row = await lockDeath(tx, String(req.params.key));
          if (row.status === 'registered' || row.status === 'annulled') return legalFact(row);
          if (row.status === 'received') {
            await tx.query(
              `UPDATE ${SCHEMA}.death_registrations SET status = 'cancelled' WHERE registration_key = $1`,
              [row.registration_key],
            );
            return { status: 200, body: { status: 'cancelled' } };
          }
          return deathReplyOf(row);
        },
      };
    }),
  );

  router.post(
    '/death-registrations/:key/annulment',
    idempotentPost(db, SCHEMA, (req) => {
      const ruling = parseBody(CourtRuling, req);
      return {
        request: { key: String(req.params.key), ...ruling },
        effect: async (tx) => {
          const row = await lockDeath(tx, String(req.params.key));
          if (row.status === 'registered') {
            await tx.query(
              `UPDATE ${SCHEMA}.death_registrations
                  SET status = 'annulled', annulment = $2, annulled_at = now()
                WHERE registration_key = $1`,
              [row.registration_key, ruling],
            );
            return { status: 200, body: { status: 'annulled' } };
          }
          if (row.status === 'annulled') return deathReplyOf(row);
          return {
            status: 409,
            body: {
              code: 'CIVIL_STATUS.NOT_REGISTERED',
              reason: `only a registered death is annulled; this one is ${row.status}`,
            },
          };
        },
      };
    }),
  );

  router.get('/death-registrations', async (req, res) => {
    const pin = typeof req.query.pin === 'string' ? req.query.pin : '';
    const { rows } = await db.query(
      `SELECT registration_key AS "registrationKey", commune, deceased_pin AS "pin", status,
              extract_number AS "extractNumber", notice_kind AS "noticeKind",
              death->>'date' AS "dateOfDeath", reason, annulment,
              received_at AS "receivedAt", decided_at AS "decidedAt", annulled_at AS "annulledAt"
         FROM ${SCHEMA}.death_registrations WHERE deceased_pin = $1 ORDER BY received_at`,
      [pin],
    );
    res.json({ registrations: rows });
  });
}
