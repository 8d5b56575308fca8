// Merit services (người có công), simulated: people with meritorious service and the funeral allowance
// granted at once when one dies; one grant in force per deceased, revoked (never deleted) after an
// annulment.
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/pool';
import { PersonalIdNumber } from '../../domain/principal';
import {
  decisionNumberSql,
  decideFuneralClaim,
  FuneralClaim,
  refused,
  Revocation,
  revokeDecision,
} from './framework/benefits';
import { meritFuneral } from './framework/entitlement';
import { idempotentPost, parseBody, SimulatorError } from './framework/http';

const SCHEMA = 'sim_merit_services';
const ALLOWANCES = `${SCHEMA}.funeral_allowances`;

export const MeritoriousPerson = z.object({
  pin: PersonalIdNumber,
  /** e.g. thương binh (war invalid), resistance participant, martyr's relative. */
  category: z.string().min(2),
});
export type MeritoriousPerson = z.infer<typeof MeritoriousPerson>;

export async function addMeritoriousPerson(db: Db, person: MeritoriousPerson): Promise<void> {
  await db.query(
    `INSERT INTO ${SCHEMA}.people (pin, category) VALUES ($1, $2)
     ON CONFLICT (pin) DO UPDATE SET category = EXCLUDED.category`,
    [person.pin, person.category],
  );
}

export function meritServicesRoutes({ db }: { db: Db }): Router {
  const router = Router();

  router.get('/people/:pin', async (req, res) => {
    const { rows } = await db.query(`SELECT pin, category FROM ${SCHEMA}.people WHERE pin = $1`, [
      req.params.pin,
    ]);
    if (!rows[0]) return void res.status(404).json({ code: 'MERIT_SERVICES.UNKNOWN_PERSON' });
    res.json(rows[0]);
  });

  router.post(
    '/funeral-allowances',
    idempotentPost(db, SCHEMA, (req, key) => {
      const claim = parseBody(FuneralClaim, req);
      return {
        request: claim,
        effect: async (tx) => {
          const person = await tx.query(`SELECT 1 FROM ${SCHEMA}.people WHERE pin = $1`, [
            claim.pin,
          ]);
          if (!person.rowCount) {
            return refused(
              422,
              'MERIT_SERVICES.NOT_MERITORIOUS',
              'the deceased is not recorded as a person with meritorious service',
            );
          }
          // Merit services decide the amount themselves, by the law of the date of death (issue 20).
          return decideFuneralClaim(tx, {
            table: ALLOWANCES,
            decisionNumber: decisionNumberSql('NCC', `${SCHEMA}.decision_seq`),
            key,
            claim,
            decision: meritFuneral(claim),
            alreadyGranted: 'MERIT_SERVICES.ALREADY_GRANTED',
          });
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
          const revoked = await revokeDecision(tx, ALLOWANCES, number, input.reason);
          if (!revoked) throw new SimulatorError(404, { code: 'MERIT_SERVICES.UNKNOWN_DECISION' });
          return revoked;
        },
      };
    }),
  );

  router.get('/funeral-allowances', async (req, res) => {
    const pin = typeof req.query.pin === 'string' ? req.query.pin : '';
    const { rows } = await db.query(
      `SELECT claim_key AS "claimKey", decision_number AS "decisionNumber", pin,
              death_extract_number AS "deathExtractNumber", date_of_death::text AS "dateOfDeath",
              amount_vnd::float8 AS "amountVnd", claimant, status, decided_at AS "decidedAt",
              revoked_at AS "revokedAt", revocation_reason AS "revocationReason"
         FROM ${ALLOWANCES} WHERE pin = $1 ORDER BY decided_at`,
      [pin],
    );
    res.json({ records: rows });
  });

  return router;
}
