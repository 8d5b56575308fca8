// What the bodies that pay after a death share (BHXH, social protection, merit services): the funeral
// claim, decision numbers from a sequence, one grant per deceased kept true by a partial unique index,
// and revocation of a decision after a court annuls the death (the decision is marked, never deleted).
import type { PoolClient } from 'pg';
import { z } from 'zod';
import { PersonalIdNumber } from '../../../domain/principal';
import type { Reply } from './idempotency';

/** An amount of money in VND: a positive integer. */
export const VndAmount = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const FuneralClaim = z.object({
  pin: PersonalIdNumber.describe('the deceased'),
  deathExtractNumber: z.string().min(4),
  dateOfDeath: z.iso.date(),
  amountVnd: VndAmount,
  claimant: z.object({ fullName: z.string().min(2), pin: PersonalIdNumber }),
  /** The day the claim was filed (issue 20): the payer applies its own filing limit. */
  filedOn: z.iso.date().optional(),
  /** Why a claim comes after the payer's limit, in the claimant's words. */
  lateExplanation: z.string().min(1).max(1000).optional(),
});
export type FuneralClaim = z.infer<typeof FuneralClaim>;

export const Revocation = z.object({ reason: z.string().min(1) });

export const refused = (
  status: 409 | 422,
  code: string,
  reason: string,
  details: Record<string, unknown> = {},
): Reply => ({ status, body: { code, reason, ...details } });

/** SQL for a new decision number `<prefix>-<YYYY>-<6 digits>` from `sequence`. */
export const decisionNumberSql = (prefix: string, sequence: string) =>
  `'${prefix}-' || to_char(now(), 'YYYY') || '-' || lpad(nextval('${sequence}')::text, 6, '0')`;

/** What the payer decided from its own records: the amount it grants, or its written reasons. */
export type PayerDecision = { grant: number } | { refuse: string[] };

/**
 * Records the payer's decision on `claim` in `table` at once: a grant of the amount the payer computed
 * (status `granted`; what was claimed is kept beside it), unless a grant for the same deceased is in
 * force — then 409 `alreadyGranted` naming it, the partial unique index on (pin) WHERE status =
 * 'granted' deciding, so two concurrent claims cannot both be granted; or a written refusal with its
 * own decision number and reasons (status `refused`, issue 20), never a bare error.
 */
export async function decideFuneralClaim(
  tx: PoolClient,
  {
    table,
    decisionNumber,
    key,
    claim,
    decision,
    alreadyGranted,
  }: {
    table: string;
    decisionNumber: string;
    key: string;
    claim: FuneralClaim;
    decision: PayerDecision;
    alreadyGranted: string;
  },
): Promise<Reply> {
  if ('refuse' in decision) {
    const { rows } = await tx.query<{ decision_number: string }>(
      `INSERT INTO ${table}
         (claim_key, decision_number, pin, death_extract_number, date_of_death, amount_vnd, claimant,
          status, reasons, claimed_vnd)
       VALUES ($1, ${decisionNumber}, $2, $3, $4, NULL, $5, 'refused', $6, $7)
       RETURNING decision_number`,
      [
        key,
        claim.pin,
        claim.deathExtractNumber,
        claim.dateOfDeath,
        claim.claimant,
        JSON.stringify(decision.refuse),
        claim.amountVnd,
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
  const { rows } = await tx.query<{ decision_number: string }>(
    `INSERT INTO ${table}
       (claim_key, decision_number, pin, death_extract_number, date_of_death, amount_vnd, claimant,
        status, claimed_vnd)
     VALUES ($1, ${decisionNumber}, $2, $3, $4, $5, $6, 'granted', $7)
     ON CONFLICT (pin) WHERE status = 'granted' DO NOTHING
     RETURNING decision_number`,
    [
      key,
      claim.pin,
      claim.deathExtractNumber,
      claim.dateOfDeath,
      decision.grant,
      claim.claimant,
      claim.amountVnd,
    ],
  );
  const granted = rows[0];
  if (granted) {
    return {
      status: 200,
      body: {
        status: 'granted',
        decisionNumber: granted.decision_number,
        amountVnd: decision.grant,
        ...(decision.grant !== claim.amountVnd && { claimedVnd: claim.amountVnd }),
      },
    };
  }
  const existing = await grantInForce(tx, table, claim.pin);
  return refused(409, alreadyGranted, 'a funeral allowance was already granted for this death', {
    decisionNumber: existing,
  });
}

/** The decision number of the grant in force for the deceased `pin` in `table`, if any. */
export async function grantInForce(
  tx: PoolClient,
  table: string,
  pin: string,
): Promise<string | undefined> {
  const { rows } = await tx.query<{ decision_number: string }>(
    `SELECT decision_number FROM ${table} WHERE pin = $1 AND status = 'granted'`,
    [pin],
  );
  return rows[0]?.decision_number;
}

/**
 * Revokes the decision `decisionNumber` if `table` holds it: a granted decision becomes revoked with
 * the reason; a revoked one answers the same again. Undefined when `table` does not know the number.
 */
export async function revokeDecision(
  tx: PoolClient,
  table: string,
  decisionNumber: string,
  reason: string,
): Promise<Reply | undefined> {
  const { rows } = await tx.query<{ status: string }>(
    `SELECT status FROM ${table} WHERE decision_number = $1 FOR UPDATE`,
    [decisionNumber],
  );
  const row = rows[0];
  if (!row) return undefined;
  if (row.status === 'granted') {
    await tx.query(
      `UPDATE ${table} SET status = 'revoked', revoked_at = now(), revocation_reason = $2
        WHERE decision_number = $1`,
      [decisionNumber, reason],
    );
  }
  return { status: 200, body: { status: 'revoked', decisionNumber } };
}
