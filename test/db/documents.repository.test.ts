// Documents are asked for by retried, possibly out-of-order projections and issued by any number of
// workers: each is asked once, issued once, retried on failure and then left for operators.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  askForDocuments,
  issueNextDocument,
  MAX_ISSUE_ATTEMPTS,
  syncCaseDocuments,
} from '../../db/documents.repository';
import { upsertCase } from '../../db/read-model.repository';
import type { CaseView, StepView } from '../../domain/procedures/views';
import { createTestDatabase, type TestDatabase } from '../support/database';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const step = (
  name: string,
  state: StepView['state'],
  result?: Record<string, string>,
): StepView => ({
  step: name,
  agency:
    name === 'death'
      ? 'civil-status'
      : name === 'residence-removal'
        ? 'police'
        : 'social-insurance',
  workflowId: `case:${name}`,
  state,
  status:
    state === 'compensated' ? 'compensated' : state === 'completed' ? 'completed' : 'in_review',
  resent: 0,
  reminded: false,
  breached: false,
  ...(result && { result }),
  version: 1,
});

const deathCase = (caseId: string, status: CaseView['status'], steps: StepView[]): CaseView => ({
  caseId,
  procedure: 'death-residence-funeral',
  status,
  receivedAt: '2026-11-23T02:00:00.000Z',
  commune: '00004',
  deadline: '2026-11-26T10:00:00.000Z',
  steps,
  timeline: [],
  version: 1,
});

const documents = async (caseId: string) =>
  (
    await database.db.query<{
      kind: string;
      state: string;
      verify_code: string;
      revoked_reason: string | null;
    }>(
      'SELECT kind, state, verify_code, revoked_reason FROM documents WHERE case_id = $1 ORDER BY kind',
      [caseId],
    )
  ).rows;

const DEATH = step('death', 'completed', { extractNumber: 'KT-00004-2026-000001' });
const REMOVAL = step('residence-removal', 'completed', { residenceRef: 'CT-1' });

describe('documents asked for by projections', () => {
  it('when the same completion is projected again (a retry, the step’s and the case’s projection), then its document is asked for once, with one code', async () => {
    const view = deathCase('case-once', 'in_progress', [
      DEATH,
      step('residence-removal', 'in_review'),
    ]);
    await syncCaseDocuments(database.appDb, view);
    const [first] = await documents('case-once');
    await syncCaseDocuments(database.appDb, view);
    await askForDocuments(database.appDb, 'case-once', [DEATH]);
    expect(await documents('case-once')).toEqual([first]);
    expect(first).toMatchObject({ kind: 'death_extract', state: 'pending', revoked_reason: null });
  });

  it('when an annulment compensates a step and then annuls the case, then the step’s document is revoked at once and every result once annulled — the receipt stays valid', async () => {
    const caseId = 'case-annulled';
    await syncCaseDocuments(database.appDb, deathCase(caseId, 'completed', [DEATH, REMOVAL]));
    await database.db.query(
      `INSERT INTO documents (case_id, kind, issuer, number, template, verify_code)
       VALUES ($1, 'receipt', 'one-stop', 'KT-00004-2612-000001', 'receipt/1', 'RECEIPT00001')`,
      [caseId],
    );
    await syncCaseDocuments(
      database.appDb,
      deathCase(caseId, 'in_progress', [DEATH, { ...REMOVAL, state: 'compensated' }]),
    );
    expect((await documents(caseId)).map((d) => [d.kind, d.revoked_reason])).toEqual([
      ['death_extract', null],
      ['receipt', null],
      ['residence_removal', 'compensated'],
    ]);
    await syncCaseDocuments(
      database.appDb,
      deathCase(caseId, 'annulled', [
        { ...DEATH, state: 'compensated' },
        { ...REMOVAL, state: 'compensated' },
      ]),
    );
    expect((await documents(caseId)).map((d) => [d.kind, d.revoked_reason])).toEqual([
      ['death_extract', 'annulled'],
      ['receipt', null],
      ['residence_removal', 'compensated'],
    ]);
  });

  it('when the step’s record is corrected, then its document is issued again and the earlier issue is superseded by it, once however often projected', async () => {
    const caseId = 'case-corrected';
    const birth = { ...DEATH, step: 'birth', agency: 'civil-status' as const };
    const view = (timeline: CaseView['timeline']) => ({
      ...deathCase(caseId, 'in_progress', [birth]),
      timeline,
    });
    await syncCaseDocuments(database.appDb, view([]));
    const corrected = { at: '2026-12-03T03:00:00.000Z', event: 'corrected', step: 'birth' };
    await syncCaseDocuments(database.appDb, view([corrected]));
    await syncCaseDocuments(database.appDb, view([corrected]));
    const issues = async () =>
      (
        await database.db.query<{ issue: number; superseded: string | null; id: string }>(
          `SELECT issue, superseded_by AS superseded, document_id AS id
             FROM documents WHERE case_id = $1 ORDER BY issue`,
          [caseId],
        )
      ).rows;
    const [first, second] = await issues();
    expect(first).toMatchObject({ issue: 0, superseded: second?.id });
    expect(second).toMatchObject({ issue: 1, superseded: null });
    await syncCaseDocuments(
      database.appDb,
      view([corrected, { ...corrected, at: '2026-12-04T03:00:00.000Z' }]),
    );
    expect((await issues()).map((d) => [d.issue, d.superseded !== null])).toEqual([
      [0, true],
      [1, true],
      [2, false],
    ]);
  });

  it('when a completion is projected late, after the case was annulled, then no new document is asked for', async () => {
    const view = deathCase('case-late', 'annulled', []);
    await upsertCase(database.appDb, { view, businessKey: 'late', partyPins: [] });
    await askForDocuments(database.appDb, 'case-late', [DEATH]);
    expect(await documents('case-late')).toEqual([]);
  });
});

describe('issuing', () => {
  const pending = async (caseId: string) => {
    await askForDocuments(database.appDb, caseId, [DEATH]);
    // Due now, whatever else the other tests left pending.
    await database.db.query(
      `UPDATE documents SET next_attempt_at = now() - interval '1 hour' WHERE case_id = $1`,
      [caseId],
    );
  };
  const issueOnly = (caseId: string, issue: () => Promise<{ pdf: Buffer; sha256: string }>) =>
    issueNextDocument(database.appDb, async (document) => {
      if (document.case_id !== caseId) throw new Error('another test’s document');
      return issue();
    });

  it('when two issuers run at once, then each document is issued by one of them, once', async () => {
    await database.db.query(`UPDATE documents SET state = 'failed' WHERE state = 'pending'`);
    for (const caseId of ['case-a', 'case-b', 'case-c']) await pending(caseId);
    let calls = 0;
    const issue = async () => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { pdf: Buffer.from('%PDF-1.7'), sha256: 'a'.repeat(64) };
    };
    const drain = async () => {
      while (await issueNextDocument(database.appDb, issue));
    };
    await Promise.all([drain(), drain()]);
    expect(calls).toBe(3);
    const { rows } = await database.db.query<{ state: string }>(
      `SELECT state FROM documents WHERE case_id IN ('case-a', 'case-b', 'case-c')`,
    );
    expect(rows.map((r) => r.state)).toEqual(['issued', 'issued', 'issued']);
  });

  it('when rendering fails, then the document stays pending with its error and is tried later; after the last attempt it is left failed', async () => {
    await database.db.query(`UPDATE documents SET state = 'failed' WHERE state = 'pending'`);
    await pending('case-failing');
    const failing = () => Promise.reject(new Error('template birth_extract/0 is not available'));
    expect(await issueOnly('case-failing', failing)).toMatchObject({ issued: false });
    const row = async () =>
      (
        await database.db.query<{
          state: string;
          attempts: number;
          last_error: string;
          later: boolean;
        }>(
          `SELECT state, attempts, last_error, next_attempt_at > now() AS later
             FROM documents WHERE case_id = 'case-failing'`,
        )
      ).rows[0];
    expect(await row()).toEqual({
      state: 'pending',
      attempts: 1,
      last_error: 'template birth_extract/0 is not available',
      later: true,
    });
    // Not due yet: nothing to do.
    expect(await issueOnly('case-failing', failing)).toBe(false);
    for (let attempt = 2; attempt <= MAX_ISSUE_ATTEMPTS; attempt++) {
      await database.db.query(
        `UPDATE documents SET next_attempt_at = now() WHERE case_id = 'case-failing'`,
      );
      await issueOnly('case-failing', failing);
    }
    expect(await row()).toMatchObject({ state: 'failed', attempts: MAX_ISSUE_ATTEMPTS });
  });
});
