// Reference data the engine needs before the first case: the communes and the regions above the
// provinces (demo sets, see domain/communes).
import { DEMO_COMMUNES, DEMO_REGIONS, type Commune, type Region } from '../domain/communes';
import type { Db } from './pool';

export async function seedReferenceData(
  db: Db,
  communes: readonly Commune[] = DEMO_COMMUNES,
  regions: readonly Region[] = DEMO_REGIONS,
): Promise<void> {
  for (const c of communes) {
    await db.query(
      `INSERT INTO communes (code, name, province, province_code) VALUES ($1, $2, $3, $4)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, province = EXCLUDED.province,
         province_code = EXCLUDED.province_code`,
      [c.code, c.name, c.province, c.provinceCode],
    );
  }
  for (const r of regions) {
    await db.query(
      'INSERT INTO regions (code, name) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name',
      [r.code, r.name],
    );
    await db.query(
      `INSERT INTO region_provinces (region, province_code) SELECT $1, unnest($2::text[])
       ON CONFLICT DO NOTHING`,
      [r.code, r.provinceCodes],
    );
  }
}
