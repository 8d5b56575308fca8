import { ApplicationFailure, log } from '@temporalio/activity';
import { describeRefusal, permanentRefusal } from '../db/pg-errors';
import { insertActionOutcome, type RecordedOutcome } from '../db/action-outcomes.repository';
import { askForDocuments, syncCaseDocuments } from '../db/documents.repository';
import type { Db } from '../db/pool';
import {
  upsertCase,
  upsertStep,
  type CaseProjection,
  type StepProjection,
} from '../db/read-model.repository';
import { recordRefusal, RefusedWrite, type RefusedTarget } from '../db/refusals.repository';
import { ProcedureError } from '../domain/errors';

/** Projections of workflow state into PostgreSQL for lists, search and inboxes. */
export function readModelActivities({ db }: { db: Db }) {
  /**
   * Runs a projection. Transient faults are thrown as they are, for the retry policy (which has no
   * limit: the database coming back is enough). A write the database refuses for good would be
   * refused on every retry, the workflow held on it forever: it is recorded for operators instead
   * (they see the case as stuck) and fails for good, so the workflow can carry on without it.
   */
  async function project(target: RefusedTarget, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      const refusal = permanentRefusal(error);
      if (!refusal) throw error;
      const message = describeRefusal(refusal);
      try {
        await recordRefusal(db, target, refusal);
      } catch (recording) {
        // Down again, say: retry the projection, which records the refusal next time.
        if (!permanentRefusal(recording)) throw recording;
        log.error('refused projection not recorded', {
          kind: target.kind,
          sqlstate: refusal.sqlstate,
        });
      }
      log.warn('projection refused', { kind: target.kind, sqlstate: refusal.sqlstate });
      throw ApplicationFailure.create({
        type: ProcedureError.READ_MODEL_REFUSED,
        message: `${target.kind}: ${message}`,
        nonRetryable: true,
        details: [{ kind: target.kind, sqlstate: refusal.sqlstate }],
      });
    }
  }

  return {
    async projectCase(projection: CaseProjection): Promise<void> {
      const { view } = projection;
      await project(
        {
          kind: RefusedWrite.projectCase,
          target: view.caseId,
          caseId: view.caseId,
          procedure: view.procedure,
          commune: view.commune,
          version: view.version,
        },
        async () => {
          await upsertCase(db, projection);
          // The documents its completed steps hand out, and the revocation of what it undid.
          await syncCaseDocuments(db, view);
        },
      );
    },
    async projectStep(projection: StepProjection): Promise<void> {
      const { caseId, view } = projection;
      await project(
        {
          kind: RefusedWrite.projectStep,
          target: view.workflowId,
          caseId,
          // Case ids start with their procedure (workflows/task-queues.ts).
          procedure: caseId.split(':')[0],
          version: view.version,
        },
        async () => {
          await upsertStep(db, projection);
          await askForDocuments(db, caseId, [view]);
        },
      );
    },
    /** A person's request carried out or refused (workflows/action-requests.ts), for the API. */
    async recordActionOutcome(recorded: RecordedOutcome): Promise<void> {
      await project(
        {
          kind: RefusedWrite.recordActionOutcome,
          target: recorded.workflowId,
          caseId: recorded.workflowId.split(':').slice(0, 2).join(':'),
          procedure: recorded.workflowId.split(':')[0],
        },
        () => insertActionOutcome(db, recorded),
      );
    },
  };
}
