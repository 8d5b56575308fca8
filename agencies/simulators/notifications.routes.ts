// SMS, VNeID and e-mail gateways, simulated as one sink that records every message, once per key.
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/pool';
import { idempotentPost, parseBody } from './framework/http';

const SCHEMA = 'sim_notifications';

const Message = z.object({
  channel: z.enum(['sms', 'vneid', 'email']),
  to: z.string().min(3).max(200),
  language: z.enum(['vi', 'en']),
  template: z.string().min(1),
  text: z.string().min(1).max(2_000),
  reference: z.string().max(300).optional().describe('e.g. the case id, for tracing'),
});

export function notificationRoutes({ db }: { db: Db }): Router {
  const router = Router();

  router.post(
    '/messages',
    idempotentPost(db, SCHEMA, (req) => {
      const input = parseBody(Message, req);
      return {
        request: input,
        effect: async (tx) => {
          const { rows } = await tx.query<{ message_id: string }>(
            `INSERT INTO ${SCHEMA}.messages (channel, recipient, language, template, text, reference)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING message_id`,
            [
              input.channel,
              input.to,
              input.language,
              input.template,
              input.text,
              input.reference ?? null,
            ],
          );
          return { status: 200, body: { status: 'sent', messageId: rows[0]?.message_id } };
        },
      };
    }),
  );

  router.get('/messages', async (req, res) => {
    const reference = typeof req.query.reference === 'string' ? req.query.reference : '';
    const { rows } = await db.query(
      `SELECT message_id AS "messageId", channel, recipient AS "to", language, template, text, reference,
              sent_at AS "sentAt"
         FROM ${SCHEMA}.messages WHERE reference = $1 ORDER BY message_id`,
      [reference],
    );
    res.json({ messages: rows });
  });

  return router;
}
