// `npm run -s audit:verify`: recomputes the audit log's hash chain and names the first broken row.
// Exit 0 when intact, 1 when broken (or unreadable).
import { DatabaseEnv, loadEnv } from '../config/env';
import { verifyAuditChain } from '../db/audit.repository';
import { createPool } from '../db/pool';

async function main(): Promise<void> {
  const { DATABASE_URL } = loadEnv(DatabaseEnv);
  const db = createPool(DATABASE_URL, { max: 1 });
  try {
    const { rows, firstBroken } = await verifyAuditChain(db);
    if (firstBroken === undefined) {
      console.log(`audit log intact: ${rows} rows`);
      return;
    }
    console.error(
      `audit log BROKEN at row seq=${firstBroken} (of ${rows}): edited, deleted or reordered`,
    );
    process.exitCode = 1;
  } finally {
    await db.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
