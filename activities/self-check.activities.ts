import type { Db } from '../db/pool';
import { recordSelfCheck, type NewSelfCheck } from '../db/self-check.repository';

export function selfCheckActivities({ db }: { db: Db }) {
  return {
    async recordSelfCheck(check: NewSelfCheck): Promise<void> {
      await recordSelfCheck(db, check);
    },
  };
}
