import { describe, expect, it } from 'vitest';
import { DEMO_COMMUNES } from '../../domain/communes';
import { deathApplicationSchema, EXAMPLE_DEATH_APPLICATION } from '../../domain/DeathApplication';
import { adultRelatives, ageOn } from '../../domain/relatives';

const schema = deathApplicationSchema({
  today: () => '2026-11-22',
  isKnownCommune: (code) => DEMO_COMMUNES.some((c) => c.code === code),
});
const anApplication = () => structuredClone(EXAMPLE_DEATH_APPLICATION);
const issuesOf = (input: unknown) =>
  (schema.safeParse(input).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('deathApplicationSchema', () => {
  it('when the application is complete, then it parses unchanged', () => {
    expect(schema.parse(anApplication())).toEqual(anApplication());
  });

  it('when the death is in the future, before the birth, the notice kind unknown and a relative has no PIN, then every issue is listed', () => {
    const app = anApplication();
    const input = {
      ...app,
      deceased: { ...app.deceased, dateOfBirth: '2026-12-01' },
      death: { ...app.death, date: '2026-11-30' },
      deathNotice: { ...app.deathNotice, kind: 'rumour' },
      relatives: [{ ...app.relatives[0], pin: undefined }, app.relatives[1]],
    };
    expect(issuesOf(input)).toEqual([
      'deathNotice.kind: Invalid option: expected one of "death_notice"|"execution_record"|"court_ruling"|"police_confirmation"',
      'relatives.0.pin: Invalid input: expected string, received undefined',
      'death.date: is in the future',
      'death.date: is before the date of birth',
      'deathNotice.issuedOn: is before the death',
      'deceased.dateOfBirth: is in the future',
      expect.stringMatching(/^deceased\.pin: the PIN says born in 1960 .* year of birth is 2026/),
      'survivor.payeePin: must be one of the named relatives',
    ]);
  });

  it('when the death is before the birth, then that is named', () => {
    const app = anApplication();
    app.death.date = '1959-01-01';
    app.deathNotice.issuedOn = '1959-01-02';
    expect(issuesOf(app)).toEqual(['death.date: is before the date of birth']);
  });

  it('when only death and residence removal are chosen, then no benefit details are needed', () => {
    const { funeral: _f, survivor: _s, ...app } = anApplication();
    expect(issuesOf({ ...app, components: { funeral: false, survivor: false } })).toEqual([]);
  });

  it('when the survivor allowance is chosen without the funeral allowance or its details, then both are named', () => {
    const { survivor: _s, ...app } = anApplication();
    expect(issuesOf({ ...app, components: { funeral: false, survivor: true } })).toEqual([
      'components.funeral: the survivor allowance is claimed with the funeral allowance',
      'survivor: required when it is claimed',
    ]);
  });

  it('when a lump-sum payee is not a named relative, then it is refused', () => {
    const app = anApplication();
    if (app.survivor) app.survivor.payeePin = '001099999999';
    expect(issuesOf(app)).toEqual(['survivor.payeePin: must be one of the named relatives']);
  });

  it('when a monthly allowance is claimed and nobody is ticked as qualifying, then it is filed: the population database decides, not the tick (issue 20)', () => {
    const app = anApplication();
    app.survivor = { kind: 'monthly' };
    expect(app.relatives.some((r) => r.survivorEligible)).toBe(false);
    expect(issuesOf(app)).toEqual([]);
  });

  it('when a relative is named twice or is the deceased, then each is named', () => {
    const app = anApplication();
    const [first, second] = app.relatives;
    if (!first || !second) throw new Error('fixture');
    app.relatives = [
      first,
      { ...second, pin: first.pin, dateOfBirth: first.dateOfBirth },
      { ...second, pin: app.deceased.pin, dateOfBirth: app.deceased.dateOfBirth },
    ];
    expect(issuesOf(app)).toEqual([
      'relatives.1.pin: names the same relative twice',
      'relatives.2.pin: is the deceased’s own PIN',
    ]);
  });

  it('when the payment address is in an unknown commune or the account is malformed, then both are named', () => {
    const app = anApplication();
    app.funeral = {
      payment: {
        bankAccount: { bank: 'VCB', number: '12-34' },
        postAddress: { commune: '99999', line: '1 Phố Huế' },
      },
    };
    expect(issuesOf(app)).toEqual([
      'funeral.payment.bankAccount.number: 6–19 digits',
      'funeral.payment.postAddress.commune: unknown commune code',
    ]);
  });
});

describe('adultRelatives', () => {
  it('when a relative turns 18 tomorrow, then they are not yet asked to confirm', () => {
    const app = anApplication();
    const [first] = app.relatives;
    if (!first) throw new Error('fixture');
    app.relatives = [first, { ...first, pin: '001208000333', dateOfBirth: '2008-11-23' }];
    expect(ageOn('2008-11-23', '2026-11-22')).toBe(17);
    expect(adultRelatives(app, '2026-11-22').map((r) => r.pin)).toEqual([first.pin]);
    expect(adultRelatives(app, '2026-11-23')).toHaveLength(2);
  });
});

describe('free text', () => {
  it('when a free-text field holds a control character, then it is refused (it would reach agencies and JSON columns)', () => {
    const app = anApplication();
    app.death.place = 'Bệnh viện\u0000Bạch Mai';
    app.deceased.lastResidence.line = '12 Phố\u0007Đội Cấn';
    expect(issuesOf(app)).toEqual([
      'deceased.lastResidence.line: one line only, without control characters',
      'death.place: one line only, without control characters',
    ]);
  });
});

// Issue 20: PIN coherence for every person whose sex or year of birth the application gives
// (NĐ 137/2015/NĐ-CP Art. 13, TT 59/2021/TT-BCA Art. 7; DOMAIN.md §3A [S50], domain/personal-id.ts).
describe('deathApplicationSchema — PIN coherence (TT 59/2021/TT-BCA Art. 7)', () => {
  it("when the deceased man's PIN is a woman's, then deceased.pin is named", () => {
    const app = anApplication();
    app.deceased.pin = '001160000101';
    expect(issuesOf(app)).toEqual([
      expect.stringMatching(
        /^deceased\.pin: the PIN's 4th digit \(1\) is for a woman, but this person is a man/,
      ),
    ]);
  });

  it('when the deceased’s PIN says 1960 and the date of birth is 1959, then deceased.pin is named', () => {
    const app = anApplication();
    app.deceased.dateOfBirth = '1959-12-31';
    expect(issuesOf(app)).toEqual([
      expect.stringMatching(/^deceased\.pin: the PIN says born in 1960 .* year of birth is 1959/),
    ]);
  });

  it('when a relative’s PIN says 1990 and their date of birth is 2090, then that relative’s PIN is named; their sex is not asked, so either sex digit agrees', () => {
    const app = anApplication();
    const [spouse, child] = app.relatives;
    if (!spouse || !child) throw new Error('fixture');
    app.relatives = [
      { ...spouse, pin: '001062000111' }, // a man's digit for the same year: agrees
      { ...child, pin: '001290000222' }, // the 21st century's digit: born 2090
    ];
    if (app.survivor?.kind === 'lump_sum') app.survivor.payeePin = '001062000111';
    expect(issuesOf(app)).toEqual([
      expect.stringMatching(
        /^relatives\.1\.pin: the PIN says born in 2090 .* year of birth is 1990/,
      ),
    ]);
  });
});
