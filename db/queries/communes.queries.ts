import { z } from 'zod';
import type { Db } from '../pool';

const CommuneRow = z.object({ code: z.string(), name: z.string(), province_code: z.string() });

/** Every commune in force, keyed by code. Small (≈3,300 rows nationally): loaded once per process. */
export async function loadCommunes(db: Db): Promise<Map<string, z.infer<typeof CommuneRow>>> {
  const { rows } = await db.query('SELECT code, name, province_code FROM communes');
  return new Map(rows.map((row) => CommuneRow.parse(row)).map((c) => [c.code, c]));
}
