// The commune's social-protection side (labour–social affairs), simulated: people on monthly social
// assistance (NĐ 20/2021) and the funeral support paid when one dies. A claim waits for the commune
// officer's decision (202); one open or granted claim per deceased; a grant is revoked, never deleted.
import { Router } from 'express';
import type { PoolClient } from 'pg';
import { z } from 'zod';
import type { Db } from '../../db/pool';
import { PersonalIdNumber } from '../../domain/principal';
import {
  decisionNumberSql,
  FuneralClaim,
  grantInForce,
  refused,
  Revocation,
  revokeDecision,
} from './framework/benefits';
import { socialProtectionFloor } from './framework/entitlement';
import { idempotentPost, parseBody, SimulatorError } from './framework/http';
import type { Reply } from './framework/idempotency';
import { decisionUpdate, ReviewDecision } from './framework/review';

const SCHEMA = 'sim_social_protection';
const SUPPORTS = `${SCHEMA}.funeral_supports`;

export const AssistanceRecipient = z.object({
  pin: PersonalIdNumber,
  monthlyAssistance: z.boolean(),
  since: z.iso.date(),
});
export type AssistanceRecipient = z.infer<typeof AssistanceRecipient>;

interface SupportRow {
  claim_key: string;
  status: 'received' | 'granted' | 'rejected' | 'cancelled' | 'revoked';
  decision_number: string | null;
  amount_vnd: string;
  reason: string | null;
}

const replyOf = (row: SupportRow): Reply => {
  switch (row.status) {
    case 'received':
      return { status: 202, body: { status: 'received', claimKey: row.claim_key } };
    case 'granted':
      return {
        status: 200,
        body: {
          status: 'granted',
          decisionNumber: row.decision_number,
          amountVnd: Number(row.amount_vnd),
        },
      };
    case 'revoked':
      return { status: 200, body: { status: 'revoked', decisionNumber: row.decision_number } };
    case 'rejected':
      // A written refusal: its decision number and reason (issue 20).
      return {
        status: 200,
        body: { status: 'rejected', decisionNumber: row.decision_number, reason: row.reason },
      };
    case 'cancelled':
      return { status: 200, body: { status: 'cancelled' } };
  }
};

const alreadyDecided = (row: SupportRow): Reply =>
  refused(409, 'SOCIAL_PROTECTION.ALREADY_DECIDED', `the claim is ${row.status}`);

export async function addAssistanceRecipient(
  db: Db,
  recipient: AssistanceRecipient,
): Promise<void> {
  await db.query(
    `INSERT INTO ${SCHEMA}.recipients (pin, monthly_assistance, since) VALUES ($1, $2, $3)
     ON CONFLICT (pin) DO UPDATE
       SET monthly_assistance = EXCLUDED.monthly_assistance, since = EXCLUDED.since`,
    [recipient.pin, recipient.monthlyAssistance, recipient.since],
  );
}

async function lockClaim(tx: PoolClient, key: string): Promise<SupportRow> {
  const { rows } = await tx.query<SupportRow>(
    `SELECT * FROM ${SUPPORTS} WHERE claim_key = $1 FOR UPDATE`,
    [key],
  );
  if (!rows[0]) throw new SimulatorError(404, { code: 'SOCIAL_PROTECTION.UNKNOWN_CLAIM' });
  return rows[0];
}

export function socialProtectionRoutes({ db }: { db: Db }): Router {
  const router = Router();

  router.get('/recipients/:pin', async (req, res) => {
    const { rows } = await db.query(
      `SELECT pin, monthly_assistance AS "monthlyAssistance", since::text AS since
         FROM ${SCHEMA}.recipients WHERE pin = $1`,
      [req.params.pin],
    );
    if (!rows[0]) return void res.status(404).json({ code: 'SOCIAL_PROTECTION.UNKNOWN_PERSON' });
    res.json(rows[0]);
  });

  router.post(
    '/funeral-supports',
    idempotentPost(db, SCHEMA, (req, key) => {
      const claim = parseBody(FuneralClaim, req);
      return {
        request: claim,
        effect: async (tx) => {
          const recipient = await tx.query<{ monthly_assistance: boolean }>(
            `SELECT monthly_assistance FROM ${SCHEMA}.recipients WHERE pin = $1`,
            [claim.pin],
          );
          if (!recipient.rows[0]?.monthly_assistance) {
            return refused(
              422,
              'SOCIAL_PROTECTION.NOT_A_RECIPIENT',
              'the deceased was not on monthly social assistance',
            );
          }
          // The support is the floor of the law of the date of death, computed here (issue 20);
          // what was claimed is kept beside it. No level known for the date: the officer decides on
          // the amount claimed.
          const { rows } = await tx.query<SupportRow>(
            `INSERT INTO ${SUPPORTS}
               (claim_key, pin, death_extract_number, date_of_death, amount_vnd, claimant, status,
                claimed_vnd)
             VALUES ($1, $2, $3, $4, $5, $6, 'received', $7)
             ON CONFLICT (pin) WHERE status IN ('received', 'granted') DO NOTHING
             RETURNING *`,
            [
              key,
              claim.pin,
              claim.deathExtractNumber,
              claim.dateOfDeath,
              socialProtectionFloor(claim) ?? claim.amountVnd,
              claim.claimant,
              claim.amountVnd,
            ],
          );
          if (rows[0]) return replyOf(rows[0]);
          const granted = await grantInForce(tx, SUPPORTS, claim.pin);
          return granted
            ? refused(
                409,
                'SOCIAL_PROTECTION.ALREADY_GRANTED',
                'funeral support was already granted for this death',
                { decisionNumber: granted },
              )
            : refused(
                409,
                'SOCIAL_PROTECTION.ALREADY_CLAIMED',
                'a claim for this death awaits the officer',
              );
        },
      };
    }),
  );

  router.post(
    '/funeral-supports/:key/decision',
    idempotentPost(db, SCHEMA, (req) => {
      const input = parseBody(ReviewDecision, req);
      return {
        request: { key: String(req.params.key), ...input },
        effect: async (tx) => {
          const row = await lockClaim(tx, String(req.params.key));
          if (row.status !== 'received') {
            const same =
              (input.decision === 'approve' && row.status === 'granted') ||
              (input.decision === 'reject' && row.status === 'rejected');
            return same ? replyOf(row) : alreadyDecided(row);
          }
          const { rows } = await tx.query<SupportRow>(
            ...decisionUpdate(
              SUPPORTS,
              `status = 'granted', decision_number = ${decisionNumberSql('HT', `${SCHEMA}.decision_seq`)}`,
              row.claim_key,
              input,
              'claim_key',
            ),
          );
          // A rejection is a numbered decision with its written reason too (issue 20).
          if (input.decision === 'reject') {
            const numbered = await tx.query<SupportRow>(
              `UPDATE ${SUPPORTS}
                  SET decision_number = ${decisionNumberSql('HT', `${SCHEMA}.decision_seq`)}
                WHERE claim_key = $1 RETURNING *`,
              [row.claim_key],
            );
            return replyOf(numbered.rows[0] as SupportRow);
          }
          return replyOf(rows[0] as SupportRow);
        },
      };
    }),
  );

  router.post(
    '/funeral-supports/:key/cancel',
    idempotentPost(db, SCHEMA, (req) => {
      return {
        request: { cancel: String(req.params.key) },
        effect: async (tx) => {
          const row = await lockClaim(tx, String(req.params.key));
          if (row.status === 'received') {
            await tx.query(`UPDATE ${SUPPORTS} SET status = 'cancelled' WHERE claim_key = $1`, [
              row.claim_key,
            ]);
            return { status: 200, body: { status: 'cancelled' } };
          }
          return row.status === 'cancelled' ? replyOf(row) : alreadyDecided(row);
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
          const revoked = await revokeDecision(tx, SUPPORTS, number, input.reason);
          if (!revoked)
            throw new SimulatorError(404, { code: 'SOCIAL_PROTECTION.UNKNOWN_DECISION' });
          return revoked;
        },
      };
    }),
  );

  router.get('/funeral-supports', async (req, res) => {
    const pin = typeof req.query.pin === 'string' ? req.query.pin : '';
    const { rows } = await db.query(
      `SELECT claim_key AS "claimKey", decision_number AS "decisionNumber", pin,
              death_extract_number AS "deathExtractNumber", date_of_death::text AS "dateOfDeath",
              amount_vnd::float8 AS "amountVnd", claimant, status, reason,
              received_at AS "receivedAt", decided_at AS "decidedAt", revoked_at AS "revokedAt",
              revocation_reason AS "revocationReason"
         FROM ${SUPPORTS} WHERE pin = $1 ORDER BY received_at`,
      [pin],
    );
    res.json({ records: rows });
  });

  return router;
}
