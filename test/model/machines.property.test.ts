// Model-based tests of the machines (issue 18): fast-check generates worlds — agencies that complete,
// ask for review, refuse with a code, return the file, or fail for good; officers who approve,
// reject, ask for a supplement or return; citizens who answer or let it lapse; corrections that
// succeed or fail; withdrawals at any point — and every case must end, or wait on a person who can
// act, with its outcomes agreeing with its steps. Seeded and bounded here; `make chaos` and
// MODEL_RUNS run more.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OfficerDecision } from '../../domain/procedures/agency-step.machine';
import {
  brokenInvariant,
  runCase,
  type AgencyReply,
  type PersonAct,
  type World,
} from './case-model';

const RUNS = Number(process.env.MODEL_RUNS ?? 500);
const SEED = Number(process.env.MODEL_SEED ?? 20261202);

const PROCEDURES = {
  'birth-residence-insurance': {
    first: 'birth',
    branches: ['residence', 'insurance'],
    maxCorrections: 2,
  },
  'death-residence-funeral': {
    first: 'death',
    branches: ['residence-removal', 'funeral', 'survivor', 'pension-stop'],
    maxCorrections: 0,
  },
} as const;

const code = fc.constantFrom(
  'RESIDENCE.ADDRESS_UNKNOWN',
  'PAYMENTS.REFUSED',
  'AGENCY.BAD_REQUEST',
  'BENEFITS.CLAIM_TOO_LATE',
);
const agencyReply: fc.Arbitrary<AgencyReply> = fc.oneof(
  fc.constant({ kind: 'completed' as const }),
  fc.constant({ kind: 'review' as const }),
  fc.constant({ kind: 'returned' as const }),
  code.map((c) => ({ kind: 'rejected' as const, code: c })),
  code.map((c) => ({ kind: 'failed' as const, code: c })),
);
const personAct: fc.Arbitrary<PersonAct> = fc.constantFrom(
  ...OfficerDecision,
  'answer_supplement',
  'let_supplement_lapse',
);

const world: fc.Arbitrary<World> = fc
  .constantFrom(...Object.values(PROCEDURES))
  .chain((procedure) => {
    const steps = [procedure.first, ...procedure.branches];
    const perStep = <T>(arb: fc.Arbitrary<T>) =>
      fc.record(
        Object.fromEntries(steps.map((s) => [s, fc.array(arb, { maxLength: 6 })])),
      ) as fc.Arbitrary<Record<string, T[]>>;
    return fc.record({
      procedure: fc.constant({ ...procedure, branches: [...procedure.branches] }),
      chosen: fc.record(Object.fromEntries(procedure.branches.map((b) => [b, fc.boolean()]))),
      agency: perStep(agencyReply),
      people: perStep(personAct),
      corrections: fc.array(fc.boolean(), { maxLength: 4 }),
      withdrawAfter: fc.option(fc.nat(40), { nil: undefined }),
    });
  });

describe('the machines, driven by generated worlds', () => {
  it('when agencies, people and time do anything the law allows, then every case ends or waits on someone who can act', () => {
    fc.assert(
      fc.property(world, (w) => {
        expect(brokenInvariant(runCase(w))).toBeUndefined();
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('when a handler is deliberately broken (a refused return that is never signalled), then the model finds a stranded case', () => {
    const result = fc.check(
      fc.property(
        world,
        (w) => brokenInvariant(runCase(w, { refuseReturnedSteps: () => undefined })) === undefined,
      ),
      { numRuns: RUNS, seed: SEED },
    );
    expect(result.failed).toBe(true);
    const counterexample = result.counterexample?.[0] as World;
    expect(
      brokenInvariant(runCase(counterexample, { refuseReturnedSteps: () => undefined })),
    ).toMatch(/returned step waits|nobody can act/);
  });

  it('when the first step fails for good, then the case is rejected with that step’s code', () => {
    const model = runCase({
      procedure: {
        ...PROCEDURES['birth-residence-insurance'],
        branches: ['residence', 'insurance'],
      },
      chosen: { residence: true, insurance: true },
      agency: { birth: [{ kind: 'failed', code: 'AGENCY.BAD_REQUEST' }] },
      people: {},
      corrections: [],
    });
    expect(model.case.value).toBe('rejected');
    expect(model.case.context.reason?.code).toBe('AGENCY.BAD_REQUEST');
  });
});
