import { loadEnv, SimulatorsEnv } from '../../config/env';
import { createLogger } from '../../config/logger';
import { createPool } from '../../db/pool';
import { createSimulatorsApp, prepareSimulators } from './app';

async function main(): Promise<void> {
  const env = loadEnv(SimulatorsEnv);
  const logger = createLogger({ level: env.LOG_LEVEL, name: 'simulators' });
  const db = createPool(env.DATABASE_URL, {
    max: 5,
    onError: (err) => logger.warn({ err }, 'idle database connection lost'),
  });
  await prepareSimulators(env.DATABASE_URL, db);
  const adminToken = env.SIMULATORS_ADMIN_TOKEN;
  if (adminToken === undefined) logger.info('admin endpoints off (SIMULATORS_ADMIN_TOKEN unset)');
  const server = createSimulatorsApp({ db, logger, adminToken }).listen(
    env.SIMULATORS_PORT,
    env.SIMULATORS_HOST,
    () =>
      logger.info(
        { url: `http://${env.SIMULATORS_HOST}:${env.SIMULATORS_PORT}` },
        'agency simulators listening',
      ),
  );
  const stop = () => server.close(() => void db.end());
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
