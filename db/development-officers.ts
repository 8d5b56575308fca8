// The officers development runs sign in as (make start and its pages, make demo, make chaos, the
// tests), seeded into the directory (db/officers.repository.ts) where those run — never in production.
import { DEMO_COMMUNES } from '../domain/communes';
import { Agency } from '../domain/principal';
import { seedDevelopmentOfficers, type OfficerPost } from './officers.repository';
import type { Db } from './pool';

const CIVIL_STATUS = Agency.civilStatus;
const HOME = '00004'; // Phường Ba Đình: the demo's, chaos's and most tests' commune

/**
 * - `clerk-<commune>` and `supervisor-<commune>`: a one-stop desk's clerk and a supervisor of each
 *   demo commune, as the development identity provider signs them in.
 * - `officer-<agency>-<commune>`: the sign-in page's subject when none is typed (api/web.ts), for
 *   every agency in every demo commune; civil status has a second one there (`…-2`), the checker
 *   of an annulment its colleague recorded.
 * - the named officers of the tests (test/support, test/api, test/e2e), `make demo` and `make chaos`.
 * - above the commune (issue 20): a BHXH officer of the demo region covering Hà Nội
 *   (`officer-social-insurance-region`) and a merit-services officer of the province of Hà Nội
 *   (`officer-merit-services-province`).
 */
export const DEVELOPMENT_OFFICERS: readonly OfficerPost[] = [
  ...DEMO_COMMUNES.flatMap(({ code }) => [
    ...Object.values(Agency).map((agency) => ({
      sub: `officer-${agency}-${code}`,
      name: `Cán bộ ${agency} ${code}`,
      agency,
      jurisdictions: [code],
    })),
    {
      sub: `officer-${CIVIL_STATUS}-${code}-2`,
      name: `Cán bộ hộ tịch thứ hai ${code}`,
      agency: CIVIL_STATUS,
      jurisdictions: [code],
    },
  ]),
  ...Object.values(Agency).map((agency) => ({
    sub: `officer-${agency}`,
    name: `Cán bộ ${agency}`,
    agency,
    jurisdictions: [HOME],
  })),
  {
    sub: 'officer-social-insurance-region',
    name: 'Cán bộ BHXH khu vực (thử nghiệm)',
    agency: Agency.socialInsurance,
    jurisdictions: ['region:north-demo'],
  },
  {
    sub: 'officer-merit-services-province',
    name: 'Cán bộ người có công tỉnh Hà Nội',
    agency: Agency.meritServices,
    jurisdictions: ['province:001'],
  },
  {
    sub: 'officer-civil-status-2',
    name: 'Phạm Thị Hoa',
    agency: CIVIL_STATUS,
    jurisdictions: [HOME],
  },
  { sub: 'can-bo-ho-tich-2', name: 'Đỗ Văn Nam', agency: CIVIL_STATUS, jurisdictions: [HOME] },
  { sub: 'demo-officer', name: 'Nguyễn Văn An', agency: CIVIL_STATUS, jurisdictions: [HOME] },
  { sub: 'chaos-civil-status', name: 'Chaos hộ tịch', agency: CIVIL_STATUS, jurisdictions: [HOME] },
  {
    sub: 'chaos-social-protection',
    name: 'Chaos bảo trợ xã hội',
    agency: Agency.socialProtection,
    jurisdictions: [HOME],
  },
  // The one-stop desks' clerks and the communes' supervisors (migration 0027): who the development
  // identity provider signs in as them (idp/development-accounts.ts).
  ...DEMO_COMMUNES.flatMap(({ code }) => [
    {
      sub: `clerk-${code}`,
      name: `Cán bộ một cửa ${code}`,
      role: 'clerk' as const,
      jurisdictions: [code],
    },
    {
      sub: `supervisor-${code}`,
      name: `Lãnh đạo ${code}`,
      role: 'supervisor' as const,
      jurisdictions: [code],
    },
  ]),
];

/** Seeds DEVELOPMENT_OFFICERS; an officer already in the directory is left as the admin left them. */
export const seedDevelopmentDirectory = (db: Db) =>
  seedDevelopmentOfficers(db, DEVELOPMENT_OFFICERS);
