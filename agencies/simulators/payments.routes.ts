// The payments service (State Treasury / VNPost / banks behind one door), simulated. Every attempt is
// kept, refused ones included; a bank transfer to a malformed or closed account is refused (422) and
// nothing is paid. At most one payment is paid per reference (a partial unique index), and at most one
// reclaim is opened per payment after an annulment.
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/pool';
import { CommuneCode, PersonalIdNumber } from '../../domain/principal';
import { refused, VndAmount } from './framework/benefits';
import { idempotentPost, parseBody, SimulatorError } from './framework/http';

const SCHEMA = 'sim_payments';

const base = {
  reference: z.string().min(1).max(300).describe('what the money is for, e.g. `<caseId>:funeral`'),
  payee: z.object({ fullName: z.string().min(2), pin: PersonalIdNumber }),
  amountVnd: VndAmount,
};

const PaymentRequest = z.discriminatedUnion('channel', [
  z.object({
    ...base,
    channel: z.literal('bank'),
    bankAccount: z.object({ bank: z.string().min(2).max(50), number: z.string().min(1).max(50) }),
  }),
  z.object({
    ...base,
    channel: z.literal('post'),
    postAddress: z.object({ commune: CommuneCode, line: z.string().min(3) }),
  }),
]);

const Reclaim = z.object({ paymentRef: z.string().min(1), reason: z.string().min(1) });

export const ClosedAccount = z.object({ bank: z.string().min(2), number: z.string().min(1) });
export type ClosedAccount = z.infer<typeof ClosedAccount>;

const bankCode = (bank: string) => bank.trim().toUpperCase();

const paymentRefSql = `'PAY-' || to_char(now(), 'YYYY') || '-' || lpad(nextval('${SCHEMA}.payment_seq')::text, 7, '0')`;
const reclaimRefSql = `'THU-' || to_char(now(), 'YYYY') || '-' || lpad(nextval('${SCHEMA}.reclaim_seq')::text, 6, '0')`;

export async function addClosedAccount(db: Db, account: ClosedAccount): Promise<void> {
  await db.query(
    `INSERT INTO ${SCHEMA}.closed_accounts (bank, number) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [bankCode(account.bank), account.number],
  );
}

const alreadyPaid = (paymentRef: string | undefined) =>
  refused(409, 'PAYMENTS.ALREADY_PAID', 'a payment was already made for this reference', {
    paymentRef,
  });

export function paymentRoutes({ db }: { db: Db }): Router {
  const router = Router();

  router.post(
    '/payments',
    idempotentPost(db, SCHEMA, (req, key) => {
      const input = parseBody(PaymentRequest, req);
      return {
        request: input,
        effect: async (tx) => {
          const paidRef = async () =>
            (
              await tx.query<{ payment_ref: string }>(
                `SELECT payment_ref FROM ${SCHEMA}.payments WHERE reference = $1 AND status = 'paid'`,
                [input.reference],
              )
            ).rows[0]?.payment_ref;
          const earlier = await paidRef();
          if (earlier) return alreadyPaid(earlier);

          const record = (status: 'paid' | 'rejected', reason: string | null) =>
            tx.query<{ payment_ref: string }>(
              `INSERT INTO ${SCHEMA}.payments
                 (payment_key, reference, payee, amount_vnd, channel, bank_account, post_address,
                  status, payment_ref, reason)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text,
                       CASE WHEN $8 = 'paid' THEN ${paymentRefSql} END, $9)
               ON CONFLICT (reference) WHERE status = 'paid' DO NOTHING
               RETURNING payment_ref`,
              [
                key,
                input.reference,
                input.payee,
                input.amountVnd,
                input.channel,
                input.channel === 'bank' ? input.bankAccount : null,
                input.channel === 'post' ? input.postAddress : null,
                status,
                reason,
              ],
            );

          if (input.channel === 'bank') {
            const { bank, number } = input.bankAccount;
            const closed = await tx.query(
              `SELECT 1 FROM ${SCHEMA}.closed_accounts WHERE bank = $1 AND number = $2`,
              [bankCode(bank), number],
            );
            const reason = !/^\d{6,19}$/.test(number)
              ? 'the account number must be 6 to 19 digits'
              : closed.rowCount
                ? 'the account is closed'
                : undefined;
            if (reason) {
              await record('rejected', reason);
              return refused(422, 'PAYMENTS.INVALID_ACCOUNT', reason);
            }
          }

          const { rows } = await record('paid', null);
          const paid = rows[0];
          if (!paid) return alreadyPaid(await paidRef());
          return {
            status: 200,
            body: {
              status: 'paid',
              paymentRef: paid.payment_ref,
              channel: input.channel,
              amountVnd: input.amountVnd,
            },
          };
        },
      };
    }),
  );

  router.post(
    '/reclaims',
    idempotentPost(db, SCHEMA, (req, key) => {
      const input = parseBody(Reclaim, req);
      return {
        request: input,
        effect: async (tx) => {
          const payment = await tx.query<{ amount_vnd: string }>(
            `SELECT amount_vnd FROM ${SCHEMA}.payments
              WHERE payment_ref = $1 AND status = 'paid' FOR UPDATE`,
            [input.paymentRef],
          );
          const paid = payment.rows[0];
          if (!paid) throw new SimulatorError(404, { code: 'PAYMENTS.UNKNOWN_PAYMENT' });
          const amountVnd = Number(paid.amount_vnd);
          const { rows } = await tx.query<{ reclaim_ref: string }>(
            `INSERT INTO ${SCHEMA}.reclaims (reclaim_key, reclaim_ref, payment_ref, amount_vnd, reason)
             VALUES ($1, ${reclaimRefSql}, $2, $3, $4)
             ON CONFLICT (payment_ref) DO NOTHING
             RETURNING reclaim_ref`,
            [key, input.paymentRef, amountVnd, input.reason],
          );
          const opened = rows[0];
          if (opened) {
            return {
              status: 200,
              body: { status: 'reclaim_opened', reclaimRef: opened.reclaim_ref, amountVnd },
            };
          }
          const existing = await tx.query<{ reclaim_ref: string }>(
            `SELECT reclaim_ref FROM ${SCHEMA}.reclaims WHERE payment_ref = $1`,
            [input.paymentRef],
          );
          return refused(
            409,
            'PAYMENTS.ALREADY_RECLAIMED',
            'a reclaim is already open for this payment',
            { reclaimRef: existing.rows[0]?.reclaim_ref },
          );
        },
      };
    }),
  );

  router.get('/payments', async (req, res) => {
    const reference = typeof req.query.reference === 'string' ? req.query.reference : '';
    const { rows } = await db.query(
      `SELECT payment_key AS "paymentKey", payment_ref AS "paymentRef", reference, payee,
              amount_vnd::float8 AS "amountVnd", channel, bank_account AS "bankAccount",
              post_address AS "postAddress", status, reason, requested_at AS "requestedAt"
         FROM ${SCHEMA}.payments WHERE reference = $1 ORDER BY requested_at, payment_key`,
      [reference],
    );
    res.json({ payments: rows });
  });

  router.get('/reclaims', async (req, res) => {
    const paymentRef = typeof req.query.paymentRef === 'string' ? req.query.paymentRef : '';
    const { rows } = await db.query(
      `SELECT reclaim_key AS "reclaimKey", reclaim_ref AS "reclaimRef", payment_ref AS "paymentRef",
              amount_vnd::float8 AS "amountVnd", reason, status, opened_at AS "openedAt"
         FROM ${SCHEMA}.reclaims WHERE payment_ref = $1 ORDER BY opened_at`,
      [paymentRef],
    );
    res.json({ reclaims: rows });
  });

  return router;
}
