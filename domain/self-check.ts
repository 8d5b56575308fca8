import { z } from 'zod';

/** Input of the self-check workflow: one round trip API → Temporal → worker → PostgreSQL. */
export const SelfCheckInput = z.object({
  checkId: z.uuid(),
  requestedBy: z.string().min(1).describe('subject of the operator who asked'),
  requestedAt: z.iso.datetime({ offset: true }),
});
export type SelfCheckInput = z.infer<typeof SelfCheckInput>;
