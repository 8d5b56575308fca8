// Who may attach which upload, once, and how many a case holds — decided by the database, so two
// requests at once cannot both win; and the purge of uploads nobody attached.
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresStorage } from '../../api/uploads/pg-storage';
import { createUploadPurger } from '../../api/uploads/purge';
import {
  attachUploads,
  insertUpload,
  listSupplementAnswers,
  recordSupplementAnswer,
  type AttachRequest,
  type Uploader,
} from '../../db/uploads.repository';
import { createTestDatabase, type TestDatabase } from '../support/database';

const CITIZEN: Uploader = { sub: 'citizen-a', role: 'citizen', commune: null };
const OTHER_CITIZEN: Uploader = { sub: 'citizen-b', role: 'citizen', commune: null };
const CLERK: Uploader = { sub: 'clerk-a', role: 'clerk', commune: '00004' };
const DESK_COLLEAGUE: Uploader = { sub: 'clerk-b', role: 'clerk', commune: '00004' };
const OTHER_DESK: Uploader = { sub: 'clerk-c', role: 'clerk', commune: '00007' };

describe('uploads.repository', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  async function anUpload(owner: Uploader, expiresInMs = 3_600_000) {
    const key = randomUUID();
    await postgresStorage(database.appDb).put(key, Buffer.from('%PDF-1.4'), 'application/pdf');
    const row = await insertUpload(database.appDb, {
      upload_id: randomUUID(),
      owner_sub: owner.sub,
      owner_role: owner.role,
      owner_commune: owner.commune,
      item: 'Giấy chứng sinh',
      media_type: 'application/pdf',
      size: 8,
      sha256: 'a'.repeat(64),
      storage_key: key,
      scan: 'not_scanned',
      expires_at: new Date(Date.now() + expiresInMs).toISOString(),
    });
    return row.upload_id;
  }

  const attaching = (caller: Uploader, uploadIds: string[], caseId = `case:${randomUUID()}`) =>
    ({
      caseId,
      step: null,
      answerId: null,
      caller,
      uploadIds,
      maxPerCase: 20,
    }) satisfies AttachRequest;

  it('when a citizen attaches their own upload, then it becomes an attachment of the case', async () => {
    const id = await anUpload(CITIZEN);
    const outcome = await attachUploads(database.appDb, attaching(CITIZEN, [id]));
    expect(outcome.kind).toBe('attached');
    expect(outcome.kind === 'attached' && outcome.fresh).toEqual([id]);
  });

  it('when the upload id is sent in upper case, then it is the same upload', async () => {
    const id = await anUpload(CITIZEN);
    const outcome = await attachUploads(database.appDb, attaching(CITIZEN, [id.toUpperCase()]));
    expect(outcome.kind === 'attached' && outcome.fresh).toEqual([id]);
  });

  it.each([
    ['another citizen', OTHER_CITIZEN],
    ['a clerk', CLERK],
  ])('when %s names a citizen’s upload, then it is unknown to them', async (_, caller) => {
    const id = await anUpload(CITIZEN);
    const outcome = await attachUploads(database.appDb, attaching(caller, [id]));
    expect(outcome).toEqual({ kind: 'unknown', indexes: [0] });
  });

  it('when a clerk of the same desk names a clerk’s upload, then it is attached; another desk’s clerk may not', async () => {
    const mine = await anUpload(CLERK);
    const theirs = await anUpload(CLERK);
    expect((await attachUploads(database.appDb, attaching(DESK_COLLEAGUE, [mine]))).kind).toBe(
      'attached',
    );
    expect(await attachUploads(database.appDb, attaching(OTHER_DESK, [theirs]))).toEqual({
      kind: 'unknown',
      indexes: [0],
    });
  });

  it('when an upload has expired, then it cannot be attached', async () => {
    const id = await anUpload(CITIZEN, -1_000);
    expect(await attachUploads(database.appDb, attaching(CITIZEN, [id]))).toEqual({
      kind: 'unknown',
      indexes: [0],
    });
  });

  it('when an attached upload is named for another case, then it is taken', async () => {
    const id = await anUpload(CITIZEN);
    await attachUploads(database.appDb, attaching(CITIZEN, [id]));
    expect(await attachUploads(database.appDb, attaching(CITIZEN, [id]))).toEqual({
      kind: 'taken',
      indexes: [0],
    });
  });

  it('when the same request attaches again (a retry), then its attachments are answered, none fresh', async () => {
    const id = await anUpload(CITIZEN);
    const request = attaching(CITIZEN, [id]);
    await attachUploads(database.appDb, request);
    const again = await attachUploads(database.appDb, request);
    expect(again.kind === 'attached' && again.fresh).toEqual([]);
    expect(again.kind === 'attached' && again.attachments).toHaveLength(1);
  });

  it('when two cases take the same upload at the same moment, then exactly one gets it', async () => {
    const id = await anUpload(CITIZEN);
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () => attachUploads(database.appDb, attaching(CITIZEN, [id]))),
    );
    expect(outcomes.filter((o) => o.kind === 'attached')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'taken')).toHaveLength(7);
  });

  it('when a case would pass its limit, then nothing of the request is attached', async () => {
    const caseId = `case:${randomUUID()}`;
    const first = await Promise.all(Array.from({ length: 3 }, () => anUpload(CLERK)));
    const more = await Promise.all(Array.from({ length: 2 }, () => anUpload(CLERK)));
    const limited = { ...attaching(CLERK, first, caseId), maxPerCase: 4 };
    expect((await attachUploads(database.appDb, limited)).kind).toBe('attached');

    const over = await attachUploads(database.appDb, { ...limited, uploadIds: more });

    expect(over).toEqual({ kind: 'too_many', attached: 3 });
    const { rows } = await database.db.query(
      'SELECT count(*)::int AS n FROM case_attachments WHERE case_id = $1',
      [caseId],
    );
    expect(rows[0].n).toBe(3);
  });

  it('when several requests fill a case at once, then the limit holds', async () => {
    const caseId = `case:${randomUUID()}`;
    const uploads = await Promise.all(Array.from({ length: 6 }, () => anUpload(CLERK)));
    const outcomes = await Promise.all(
      uploads.map((id) =>
        attachUploads(database.appDb, { ...attaching(CLERK, [id], caseId), maxPerCase: 4 }),
      ),
    );
    expect(outcomes.filter((o) => o.kind === 'attached')).toHaveLength(4);
  });

  describe('supplement answers', () => {
    it('when the step took an answer the API could not confirm, then the answer is listed; one the step has not taken is not', async () => {
      const caseId = `birth-residence-insurance:CS-${randomUUID().slice(0, 8).toUpperCase()}`;
      const answer = (requestId: string) =>
        recordSupplementAnswer(database.appDb, {
          answer_id: randomUUID(),
          case_id: caseId,
          step: 'birth',
          request_id: requestId,
          documents: [requestId],
          answered_by: CITIZEN.sub,
        });
      await answer('taken');
      await answer('not-yet');
      // The step's workflow writes its outcome of the request (workflows/action-requests.ts).
      await database.appDb.query(
        `INSERT INTO action_outcomes (workflow_id, request_id, state, value) VALUES ($1, 'taken', 'done', '{}')`,
        [`${caseId}:birth`],
      );

      const listed = await listSupplementAnswers(database.appDb, caseId);

      expect(listed.map((a) => a.documents)).toEqual([['taken']]);
    });
  });

  describe('the purge of expired uploads', () => {
    it('when it runs, then expired unattached uploads lose row and bytes; attached and fresh ones stay', async () => {
      const expired = await anUpload(CITIZEN, 3_600_000);
      const attachedExpired = await anUpload(CITIZEN, 3_600_000);
      const fresh = await anUpload(CITIZEN);
      await attachUploads(database.appDb, attaching(CITIZEN, [attachedExpired]));
      await database.db.query(
        `UPDATE uploads SET expires_at = now() - interval '1 minute' WHERE upload_id = ANY($1::uuid[])`,
        [[expired, attachedExpired]],
      );
      const keyOf = async (id: string) =>
        (await database.db.query('SELECT storage_key FROM uploads WHERE upload_id = $1', [id]))
          .rows[0]?.storage_key as string | undefined;
      const expiredKey = await keyOf(expired);
      const storage = postgresStorage(database.appDb);

      const purger = createUploadPurger({
        db: database.appDb,
        storage,
        logger: pino({ level: 'silent' }),
        intervalMs: 60_000,
      });
      const purged = await purger.purgeOnce();

      expect(purged).toBeGreaterThanOrEqual(1);
      expect(await keyOf(expired)).toBeUndefined();
      expect(await storage.get(expiredKey ?? '')).toBeUndefined();
      expect(await keyOf(attachedExpired)).toBeDefined();
      expect(await keyOf(fresh)).toBeDefined();
    });
  });
});
