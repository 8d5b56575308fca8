// A citizen's particulars as a desk reads them from the population database to fill in a form
// (issue 22, item 4; api/routes/people.routes.ts).
import { z } from 'zod';
import { Address } from '../../domain/application-fields';
import { PersonalIdNumber } from '../../domain/principal';

export const PersonLookup = z.object({ pin: PersonalIdNumber }).meta({
  id: 'PersonLookup',
  description: 'in the body, so the PIN stays out of URLs and logs',
  examples: [{ pin: '001190012345' }],
});

export const Person = z
  .object({
    pin: PersonalIdNumber,
    fullName: z.string(),
    dateOfBirth: z.iso.date(),
    sex: z.enum(['male', 'female']),
    ethnicity: z
      .string()
      .optional()
      .describe('the name in the Danh mục các dân tộc Việt Nam; absent when the database has none'),
    nationality: z.string().optional().describe('ISO 3166-1 alpha-2'),
    residence: Address.optional().describe('permanent residence (nơi thường trú)'),
    deceased: z.boolean().describe('the database records the person as deceased'),
  })
  .meta({
    id: 'Person',
    examples: [
      {
        pin: '001190012345',
        fullName: 'Trần Thị Mai',
        dateOfBirth: '1990-04-12',
        sex: 'female',
        ethnicity: 'Kinh',
        nationality: 'VN',
        residence: { commune: '00004', line: '12 Phố Đội Cấn' },
        deceased: false,
      },
    ],
  });
