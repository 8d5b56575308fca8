// Vietnam Social Security (BHXH), simulated: assigns the 10-digit social-insurance number that is the
// child's health-insurance card number (DOMAIN.md §3A), valid per §2C, at an initial care facility.
// A defect caused by the civil-status step is returned to it (422 with returnTo) rather than rejected.
import { randomInt } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/pool';
import { CommuneCode, PersonalIdNumber } from '../../domain/principal';
import { idempotentPost, parseBody } from './framework/http';

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

  return router;
}
