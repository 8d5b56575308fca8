import type { Db } from '../db/pool';
import {
  upsertCase,
  upsertStep,
  type CaseProjection,
  type StepProjection,
} from '../db/read-model.repository';

/** Projections of workflow state into PostgreSQL for lists, search and inboxes. */
export function readModelActivities({ db }: { db: Db }) {
  return {
    async projectCase(projection: CaseProjection): Promise<void> {
      await upsertCase(db, projection);
    },
    async projectStep(projection: StepProjection): Promise<void> {
      await upsertStep(db, projection);
    },
  };
}
