// Who is calling: the claims of a bearer token (DESIGN.md §3), validated the same way for tokens from
// the development secret and from a production identity provider.
import { z } from 'zod';
import { refuseUnsafeCharacters } from './safe-text';
import { rule } from './rule-texts';

export const Role = {
  citizen: 'citizen',
  clerk: 'clerk',
  officer: 'officer',
  supervisor: 'supervisor',
  admin: 'admin',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES = Object.values(Role);
/** The roles the staff directory lists (db/migrations/0027): who signs in as staff, and where. */
export const STAFF_ROLES = [Role.officer, Role.clerk, Role.supervisor] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Agencies that have officers (their own inboxes). */
export const Agency = {
  civilStatus: 'civil-status',
  police: 'police',
  socialInsurance: 'social-insurance',
  socialProtection: 'social-protection',
  meritServices: 'merit-services',
} as const;
export type Agency = (typeof Agency)[keyof typeof Agency];

export const CommuneCode = z
  .string()
  .regex(/^\d{5}$/, rule('communeCode'))
  .describe('Administrative code of a commune or ward');

export const PersonalIdNumber = z
  .string()
  .regex(/^\d{12}$/, rule('pinDigits'))
  .describe('12-digit personal identification number (số định danh cá nhân)');

const base = {
  // Who acted is written into histories and the read model: refused here, the sign-in form and a
  // token alike, if it is text those would refuse or show misleadingly.
  sub: refuseUnsafeCharacters(z.string())
    .min(1)
    .max(200)
    .describe('stable subject id from the identity provider'),
  name: refuseUnsafeCharacters(z.string())
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('display name (OpenID Connect `name`): printed as who received a filing at the desk'),
};

export const Principal = z.discriminatedUnion('role', [
  z.object({ ...base, role: z.literal(Role.citizen), pin: PersonalIdNumber }),
  z.object({ ...base, role: z.literal(Role.clerk), jurisdiction: CommuneCode }),
  z.object({
    ...base,
    role: z.literal(Role.officer),
    agency: z.enum(Object.values(Agency) as [Agency, ...Agency[]]),
    jurisdiction: CommuneCode,
  }),
  z.object({ ...base, role: z.literal(Role.supervisor), jurisdiction: CommuneCode }),
  z.object({ ...base, role: z.literal(Role.admin) }),
]);
export type Principal = z.infer<typeof Principal>;
