// A death filing checked against the population database at the door, before any workflow starts
// (issue 19): who the filer is to the deceased, who the named relatives are, and which of them are
// adults — from the database's family records and birth dates, never from what the applicant typed.
import type { RegisteredCitizen, RegisteredRelative } from '../agencies/population.client';
import type { DeathApplication } from '../domain/DeathApplication';
import { ApiError } from '../domain/errors';
import type { Principal } from '../domain/principal';
import { ADULT_AGE, ageOn, type FilerVerification } from '../domain/relatives';
import { rule, type Words } from '../domain/rule-texts';
import { HttpProblem, populationUnavailable, type ProblemIssue } from './problem';

/**
 * The population database as the API asks it: a person's relatives in the family records, and a
 * citizen's particulars (api/routes/people.routes.ts).
 */
export interface PopulationRegistry {
  relativesOf(pin: string): Promise<RegisteredRelative[]>;
  citizen(pin: string): Promise<RegisteredCitizen | undefined>;
}

/** The law the refusal of a stranger's filing rests on, named in the problem (DOMAIN.md §2C). */
const NOT_A_DECLARANT: Words = {
  vi:
    'Luật Hộ tịch 2014 Điều 33: người đi khai tử là vợ, chồng, con, cha, mẹ hoặc người thân thích ' +
    'khác của người chết; cơ sở dữ liệu quốc gia về dân cư không ghi nhận người nộp là thân nhân',
  en:
    'Luật Hộ tịch 2014 Art. 33: a death is declared by the spouse, a child, a parent or another ' +
    'relative of the deceased (DOMAIN.md §2C); the population database does not know the ' +
    'applicant as the deceased’s relative',
};

/** What the filing becomes once checked: the application as registered, and who filed it. */
export interface VerifiedDeathFiling {
  application: DeathApplication;
  filer: FilerVerification;
}

export async function verifyDeathFiling(
  app: DeathApplication,
  principal: Principal,
  registry: PopulationRegistry | undefined,
  today: string,
): Promise<VerifiedDeathFiling> {
  // Fail closed: without the population database nobody can be verified, so nothing is filed.
  if (!registry) throw populationUnavailable(false);
  let registered: RegisteredRelative[];
  try {
    registered = await registry.relativesOf(app.deceased.pin);
  } catch {
    throw populationUnavailable(true);
  }
  const byPin = new Map(registered.map((r) => [r.pin, r]));
  const filerRecord = byPin.get(app.applicant.pin);
  if (principal.role === 'citizen' && !filerRecord)
    throw new HttpProblem(ApiError.FILER_NOT_RELATIVE, NOT_A_DECLARANT, {
      reason: {
        vi: 'Theo Cơ sở dữ liệu quốc gia về dân cư, người nộp không phải thân nhân của người mất; chỉ thân nhân (vợ, chồng, con, cha, mẹ hoặc người thân thích khác) được khai tử (Luật Hộ tịch 2014, Điều 33). Công chức một cửa có thể tiếp nhận hồ sơ cho người khác.',
        en: 'The population database does not know the filer as a relative of the deceased; only a relative (spouse, child, parent or other relative) declares a death (Civil Status Law 2014, Art. 33). A one-stop clerk may receive the filing for someone else.',
      },
    });
  // Every named relative must be one: a PIN named here may follow the case and confirm its payee.
  const unknown: ProblemIssue[] = app.relatives.flatMap((r, i) =>
    byPin.has(r.pin)
      ? []
      : [
          {
            in: 'body' as const,
            pointer: `/relatives/${i}/pin`,
            detail: rule('relativeUnknown'),
          },
        ],
  );
  if (unknown.length > 0)
    throw new HttpProblem(
      ApiError.RELATIVE_NOT_REGISTERED,
      {
        vi: `${unknown.length} người được khai là thân nhân không có trong cơ sở dữ liệu dân cư`,
        en: `${unknown.length} named relative(s) unknown to the population database`,
      },
      { errors: unknown },
    );
  // The relation and the date of birth are the database's (the e-form is prefilled from it, DOMAIN.md
  // §3B [S42]): which relatives are adults — and so must confirm a lump sum's payee — is not typed.
  const relatives = app.relatives.map((r) => {
    const record = byPin.get(r.pin) as RegisteredRelative;
    return { ...r, relationship: record.relationship, dateOfBirth: record.dateOfBirth };
  });
  // A lump sum needs every adult relative's agreement (QĐ 1449/QĐ-BHXH; DOMAIN.md §3B): the adults
  // the applicant left out are added, so they are asked too (and may follow the case).
  if (app.components.survivor && app.survivor?.kind === 'lump_sum') {
    for (const record of registered) {
      if (relatives.some((r) => r.pin === record.pin)) continue;
      if (record.pin === app.deceased.pin || ageOn(record.dateOfBirth, today) < ADULT_AGE) continue;
      relatives.push({
        fullName: record.fullName,
        pin: record.pin,
        relationship: record.relationship,
        dateOfBirth: record.dateOfBirth,
        survivorEligible: false,
        hasDirectCarer: true,
      });
    }
  }
  return {
    application: { ...app, relatives },
    filer: {
      pin: app.applicant.pin,
      declared: app.applicant.relationship,
      registered: filerRecord?.relationship ?? null,
      verified: filerRecord !== undefined,
      filedBy: principal.role === 'citizen' ? 'citizen' : 'clerk',
    },
  };
}
