// The national population database, simulated: issues the 12-digit personal ID number with the real
// structure (DOMAIN.md §3A): 3-digit province code of the registration place, a century/sex digit,
// the two-digit year of birth, six random digits. Unique by construction (primary key, retried).
import { randomInt } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/pool';
import { idempotentPost, parseBody } from './framework/http';

const SCHEMA = 'sim_population';

const PinRequest = z.object({
  provinceCode: z.string().regex(/^\d{3}$/),
  fullName: z.string().min(2),
  dateOfBirth: z.iso.date(),
  sex: z.enum(['male', 'female']),
});

/** Century/sex digit: 0/1 for 1900s men/women, 2/3 for 2000s, 4/5 for 2100s. */
export function centurySexDigit(year: number, sex: 'male' | 'female'): number {
  const century = Math.floor(year / 100) - 19;
  if (century < 0 || century > 4) throw new RangeError(`no PIN century digit for ${year}`);
  return century * 2 + (sex === 'female' ? 1 : 0);
}

export function pinPrefix(
  provinceCode: string,
  dateOfBirth: string,
  sex: 'male' | 'female',
): string {
  const year = Number(dateOfBirth.slice(0, 4));
  return `${provinceCode}${centurySexDigit(year, sex)}${dateOfBirth.slice(2, 4)}`;
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
          const prefix = pinPrefix(input.provinceCode, input.dateOfBirth, input.sex);
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
