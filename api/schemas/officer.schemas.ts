// The officer directory as the API shows it (migration 0012, api/routes/officers.routes.ts).
import { z } from 'zod';
import { Agency, CommuneCode } from '../../domain/principal';
import { safeText, safeWord } from './text';

const agencies = Object.values(Agency) as [Agency, ...Agency[]];

export const NewOfficer = z
  .object({
    sub: safeWord(200).describe('the officer’s `sub`, as in their token'),
    name: safeText(2, 200).describe('full name, as the supervisor picks it'),
    agency: z.enum(agencies),
    jurisdiction: CommuneCode,
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
    ],
  });

const EXAMPLE_OFFICER = {
  sub: 'officer-civil-status-2',
  name: 'Phạm Thị Hoa',
  agency: 'civil-status',
  jurisdiction: '00004',
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
    agency: z.string(),
    jurisdiction: z.string(),
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
  agency: z.enum(agencies).optional(),
  jurisdiction: CommuneCode.optional(),
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
