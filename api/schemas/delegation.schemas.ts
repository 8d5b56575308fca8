// Delegations of an officer's inbox as the API shows them (migration 0030; api/routes/delegations).
import { z } from 'zod';
import { LocalDate } from '../../domain/application-fields';
import { safeWord } from './text';
import { rule } from '../../domain/rule-texts';

export const NewDelegation = z
  .object({
    delegator: safeWord(200).describe('the officer away: their tasks are delegated'),
    delegate: safeWord(200).describe('the officer who decides them meanwhile'),
    startsOn: LocalDate.describe('the first day (Vietnam), today or later'),
    endsOn: LocalDate.describe('the last day (Vietnam), at most a year after the first'),
  })
  .refine((d) => d.startsOn <= d.endsOn, {
    message: rule('delegationOrder'),
    path: ['endsOn'],
  })
  .refine((d) => d.delegator !== d.delegate, {
    message: rule('delegateSelf'),
    path: ['delegate'],
  })
  .meta({
    id: 'NewDelegation',
    examples: [
      {
        delegator: 'officer-civil-status-00004',
        delegate: 'can-bo-ho-tich-2',
        startsOn: '2026-12-07',
        endsOn: '2026-12-11',
      },
    ],
  });

const EXAMPLE = {
  delegationId: '0b7f4a52-4c1e-4d6f-9f0e-2a1b3c4d5e6f',
  commune: '00004',
  delegator: 'officer-civil-status-00004',
  delegate: 'can-bo-ho-tich-2',
  startsOn: '2026-12-07',
  endsOn: '2026-12-11',
  inForce: false,
  createdBy: 'supervisor-00004',
  createdAt: '2026-12-04T02:15:00.000Z',
  revokedBy: null,
  revokedAt: null,
};

export const Delegation = z
  .object({
    delegationId: z.string(),
    commune: z.string(),
    delegator: z.string(),
    delegate: z.string(),
    startsOn: LocalDate,
    endsOn: LocalDate,
    inForce: z.boolean().describe('today is within it and it was not revoked'),
    createdBy: z.string(),
    createdAt: z.string(),
    revokedBy: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'Delegation', examples: [EXAMPLE] });

export const DelegationList = z
  .object({ items: z.array(Delegation) })
  .meta({ id: 'DelegationList', examples: [{ items: [EXAMPLE] }] });

export const DelegationParams = z.object({
  delegationId: z.uuid().meta({ example: EXAMPLE.delegationId }),
});
