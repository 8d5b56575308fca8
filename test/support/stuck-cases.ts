// Cases made stuck for the tests of GET /v1/ops/stuck-cases and its scan: aged in the read model,
// refused by PostgreSQL through the real projection activity, or failing in a stub Temporal.
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import type { Express } from 'express';
import { nanoid } from 'nanoid';
import request from 'supertest';
import { expect } from 'vitest';
import { readModelActivities } from '../../activities/read-model.activities';
import type { Db } from '../../db/pool';
import { upsertCase } from '../../db/read-model.repository';
import type { Principal } from '../../domain/principal';
import type { CaseView, StepView } from '../../domain/procedures/views';
import { tokenFor } from './auth';
import type { TestDatabase } from './database';

export const ADMIN: Principal = { sub: 'admin-1', role: 'admin' };
export const supervisorOf = (jurisdiction: string): Principal => ({
  sub: `supervisor-${jurisdiction}`,
  role: 'supervisor',
  jurisdiction,
});

/** A commune code of the test's own, so its lists hold only its cases. */
export const aCommune = () => String(10_000 + Math.floor(Math.random() * 89_999));

/**
 * A Temporal client whose describe answers from `attempts` (the pending workflow task's attempt
 * per workflow id; 0: none pending; an id not there does not exist) and notes what was described.
 */
export function stubTemporal() {
  const attempts = new Map<string, number>();
  const described: string[] = [];
  const temporal = {
    workflow: {
      getHandle: (workflowId: string) => ({
        describe: () => {
          described.push(workflowId);
          const attempt = attempts.get(workflowId);
          if (attempt === undefined)
            return Promise.reject(new WorkflowNotFoundError('not found', workflowId, undefined));
          return Promise.resolve({
            raw: { pendingWorkflowTask: attempt > 0 ? { attempt } : null },
          });
        },
      }),
    },
  } as unknown as Client;
  return { temporal, attempts, described };
}

export const anOpenStep = (caseId: string): StepView => ({
  step: 'birth',
  agency: 'civil-status',
  workflowId: `${caseId}:birth`,
  status: 'in_review',
  state: 'in_review',
  resent: 0,
  reminded: false,
  breached: false,
  version: 1,
});

/**
 * A case projected as the workflows project it, then aged in the read model: its deadline and its
 * last progress `deadlineHours` and `idleHours` ago (negative: ahead).
 */
export async function anAgedCase(
  database: TestDatabase,
  commune: string,
  options: {
    deadlineHours: number;
    idleHours: number;
    status?: CaseView['status'];
    steps?: (caseId: string) => StepView[];
  },
): Promise<string> {
  const caseId = `birth-residence-insurance:CS-${nanoid(8)
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '0')}`;
  const view: CaseView = {
    caseId,
    procedure: 'birth-residence-insurance',
    status: options.status ?? 'in_progress',
    receivedAt: new Date(Date.now() - 10 * 86_400_000).toISOString(),
    commune,
    deadline: new Date().toISOString(),
    steps: options.steps?.(caseId) ?? [],
    timeline: [],
    version: 1,
  };
  await upsertCase(database.appDb, { view, businessKey: caseId, partyPins: ['001190012345'] });
  await database.db.query(
    `UPDATE cases SET deadline = now() - $2 * interval '1 hour',
                      updated_at = now() - $3 * interval '1 hour' WHERE case_id = $1`,
    [caseId, options.deadlineHours, options.idleHours],
  );
  return caseId;
}

/**
 * Projects a view of `caseId` holding U+0000 through the real activity (as a worker runs it), which
 * PostgreSQL refuses for good; its version is far ahead of any the case's workflow reaches.
 */
export async function aRefusedProjection(db: Db, caseId: string, commune: string): Promise<void> {
  const activities = readModelActivities({ db });
  const view: CaseView = {
    caseId,
    procedure: 'birth-residence-insurance',
    status: 'in_progress',
    receivedAt: new Date().toISOString(),
    commune,
    deadline: new Date(Date.now() + 86_400_000).toISOString(),
    steps: [],
    timeline: [{ at: new Date().toISOString(), event: 'received', detail: 'Mai\u0000' }],
    version: 1000,
  };
  const env = new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });
  await expect(
    env.run(() => activities.projectCase({ view, businessKey: caseId, partyPins: [] })),
  ).rejects.toThrow('SQLSTATE 22P05');
}

export interface StuckList {
  total: number;
  items: {
    caseId: string;
    commune: string | null;
    status: string | null;
    since: string;
    reasons: { code: string; since: string; detail: string }[];
  }[];
}

export const listStuck = async (app: Express, who: Principal, query = '') =>
  request(app)
    .get(`/v1/ops/stuck-cases${query}`)
    .set('Authorization', `Bearer ${await tokenFor(who)}`);

/** The gauge's value for `reason` in a /metrics scrape. */
export const stuckGauge = async (app: Express, reason: string): Promise<number> =>
  Number(
    new RegExp(`lien_thong_stuck_cases\\{reason="${reason}"\\} (\\d+)`).exec(
      (await request(app).get('/metrics')).text,
    )?.[1],
  );
