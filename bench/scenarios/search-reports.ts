// Scenario 7: the desk's search and the supervisors' compliance report at 100,000 cases (issue 22).
// The read model is filled in SQL with cases as the API and the workflows write them — a year of
// births over a hundred communes, a tenth of them in the clerk's ward, three named people and three
// steps each, with their times — and then read through the API over HTTP: search by PIN, by a name
// typed without accents and by case code (the clerk's), the month's report (a supervisor's commune,
// and the whole country's for an admin), and the monthly report's production for every commune.
import { produceMonthlyReport } from '../../db/compliance-reports.repository';
import { monthBefore, periodOfMonth } from '../../domain/reporting-period';
import { CLERK, token } from '../lib/engine';
import { percentile, round, type Figure, type ScenarioResult } from '../lib/report';
import type { PoolClient } from 'pg';
import type { BenchStack } from '../lib/stack';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Ngọc', 'Thanh', 'Quốc', 'Gia', 'Bảo'];
const GIVEN = [
  'An', 'Bình', 'Châu', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hiếu', 'Hoa', 'Hùng', 'Khánh',
  'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang',
  'Tuấn', 'Vy', 'Yến', 'Đạt', 'Ánh', 'Ngân',
]; // prettier-ignore

/** Accents and letter case dropped, as a clerk types a name in a hurry. */
const unaccented = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

/**
 * `cases` cases received over the last year, in SQL. Case i: commune 00004 when i % 10 = 0, else one
 * of 100 others; a child, a mother and a father with names from the lists and PINs from i; a case
 * code; the birth, residence and insurance steps started and (mostly) ended within days.
 */
async function seed(stack: BenchStack, cases: number): Promise<void> {
  // One connection: the seed table is temporary, its own.
  const db = await stack.db.connect();
  try {
    await fill(db, cases);
  } finally {
    db.release();
  }
}

async function fill(db: PoolClient, cases: number): Promise<void> {
  const names = (column: string, list: readonly string[]) =>
    `(ARRAY[${list.map((n) => `'${n}'`).join(',')}])[1 + (${column} % ${list.length})]`;
  const person = (seedColumn: string) =>
    `${names(`(${seedColumn}) / 7`, FAMILY)} || ' ' || ${names(`(${seedColumn}) / 3`, MIDDLE)} || ' ' || ${names(`(${seedColumn})`, GIVEN)}`;
  await db.query(`
    CREATE TEMP TABLE seed AS
    SELECT i,
           'birth-residence-insurance:SEARCH-' || i AS case_id,
           CASE WHEN i % 10 = 0 THEN '00004' ELSE lpad((10000 + i % 100)::text, 5, '0') END AS commune,
           now() - (i % 365) * interval '1 day' - (i % 24) * interval '1 hour' AS received_at,
           lpad((100000000000 + i * 3)::text, 12, '0') AS child_pin,
           lpad((200000000000 + i * 3 + 1)::text, 12, '0') AS mother_pin,
           lpad((300000000000 + i * 3 + 2)::text, 12, '0') AS father_pin
      FROM generate_series(1, ${cases}) i`);
  await db.query(`
    INSERT INTO cases (case_id, procedure, business_key, status, commune, party_pins, received_at,
                       deadline, view, version, breached)
    SELECT case_id, 'birth-residence-insurance', 'SEARCH-' || i,
           CASE WHEN i % 20 = 0 THEN 'in_progress' ELSE 'completed' END, commune,
           ARRAY[mother_pin, father_pin], received_at, received_at + interval '5 days',
           jsonb_build_object(
             'caseId', case_id, 'procedure', 'birth-residence-insurance', 'status', 'completed',
             'receivedAt', received_at, 'commune', commune, 'deadline', received_at + interval '5 days',
             'steps', jsonb_build_array(
               jsonb_build_object('step', 'birth', 'agency', 'civil-status', 'state', 'completed',
                                  'result', jsonb_build_object('pin', child_pin)),
               jsonb_build_object('step', 'residence', 'agency', 'police', 'state', 'completed'),
               jsonb_build_object('step', 'insurance', 'agency', 'social-insurance',
                                  'state', 'completed')),
             'timeline', jsonb_build_array(
               jsonb_build_object('at', received_at, 'event', 'received'),
               jsonb_build_object('at', received_at + interval '1 minute', 'event', 'in_review',
                                  'step', 'birth'),
               jsonb_build_object('at', received_at + interval '1 day', 'event', 'completed',
                                  'step', 'birth')),
             'version', 9),
           9, i % 13 = 0
      FROM seed`);
  await db.query(`
    INSERT INTO case_people (case_id, position, role, full_name, pin)
    SELECT case_id, 0, 'child', ${person('i')}, child_pin FROM seed
    UNION ALL SELECT case_id, 1, 'mother', ${person('i + 11')}, mother_pin FROM seed
    UNION ALL SELECT case_id, 2, 'father', ${person('i + 29')}, father_pin FROM seed`);
  await db.query(`
    INSERT INTO case_codes (case_id, code)
    SELECT case_id, 'KS-' || commune || '-' || to_char(received_at, 'YYMM') || '-' || lpad(i::text, 6, '0')
      FROM seed`);
  // Three steps a case; one in twenty still under way, one in thirteen decided late.
  await db.query(`
    INSERT INTO tasks (task_id, case_id, step, agency, jurisdiction, state, open, deadline, breached,
                       view, summary, version, started_at, ended_at)
    SELECT case_id || ':' || s.step, case_id, s.step, s.agency, commune,
           CASE WHEN i % 20 = 0 AND s.n = 3 THEN 'in_review' ELSE 'completed' END,
           i % 20 = 0 AND s.n = 3,
           received_at + s.n * interval '2 days', i % 13 = 0,
           jsonb_build_object('step', s.step, 'agency', s.agency), '{}'::jsonb, 5,
           received_at + (s.n - 1) * interval '1 day',
           CASE WHEN i % 20 = 0 AND s.n = 3 THEN NULL
                ELSE received_at + (s.n - 1) * interval '1 day' + (1 + i % 47) * interval '1 hour' END
      FROM seed, (VALUES (1, 'birth', 'civil-status'), (2, 'residence', 'police'),
                         (3, 'insurance', 'social-insurance')) s(n, step, agency)`);
  await db.query('ANALYZE cases; ANALYZE case_people; ANALYZE case_codes; ANALYZE tasks');
}

interface Timed {
  count: number;
  p50: number;
  p99: number;
  /** Items the calls found, summed: not zero, or the figures measure nothing. */
  found: number;
}

/** Calls `path(i)` `count` times one after another, with the bearer token; latency per call. */
async function timed(
  stack: BenchStack,
  bearer: string,
  count: number,
  path: (i: number) => string,
  found: (body: unknown) => number,
): Promise<Timed> {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    const response = await fetch(`${stack.api}${path(i)}`, {
      headers: { Authorization: `Bearer ${bearer}` },
    });
    const body: unknown = await response.json();
    times.push(performance.now() - started);
    if (!response.ok) throw new Error(`${path(i)} answered ${response.status}`);
    total += found(body);
  }
  return { count, p50: percentile(times, 50), p99: percentile(times, 99), found: total };
}

export async function searchReports(
  stack: BenchStack,
  { cases = 100_000, queries = 300 } = {},
): Promise<ScenarioResult> {
  const seedStarted = performance.now();
  await seed(stack, cases);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const clerk = await token(CLERK);
  const supervisor = await token({
    sub: 'bench-supervisor',
    role: 'supervisor',
    jurisdiction: '00004',
  });
  const admin = await token({ sub: 'bench-admin', role: 'admin' });
  const items = (body: unknown) => (body as { items: unknown[] }).items.length;
  const rows = (body: unknown) => (body as { rows: unknown[] }).rows.length;
  // The ward's cases are those with i % 10 = 0: a mother's PIN, a child's name, a case code of them.
  const ward = (n: number) => 10 * (1 + ((n * 7919) % (cases / 10 - 1)));
  const pin = (i: number) => String(200_000_000_000 + i * 3 + 1).padStart(12, '0');
  const name = (i: number) =>
    unaccented(
      `${FAMILY[Math.floor(i / 7) % FAMILY.length]} ${MIDDLE[Math.floor(i / 3) % MIDDLE.length]} ${GIVEN[i % GIVEN.length]}`,
    );
  const { rows: codes } = await stack.db.query<{ code: string }>(
    `SELECT code FROM case_codes WHERE code LIKE 'KS-00004-%' ORDER BY md5(code) LIMIT ${queries}`,
  );

  const byPin = await timed(stack, clerk, queries, (n) => `/v1/cases?q=${pin(ward(n))}`, items);
  const byName = await timed(
    stack,
    clerk,
    queries,
    (n) => `/v1/cases?q=${encodeURIComponent(name(ward(n)))}`,
    items,
  );
  const byCode = await timed(
    stack,
    clerk,
    queries,
    (n) => `/v1/cases?q=${codes[n % codes.length]?.code ?? ''}`,
    items,
  );
  const month = monthBefore(Date.now());
  const { from, to } = periodOfMonth(month);
  const day = (d: Date, back = 0) =>
    new Date(d.getTime() + 7 * 3_600_000 - back).toISOString().slice(0, 10);
  const reportPath = `/v1/reports/compliance?from=${day(from)}&to=${day(to, 86_400_000)}`;
  const commune = await timed(stack, supervisor, 50, () => reportPath, rows);
  const country = await timed(stack, admin, 20, () => reportPath, rows);
  const producing: number[] = [];
  let monthlyRows = 0;
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    monthlyRows = await produceMonthlyReport(stack.db, month, { from, to });
    producing.push(performance.now() - started);
  }
  for (const [what, t] of Object.entries({ byPin, byName, byCode, commune, country }))
    if (t.found === 0) throw new Error(`${what}: nothing found, nothing measured`);
  const { rows: size } = await stack.db.query<{ tasks: number; cases: number }>(
    `SELECT count(*)::int AS tasks, (SELECT count(*)::int FROM cases) AS cases FROM tasks`,
  );

  const latency = (what: string, t: Timed, target: number): Figure[] => [
    { name: `${what}: p50`, value: round(t.p50, 1), unit: 'ms' },
    {
      name: `${what}: p99`,
      value: round(t.p99, 1),
      unit: 'ms',
      target: `< ${target} ms`,
      met: t.p99 < target,
    },
  ];
  return {
    scenario: '7-search-reports',
    title: `7. Search and compliance reports at ${cases.toLocaleString('en-US')} cases`,
    figures: [
      { name: 'cases / tasks in the read model', value: `${size[0]?.cases} / ${size[0]?.tasks}` },
      { name: 'seeding them in SQL', value: round(seedSeconds, 1), unit: 's' },
      ...latency(
        `search by PIN (clerk, their ward: ${(cases / 10).toLocaleString('en-US')} cases)`,
        byPin,
        100,
      ),
      ...latency('search by a name without accents', byName, 300),
      ...latency('search by case code', byCode, 100),
      ...latency(`compliance report for ${month}, one commune (supervisor)`, commune, 500),
      ...latency(`compliance report for ${month}, every commune (admin)`, country, 2000),
      {
        name: `monthly report for ${month}: produced for every commune (${monthlyRows} rows)`,
        value: round(percentile(producing, 50), 0),
        unit: 'ms',
      },
    ],
    details: {
      cases,
      queries,
      found: { byPin: byPin.found, byName: byName.found, byCode: byCode.found },
      producingMs: producing.map((ms) => round(ms, 0)),
      notes: [
        'one call after another through the API over HTTP (closed loop): latency of the query, not throughput',
        'the name searched is a case’s child’s full name without accents: ~1 in 3,000 names in the lists, several cases each',
      ],
    },
  };
}
