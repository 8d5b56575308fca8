// Captures a finished workflow's history as a replay fixture (STYLE rule 46):
//   npx tsx scripts/capture-history.ts --workflow-id self-check:… --out test/replay/histories/self-check.json
// TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE pick the server (defaults: the dev server of `make start`);
// TEMPORAL_TLS_* and TEMPORAL_API_KEY_FILE connect to the production profile's cluster.
// TEMPORAL_PAYLOAD_KEYS_FILE its payload keys (`make start`'s: data/payload-keys.json). The fixture is
// written decrypted, so it replays on any machine: the keys stay with the server's data.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { decodePayloadsIn, temporalPayloadsFromEnv } from '../config/data-converter';
import { loadEnv, TemporalClientEnv } from '../config/env';
import { temporalConnectionOptions } from '../config/temporal-connection';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'workflow-id': { type: 'string' }, out: { type: 'string' } },
  });
  const workflowId = values['workflow-id'];
  if (!workflowId || !values.out)
    throw new Error('usage: capture-history.ts --workflow-id ID --out FILE');
  const env = loadEnv(TemporalClientEnv);
  const { codec, dataConverter } = await temporalPayloadsFromEnv(env, console);
  const connection = await Connection.connect(await temporalConnectionOptions(env));
  try {
    const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, dataConverter });
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    if (codec) await decodePayloadsIn(history, codec);
    const fixture = { workflowId, history: JSON.parse(historyToJSON(history)) as unknown };
    writeFileSync(values.out, `${JSON.stringify(fixture, null, 2)}\n`);
    console.log(`${history.events?.length ?? 0} events of ${workflowId} written to ${values.out}`);
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
