// Reference data the engine needs before the first case: the communes (demo set, see domain/communes).
import { DEMO_COMMUNES, type Commune } from '../domain/communes';
import type { Db } from './pool';

export async function seedReferenceData(
  db: Db,
  communes: readonly Commune[] = DEMO_COMMUNES,
): Promise<void> {
  for (const c of communes) {
    await db.query(
      `INSERT INTO communes (code, name, province, province_code) VALUES ($1, $2, $3, $4)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, province = EXCLUDED.province,
         province_code = EXCLUDED.province_code`,
      [c.code, c.name, c.province, c.provinceCode],
    );
  }
}
