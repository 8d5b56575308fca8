// A birth registered after its 60 days (Luật Hộ tịch 2014 Art. 15; DOMAIN.md §2C [S28][S49] (C)) is
// still registered — common in practice, and the linked procedure has no reason to refuse it — but
// the civil-status officer must see that it is late, because the fee differs:
// - registration on time is fee-exempt for everyone (Luật Hộ tịch Art. 11; DOMAIN.md §4 [S54] (C));
// - so is any registration for a poor household (and for meritorious families and disabled people,
//   which the form does not capture: the officer checks those);
// - otherwise a late registration pays the civil-status fee (lệ phí hộ tịch), whose amount each
//   province's People's Council sets: DOMAIN.md gives no amount (U), so none is computed here.
// Not fined (DOMAIN.md §2C [S26] (S), a press report): nothing here imposes a penalty.
const DAY_MS = 86_400_000;

export interface RegistrationTiming {
  daysAfterBirth: number;
  late: boolean;
  /** exempt, or the provincial fee the officer collects (amount by provincial resolution). */
  fee: 'exempt' | 'provincial_fee';
  source: string;
}

/** How the birth's registration stands against its 60 days on the day the dossier was received. */
export function registrationTiming(
  dateOfBirth: string,
  receivedOn: string,
  onTimeDays: number,
  poorHousehold: boolean,
): RegistrationTiming {
  const daysAfterBirth = Math.round(
    (Date.parse(`${receivedOn}T00:00:00Z`) - Date.parse(`${dateOfBirth}T00:00:00Z`)) / DAY_MS,
  );
  const late = daysAfterBirth > onTimeDays;
  return {
    daysAfterBirth,
    late,
    fee: late && !poorHousehold ? 'provincial_fee' : 'exempt',
    source: 'Luật Hộ tịch 2014 Art. 15 (60 days), Art. 11 (fee exemptions)',
  };
}
