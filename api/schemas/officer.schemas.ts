// The officer directory as the API shows it (migrations 0012, 0018; api/routes/officers.routes.ts).
import { z } from 'zod';
import { Agency, CommuneCode, STAFF_ROLES } from '../../domain/principal';
import { safeText, safeWord } from './text';
import { rule } from '../../domain/rule-texts';

const agencies = Object.values(Agency) as [Agency, ...Agency[]];

/** One entry of an officer's jurisdiction (migration 0018). */
export const JurisdictionEntry = z
  .string()
  .regex(/^(\d{5}|province:\d{3}|region:[a-z0-9-]{1,50})$/, rule('jurisdictionEntry'))
  .describe(
    'a commune (`00004`), a whole province (`province:001`) or a region (`region:north-demo`)',
  );

export const NewOfficer = z
  .object({
    sub: safeWord(200).describe('the officer’s `sub`, as in their token'),
    name: safeText(2, 200).describe('full name, as the supervisor picks it'),
    role: z
      .enum(STAFF_ROLES)
      .default('officer')
      .describe('an agency’s officer (the default), a one-stop desk’s clerk, or a supervisor'),
    agency: z
      .enum(agencies)
      .optional()
      .describe('an officer’s agency; none for a clerk or supervisor'),
    jurisdiction: CommuneCode.optional().describe('one commune: the same as `jurisdictions: [it]`'),
    jurisdictions: z
      .array(JurisdictionEntry)
      .min(1)
      .max(500)
      .optional()
      .describe(
        'the communes, province or region the officer serves (issue 20: above the commune)',
      ),
  })
  .refine((o) => (o.jurisdiction === undefined) !== (o.jurisdictions === undefined), {
    message: rule('jurisdictionOrJurisdictions'),
    path: ['jurisdictions'],
  })
  .refine((o) => (o.role === 'officer') === (o.agency !== undefined), {
    message: rule('officerAgency'),
    path: ['agency'],
  })
  .meta({
    id: 'NewOfficer',
    examples: [
      {
        sub: 'officer-civil-status-2',
        name: 'Phạm Thị Hoa',
        agency: 'civil-status',
        jurisdiction: '00004',
      },
      {
        sub: 'officer-social-insurance-region',
        name: 'Trần Văn Bình',
        agency: 'social-insurance',
        jurisdictions: ['region:north-demo'],
      },
    ],
  });

const EXAMPLE_OFFICER = {
  sub: 'officer-civil-status-2',
  name: 'Phạm Thị Hoa',
  role: 'officer',
  agency: 'civil-status',
  jurisdiction: '00004',
  jurisdictions: ['00004'],
  active: true,
  addedBy: 'admin-1',
  addedAt: '2026-12-01T02:00:00.000Z',
  deactivatedBy: null,
  deactivatedAt: null,
};

export const Officer = z
  .object({
    sub: z.string(),
    name: z.string(),
    role: z.enum(STAFF_ROLES),
    agency: z.string().nullable().describe('an officer’s agency; null for a clerk or supervisor'),
    jurisdiction: z.string().describe('the first entry of `jurisdictions` (kept for v1 clients)'),
    jurisdictions: z.array(z.string()).describe('communes, `province:<code>`, `region:<code>`'),
    active: z.boolean().describe('false: deactivated, kept for the record'),
    addedBy: z.string(),
    addedAt: z.string(),
    deactivatedBy: z.string().nullable(),
    deactivatedAt: z.string().nullable(),
  })
  .meta({ id: 'Officer', examples: [EXAMPLE_OFFICER] });

export const OfficerList = z
  .object({ items: z.array(Officer) })
  .meta({ id: 'OfficerList', examples: [{ items: [EXAMPLE_OFFICER] }] });

export const OfficerSearch = z.object({
  role: z.enum(STAFF_ROLES).optional().describe('whose entries: the officers’ unless asked'),
  agency: z.enum(agencies).optional(),
  jurisdiction: CommuneCode.optional().describe(
    'only officers whose jurisdiction covers this commune',
  ),
  active: z.enum(['true', 'false']).optional().describe('only active, or only deactivated'),
});

export const OfficerParams = z.object({
  sub: safeWord(200).describe('the officer’s `sub`').meta({ example: 'officer-civil-status-2' }),
});

export const AssignableOfficers = z
  .object({
    items: z.array(z.object({ sub: z.string(), name: z.string() })),
  })
  .meta({
    id: 'AssignableOfficers',
    description: 'active officers of the task’s agency and jurisdiction, from the directory',
    examples: [{ items: [{ sub: 'officer-civil-status-2', name: 'Phạm Thị Hoa' }] }],
  });
