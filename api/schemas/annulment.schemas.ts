// The annulment of a death case as the API takes and shows it (api/routes/annulment.routes.ts).
import { z } from 'zod';
import { vietnamDate } from '../../domain/calendar/vietnam';
import { safeText } from './text';
import { rule } from '../../domain/rule-texts';

export const Annulment = z
  .object({
    ruling: z.object({
      number: safeText(2, 60).describe('số bản án / quyết định'),
      court: safeText(2, 200),
      date: z.iso
        .date()
        .refine((date) => date <= vietnamDate(Date.now()), rule('afterToday'))
        .describe('the day the ruling was given'),
      document: safeText(1, 300).describe('reference of the uploaded ruling (bản án / quyết định)'),
    }),
    reason: safeText(3, 500, 'several lines'),
  })
  .meta({
    id: 'Annulment',
    examples: [
      {
        ruling: {
          number: '12/2026/QĐST-DS',
          court: 'TAND TP Hà Nội',
          date: '2026-12-01',
          document: 'qd-12-2026-QDST-DS.pdf',
        },
        reason: 'the person declared dead has returned',
      },
    ],
  });

export const AnnulmentRejection = z
  .object({ reason: safeText(3, 500, 'several lines').describe('why the request is refused') })
  .meta({
    id: 'AnnulmentRejection',
    examples: [{ reason: 'the ruling number is not the court’s' }],
  });

const EXAMPLE_REQUEST = {
  requestId: '0d6f4c1e-5b7a-4f3e-9c2d-8a1b2c3d4e5f',
  caseId: 'death-residence-funeral:9F2C1A7B3D4E5F6A7B8C9D0E',
  ruling: {
    number: '12/2026/QĐST-DS',
    court: 'TAND TP Hà Nội',
    date: '2026-12-01',
    document: 'qd-12-2026-QDST-DS.pdf',
  },
  reason: 'the person declared dead has returned',
  state: 'pending',
  recordedBy: 'officer-civil-status-00004',
  recordedAt: '2026-12-02T02:00:00.000Z',
  decidedBy: null,
  decidedAt: null,
  decisionNote: null,
} as const;

export const AnnulmentRequest = z
  .object({
    requestId: z.string(),
    caseId: z.string(),
    ruling: z.object({
      number: z.string(),
      court: z.string(),
      date: z.string(),
      document: z.string(),
    }),
    reason: z.string(),
    state: z
      .enum(['pending', 'approved', 'rejected'])
      .describe('pending: recorded, awaiting a second officer; approved: compensation started'),
    recordedBy: z.string(),
    recordedAt: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
  })
  .meta({ id: 'AnnulmentRequest', examples: [EXAMPLE_REQUEST] });

export const AnnulmentRequests = z
  .object({ items: z.array(AnnulmentRequest) })
  .meta({ id: 'AnnulmentRequests', examples: [{ items: [EXAMPLE_REQUEST] }] });
