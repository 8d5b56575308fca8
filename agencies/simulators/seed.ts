// Reference data every simulator starts with (idempotent): households at the demo addresses, a
// collective household and an address that needs police verification, and health facilities.
// Tests add their own through the admin endpoints.
import type { Db } from '../../db/pool';
import { DEMO_COMMUNES } from '../../domain/communes';
import { addHousehold, type Household } from './police.routes';
import { addFacility } from './social-insurance.routes';

export const SEED_HOUSEHOLDS: readonly Household[] = [
  {
    commune: '00004',
    line: '12 Phố Đội Cấn',
    headPin: '001088054321',
    kind: 'family',
    needsVerification: false,
  },
  {
    commune: '00070',
    line: '5 Phố Hàng Bạc',
    headPin: '001075001122',
    kind: 'family',
    needsVerification: false,
  },
  {
    commune: '00256',
    line: 'Ký túc xá Mễ Trì',
    headPin: '001070009988',
    kind: 'collective',
    needsVerification: false,
  },
  {
    commune: '09877',
    line: 'Thôn Đông Xuân',
    headPin: '001082003344',
    kind: 'family',
    needsVerification: true,
  },
  {
    commune: '26734',
    line: '45 Đường Lê Lợi',
    headPin: '079085006677',
    kind: 'family',
    needsVerification: false,
  },
];

export async function seedSimulators(db: Db): Promise<void> {
  for (const household of SEED_HOUSEHOLDS) await addHousehold(db, household);
  for (const [i, commune] of DEMO_COMMUNES.entries()) {
    await addFacility(db, {
      code: `${commune.provinceCode.slice(1)}-${String(i + 1).padStart(3, '0')}`,
      name: `Trạm Y tế ${commune.name}`,
      commune: commune.code,
    });
  }
}
