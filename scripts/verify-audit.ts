// `npm run -s audit:verify`: recomputes the audit log's hash chain and, given its checkpoints
// (AUDIT_CHECKPOINT_FILE, or the object-locked AUDIT_CHECKPOINT_S3_BUCKET) and the keys that signed them (AUDIT_VERIFY_KEY_FILES, or
// AUDIT_SIGNING_KEY_FILE), checks each checkpoint's signature and that the rows it saw still carry
// the hash it signed (db/audit-checkpoints.ts). Names every problem and where it is.
// Exit 0 when intact, 1 when not (or unreadable).
import { createPublicKey } from 'node:crypto';
import { readAuditSigningKey, readAuditVerifyKey } from '../config/audit-keys';
import { AuditVerifyEnv, loadEnv } from '../config/env';
import { verifyAnchoredAuditLog } from '../db/audit-checkpoints';
import { checkpointStoreFromEnv } from '../db/audit-checkpoints-s3';
import { verifyAuditChain } from '../db/audit.repository';
import { createPool } from '../db/pool';

async function main(): Promise<void> {
  const env = loadEnv(AuditVerifyEnv);
  const db = createPool(env.DATABASE_URL, { max: 1 });
  try {
    const store = await checkpointStoreFromEnv(env);
    if (store === undefined) {
      const { rows, firstBroken } = await verifyAuditChain(db);
      if (firstBroken !== undefined) {
        console.error(
          `audit log BROKEN at row seq=${firstBroken} (of ${rows}): edited, deleted or reordered`,
        );
        process.exitCode = 1;
        return;
      }
      console.log(
        `audit log chain intact: ${rows} rows — not checked against checkpoints ` +
          '(AUDIT_CHECKPOINT_FILE and AUDIT_CHECKPOINT_S3_BUCKET unset): a recomputed chain or a ' +
          'cut tail would pass',
      );
      return;
    }
    const keys = env.AUDIT_VERIFY_KEY_FILES
      ? await Promise.all(env.AUDIT_VERIFY_KEY_FILES.map(readAuditVerifyKey))
      : env.AUDIT_SIGNING_KEY_FILE
        ? [createPublicKey(await readAuditSigningKey(env.AUDIT_SIGNING_KEY_FILE))]
        : [];
    if (keys.length === 0)
      throw new Error('AUDIT_VERIFY_KEY_FILES or AUDIT_SIGNING_KEY_FILE is needed');
    const result = await verifyAnchoredAuditLog(db, store, keys);
    if (result.problems.length > 0) {
      console.error(
        `audit log NOT intact (${result.rows} rows, ${result.checkpoints} checkpoints):`,
      );
      for (const problem of result.problems) console.error(`- ${problem}`);
      process.exitCode = 1;
      return;
    }
    console.log(
      `audit log intact: ${result.rows} rows, ${result.checkpoints} checkpoints; ` +
        `${result.unanchored} rows after the last checkpoint`,
    );
  } finally {
    await db.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
