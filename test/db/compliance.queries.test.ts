// The compliance figures computed in PostgreSQL (db/queries/compliance.queries.ts) against the same
// figures computed here, in the test, from the steps it projected: a month of steps decided on time
// and late, steps still open at the month's end, and steps outside the scope that must not count.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../db/migrate';
import {
  complianceFigures,
  complianceFiguresByCommune,
  dailyDecisions,
  type ComplianceFigures,
} from '../../db/queries/compliance.queries';
import { upsertCase } from '../../db/read-model.repository';
import type { StepView } from '../../domain/procedures/views';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { projectTask } from '../support/tasks';

const HOUR = 3_600_000;
/** November 2026 in Vietnam (UTC+7). */
const FROM = new Date('2026-10-31T17:00:00Z');
const TO = new Date('2026-11-30T17:00:00Z');

interface Made {
  jurisdiction: string;
  view: StepView;
}

/** A small deterministic generator: the same steps on every run. */
function* numbers(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    yield x / 2 ** 31;
  }
}

/** PostgreSQL's percentile_cont: linear interpolation between the closest ranks. */
function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const value =
    (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (rank - low);
  return Math.round(value * 10) / 10;
}

/** The figures, as the report defines them, from the steps the test made. */
function expected(made: readonly Made[], then: Date, communes?: string[]): ComplianceFigures[] {
  const inScope = made.filter((m) => !communes || communes.includes(m.jurisdiction));
  const keys = new Set<string>();
  const at = (iso?: string) => (iso ? Date.parse(iso) : undefined);
  const decidedIn = (v: StepView) => {
    const ended = at(v.endedAt);
    return (
      ended !== undefined &&
      ended >= FROM.getTime() &&
      ended < TO.getTime() &&
      ['completed', 'rejected', 'compensated'].includes(v.state)
    );
  };
  const openThen = (v: StepView) => {
    const started = at(v.startedAt);
    const ended = at(v.endedAt);
    return (
      started !== undefined &&
      started < then.getTime() &&
      (ended === undefined || ended >= then.getTime())
    );
  };
  for (const { view } of inScope)
    if (decidedIn(view) || openThen(view)) keys.add(`${view.agency}|${view.step}`);
  return [...keys].sort().map((key) => {
    const [agency, step] = key.split('|') as [string, string];
    const group = inScope.map((m) => m.view).filter((v) => v.agency === agency && v.step === step);
    const decided = group.filter(decidedIn);
    const hours = decided.map(
      (v) => ((at(v.endedAt) as number) - (at(v.startedAt) as number)) / HOUR,
    );
    const open = group.filter(openThen);
    return {
      agency,
      step,
      decided: decided.length,
      onTime: decided.filter((v) => !v.breached).length,
      medianHours: percentile(hours, 0.5),
      p90Hours: percentile(hours, 0.9),
      open: open.length,
      overdue: open.filter(
        (v) => v.deadline !== undefined && Date.parse(v.deadline) < then.getTime(),
      ).length,
    };
  });
}

describe('compliance figures in PostgreSQL', () => {
  let database: TestDatabase;
  const made: Made[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const random = numbers(22);
    const next = () => random.next().value as number;
    const kinds = [
      { step: 'birth', agency: 'civil-status' },
      { step: 'residence', agency: 'police' },
      { step: 'insurance', agency: 'social-insurance' },
    ] as const;
    for (let i = 0; i < 90; i += 1) {
      const kind = kinds[i % 3] as (typeof kinds)[number];
      const jurisdiction = i % 5 === 0 ? '00070' : '00004';
      // Started between mid-October and mid-December; ended 1–200 hours later, or not yet.
      const started = Date.parse('2026-10-15T00:00:00Z') + next() * 60 * 24 * HOUR;
      const ended = started + (1 + next() * 200) * HOUR;
      const outcome = next();
      const state: StepView['state'] =
        outcome < 0.2
          ? 'in_review'
          : outcome < 0.3
            ? 'awaiting_supplement'
            : outcome < 0.4
              ? 'cancelled'
              : outcome < 0.5
                ? 'rejected'
                : 'completed';
      const running = state === 'in_review' || state === 'awaiting_supplement';
      const view: Partial<StepView> = {
        ...kind,
        state,
        status: running ? 'in_review' : state === 'cancelled' ? 'cancelled' : state,
        breached: next() < 0.25,
        startedAt: new Date(started).toISOString(),
        ...(!running && { endedAt: new Date(ended).toISOString() }),
        // A paused clock (awaiting a supplement) has no deadline.
        ...(state !== 'awaiting_supplement' && {
          deadline: new Date(started + (24 + next() * 100) * HOUR).toISOString(),
        }),
      };
      const projected = await projectTask(database.appDb, {
        caseId: `birth-residence-insurance:REPORT-${i}`,
        jurisdiction,
        view,
      });
      made.push({ jurisdiction, view: projected });
    }
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('when a month is asked for one commune, then each agency’s and step’s figures equal those computed from its steps', async () => {
    const figures = await complianceFigures(database.db, {
      from: FROM,
      to: TO,
      communes: ['00004'],
    });
    expect(figures).toEqual(expected(made, TO, ['00004']));
    // Not a vacuous match: the month has decisions, late ones, and steps open at its end.
    expect(figures.reduce((n, f) => n + f.decided, 0)).toBeGreaterThan(10);
    expect(figures.some((f) => f.onTime < f.decided)).toBe(true);
    expect(figures.some((f) => f.overdue > 0)).toBe(true);
  });

  it('when no commune is named, then every commune counts; by commune, each commune’s share adds up to it', async () => {
    const all = await complianceFigures(database.db, { from: FROM, to: TO });
    expect(all).toEqual(expected(made, TO));
    const byCommune = await complianceFiguresByCommune(database.db, { from: FROM, to: TO });
    expect(new Set(byCommune.map((row) => row.commune))).toEqual(new Set(['00004', '00070']));
    for (const commune of ['00004', '00070'])
      expect(
        byCommune.filter((row) => row.commune === commune).map(({ commune: _, ...rest }) => rest),
      ).toEqual(expected(made, TO, [commune]));
  });

  it('when one agency is asked, then only its steps count', async () => {
    const police = await complianceFigures(database.db, {
      from: FROM,
      to: TO,
      agency: 'police',
    });
    expect(police).toEqual(expected(made, TO).filter((f) => f.agency === 'police'));
  });

  it('when the period has not ended, then open and overdue are counted as of now', async () => {
    const to = new Date(Date.now() + 30 * 24 * HOUR);
    const figures = await complianceFigures(database.db, { from: FROM, to });
    const now = Date.now();
    const open = made.filter(
      ({ view }) =>
        Date.parse(view.startedAt as string) < now &&
        (view.endedAt === undefined || Date.parse(view.endedAt) >= now),
    );
    expect(figures.reduce((n, f) => n + f.open, 0)).toBe(open.length);
    expect(figures.reduce((n, f) => n + f.overdue, 0)).toBe(
      open.filter(({ view }) => view.deadline && Date.parse(view.deadline) < now).length,
    );
  });

  it('when decisions are counted per day, then each is on its day in Vietnam and the days add up to the month', async () => {
    const days = await dailyDecisions(database.db, { from: FROM, to: TO, communes: ['00004'] });
    const month = expected(made, TO, ['00004']);
    for (const agency of ['civil-status', 'police', 'social-insurance']) {
      const ofAgency = days.filter((d) => d.agency === agency);
      const figures = month.filter((f) => f.agency === agency);
      expect(ofAgency.reduce((n, d) => n + d.decided, 0)).toBe(
        figures.reduce((n, f) => n + f.decided, 0),
      );
      expect(ofAgency.reduce((n, d) => n + d.onTime, 0)).toBe(
        figures.reduce((n, f) => n + f.onTime, 0),
      );
    }
    const first = made
      .filter(({ view, jurisdiction }) => jurisdiction === '00004' && view.endedAt)
      .map(({ view }) => Date.parse(view.endedAt as string))
      .filter((ended) => ended >= FROM.getTime() && ended < TO.getTime())
      .sort((a, b) => a - b)[0] as number;
    const vietnamDay = new Date(first + 7 * HOUR).toISOString().slice(0, 10);
    expect(days[0]?.day).toBe(vietnamDay);
  });
});

describe('migration 0028’s backfill of steps projected before their views carried times', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('when it runs, then each step’s times are taken from its case’s timeline', async () => {
    const caseId = 'birth-residence-insurance:BEFORE-0028';
    await upsertCase(database.db, {
      businessKey: 'CS-BEFORE',
      partyPins: [],
      view: {
        caseId,
        procedure: 'birth-residence-insurance',
        status: 'in_progress',
        receivedAt: '2026-11-02T01:00:00.000Z',
        commune: '00004',
        deadline: '2026-11-06T10:00:00.000Z',
        steps: [],
        timeline: [
          { at: '2026-11-02T01:00:00.000Z', event: 'received' },
          { at: '2026-11-02T01:00:01.000Z', event: 'waiting_agency', step: 'birth' },
          { at: '2026-11-02T01:00:02.000Z', event: 'in_review', step: 'birth' },
          { at: '2026-11-03T04:00:00.000Z', event: 'completed', step: 'birth' },
          { at: '2026-11-03T04:00:01.000Z', event: 'waiting_agency', step: 'residence' },
        ],
        version: 3,
      },
    });
    for (const step of ['birth', 'residence'])
      await projectTask(database.db, {
        caseId,
        view: { step, state: step === 'birth' ? 'completed' : 'waiting_agency' },
      });
    // As the rows stood before the migration; then its backfill, as the migration has it.
    await database.db.query('UPDATE tasks SET started_at = NULL, ended_at = NULL');
    const migration = readFileSync(join(MIGRATIONS_DIR, '0028_step-times-and-reports.sql'), 'utf8');
    const backfill = /^UPDATE tasks t[\s\S]*?;$/m.exec(migration)?.[0];
    expect(backfill).toBeDefined();
    await database.db.query(backfill as string);
    const { rows } = await database.db.query<{
      step: string;
      started_at: string;
      ended_at: string | null;
    }>('SELECT step, started_at, ended_at FROM tasks WHERE case_id = $1 ORDER BY step', [caseId]);
    expect(rows).toEqual([
      {
        step: 'birth',
        started_at: '2026-11-02T01:00:01.000Z',
        ended_at: '2026-11-03T04:00:00.000Z',
      },
      { step: 'residence', started_at: '2026-11-03T04:00:01.000Z', ended_at: null },
    ]);
  });
});
