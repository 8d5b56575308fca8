// A filing's attachments are taken before its case starts and given back when this request did not
// start it; a failure after the start leaves them with the case.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLimits } from '../support/attachments';
import { fileWithAttachments } from '../../api/uploads/case-files';
import { postgresStorage } from '../../api/uploads/pg-storage';
import { insertUpload, listAttachments } from '../../db/uploads.repository';
import type { Principal } from '../../domain/principal';
import { createTestDatabase, type TestDatabase } from '../support/database';

const CLERK: Principal = { sub: 'clerk-files', role: 'clerk', jurisdiction: '00004' };

describe('fileWithAttachments', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  async function anUpload() {
    const row = await insertUpload(database.appDb, {
      upload_id: randomUUID(),
      owner_sub: CLERK.sub,
      owner_role: 'clerk',
      owner_commune: '00004',
      item: 'Giấy chứng sinh',
      media_type: 'application/pdf',
      size: 8,
      sha256: 'b'.repeat(64),
      storage_key: randomUUID(),
      scan: 'not_scanned',
      expires_at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    return row.upload_id;
  }
  const settings = () => ({ storage: postgresStorage(database.appDb), ...defaultLimits });
  const filing = (caseId: string, uploadIds: string[]) => ({
    caseId,
    principal: CLERK,
    uploadIds,
  });

  it('when the case is started, then it keeps the attachments, and start saw them', async () => {
    const caseId = `case:${randomUUID()}`;
    const id = await anUpload();
    let seen = 0;

    const outcome = await fileWithAttachments(
      database.appDb,
      settings(),
      filing(caseId, [id]),
      (attached) => {
        seen = attached.length;
        return Promise.resolve({ started: true as const, value: caseId });
      },
    );

    expect(outcome.started).toBe(true);
    expect(seen).toBe(1);
    expect(await listAttachments(database.appDb, caseId)).toHaveLength(1);
  });

  it.each([
    [
      'the case exists and was not started by this request',
      () => Promise.resolve({ started: false as const }),
    ],
    ['starting failed', () => Promise.reject(new Error('Temporal unreachable'))],
  ])('when %s, then the uploads are given back, free for another case', async (_, start) => {
    const caseId = `case:${randomUUID()}`;
    const id = await anUpload();

    await fileWithAttachments(database.appDb, settings(), filing(caseId, [id]), start).catch(
      () => undefined,
    );

    expect(await listAttachments(database.appDb, caseId)).toEqual([]);
    const other = `case:${randomUUID()}`;
    const again = await fileWithAttachments(database.appDb, settings(), filing(other, [id]), () =>
      Promise.resolve({ started: true as const, value: other }),
    );
    expect(again.started).toBe(true);
  });
});
