// The supervisor's compliance report for a period they choose (GET /v1/reports/compliance): figures
// PostgreSQL computes from every step, a chart of the on-time rate, a CSV to download, and the
// monthly reports the schedule kept. The period lives in the address, so a link keeps it.
import { api, apiDocument } from '../api';
import { columnChart, type Series } from '../charts';
import { h, saveFile, table } from '../dom';
import { formatDate, formatDateTime, todayInVietnam } from '../format';
import { t, tr, type Text } from '../i18n';
import { agencyName, stepName } from '../labels';
import { errorText, statusRegion } from '../layout';
import type { ComplianceReport, MonthlyReportList } from '../types';

const T = {
  period: { vi: 'Kỳ báo cáo', en: 'Reporting period' },
  from: { vi: 'Từ ngày', en: 'From' },
  to: { vi: 'Đến ngày', en: 'To' },
  allAgencies: { vi: 'Tất cả cơ quan', en: 'Every agency' },
  show: { vi: 'Xem báo cáo', en: 'Show the report' },
  csv: { vi: 'Tải báo cáo (CSV)', en: 'Download (CSV)' },
  figures: {
    vi: 'Kết quả giải quyết từ {from} đến {to}',
    en: 'Steps handled from {from} to {to}',
  },
  asOf: {
    vi: 'Số bước đang giải quyết và quá hạn tính đến {at}.',
    en: 'Steps under way and overdue as of {at}.',
  },
  none: {
    vi: 'Không có bước nào được giải quyết hoặc đang giải quyết trong kỳ này.',
    en: 'No step was decided or under way in this period.',
  },
  decided: { vi: 'Đã giải quyết', en: 'Decided' },
  onTime: { vi: 'Đúng hạn', en: 'On time' },
  rate: { vi: 'Tỷ lệ đúng hạn', en: 'On-time rate' },
  median: { vi: 'Thời gian trung vị (giờ)', en: 'Median time (hours)' },
  p90: { vi: 'Thời gian 90% bước (giờ)', en: '90th percentile (hours)' },
  open: { vi: 'Đang giải quyết', en: 'Under way' },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
  chart: { vi: 'Tỷ lệ giải quyết đúng hạn theo ngày', en: 'On-time rate per day' },
  chartMonths: { vi: 'Tỷ lệ giải quyết đúng hạn theo tháng', en: 'On-time rate per month' },
  monthly: { vi: 'Báo cáo hằng tháng', en: 'Monthly reports' },
  noMonthly: {
    vi: 'Chưa có báo cáo tháng nào (báo cáo được lập lúc 01:00 ngày 1 hằng tháng).',
    en: 'No monthly report yet (each is produced at 01:00 on the 1st).',
  },
  month: { vi: 'Tháng {month}', en: 'Month {month}' },
  produced: { vi: 'lập lúc {at}', en: 'produced {at}' },
  badPeriod: {
    vi: 'Ngày bắt đầu phải trước hoặc trùng ngày kết thúc.',
    en: 'The first day must not be after the last.',
  },
} satisfies Record<string, Text>;

const AGENCIES = [
  'civil-status',
  'police',
  'social-insurance',
  'social-protection',
  'merit-services',
];
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The period in the address, or this month so far (Vietnam). */
export function reportPeriod(search: URLSearchParams): {
  from: string;
  to: string;
  agency: string;
} {
  const today = todayInVietnam();
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  const agency = search.get('agency') ?? '';
  return {
    from: ISO_DAY.test(from) ? from : `${today.slice(0, 8)}01`,
    to: ISO_DAY.test(to) ? to : today,
    agency: AGENCIES.includes(agency) ? agency : '',
  };
}

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)} %`);
const hours = (value: number | null) =>
  value === null ? '—' : value.toLocaleString(tr({ vi: 'vi-VN', en: 'en-GB' }));

function periodForm(period: ReturnType<typeof reportPeriod>): HTMLElement {
  const date = (id: 'from' | 'to', value: string) =>
    h(
      'div',
      { class: 'field' },
      h('label', { for: `report-${id}` }, tr(T[id])),
      h('input', { type: 'date', id: `report-${id}`, name: id, value, required: true }),
    );
  return h(
    'form',
    {
      method: 'get',
      action: '/supervisor',
      class: 'card filters',
      'aria-label': tr(T.period),
    },
    date('from', period.from),
    date('to', period.to),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'report-agency' }, t('agency')),
      h(
        'select',
        { id: 'report-agency', name: 'agency' },
        h('option', { value: '' }, tr(T.allAgencies)),
        ...AGENCIES.map((code) =>
          h('option', { value: code, selected: code === period.agency }, agencyName(code)),
        ),
      ),
    ),
    h('button', { type: 'submit' }, tr(T.show)),
  );
}

/** On-time rate per day and agency (per month over a longer period), from the API's days. */
function rateChart(report: ComplianceReport): HTMLElement {
  const daily = report.days.length <= 31 && report.from.slice(0, 7) === report.to.slice(0, 7);
  const bucket = (day: string) => (daily ? formatDate(day).slice(0, 5) : day.slice(0, 7));
  const tally = new Map<string, Map<string, { onTime: number; decided: number }>>();
  for (const day of report.days) {
    const byBucket =
      tally.get(day.agency) ?? new Map<string, { onTime: number; decided: number }>();
    const counts = byBucket.get(bucket(day.day)) ?? { onTime: 0, decided: 0 };
    counts.onTime += day.onTime;
    counts.decided += day.decided;
    byBucket.set(bucket(day.day), counts);
    tally.set(day.agency, byBucket);
  }
  const xs = [...new Set(report.days.map((d) => bucket(d.day)))];
  const series: Series[] = [...tally.entries()].sort().map(([agency, byBucket]) => ({
    name: agencyName(agency),
    points: [...byBucket.entries()].map(([x, c]) => ({ x, y: (100 * c.onTime) / c.decided })),
  }));
  return columnChart(tr(daily ? T.chart : T.chartMonths), xs, series);
}

function figuresTable(report: ComplianceReport): HTMLElement {
  const caption = tr(T.figures)
    .replace('{from}', formatDate(report.from))
    .replace('{to}', formatDate(report.to));
  if (report.rows.length === 0) return h('p', {}, tr(T.none));
  return table(
    caption,
    [
      t('agency'),
      t('step'),
      tr(T.decided),
      tr(T.onTime),
      tr(T.rate),
      tr(T.median),
      tr(T.p90),
      tr(T.open),
      tr(T.overdue),
    ],
    report.rows.map((row) => [
      agencyName(row.agency),
      stepName(row.step),
      row.decided,
      row.onTime,
      percent(row.onTimeRate),
      hours(row.medianHours),
      hours(row.p90Hours),
      row.open,
      row.overdue,
    ]),
  );
}

function csvButton(path: string, file: string, label: string, status: HTMLElement): HTMLElement {
  const button = h('button', { type: 'button', class: 'secondary', 'data-csv': file }, label);
  button.addEventListener('click', () => {
    status.replaceChildren();
    void apiDocument(path, 'text/csv').then(
      (csv) => saveFile(csv, file),
      (error: unknown) => (status.textContent = errorText(error)),
    );
  });
  return button;
}

function monthlyReports(list: MonthlyReportList, status: HTMLElement): HTMLElement {
  if (list.items.length === 0) return h('p', {}, tr(T.noMonthly));
  return h(
    'ul',
    { class: 'documents', id: 'monthly-reports' },
    ...list.items.map((item) =>
      h(
        'li',
        {},
        h('span', {}, tr(T.month).replace('{month}', item.month)),
        ' ',
        h(
          'span',
          { class: 'hint' },
          tr(T.produced).replace('{at}', formatDateTime(item.producedAt)),
        ),
        ' ',
        csvButton(
          `/v1/reports/compliance/monthly/${item.month}`,
          `compliance-${item.month}.csv`,
          tr(T.csv),
          status,
        ),
      ),
    ),
  );
}

/** The report section's content for the period in the address. */
export async function complianceReport(search: URLSearchParams): Promise<Element[]> {
  const period = reportPeriod(search);
  const status = statusRegion();
  const form = periodForm(period);
  if (period.from > period.to) return [form, h('p', { class: 'error' }, tr(T.badPeriod))];
  const query = new URLSearchParams({ from: period.from, to: period.to });
  if (period.agency) query.set('agency', period.agency);
  const path = `/v1/reports/compliance?${query.toString()}`;
  const [figures, monthly] = await Promise.all([
    api<ComplianceReport>('GET', path).then(
      (report): Element[] => [
        ...(report.days.length ? [rateChart(report)] : []),
        figuresTable(report),
        h('p', { class: 'hint' }, tr(T.asOf).replace('{at}', formatDateTime(report.asOf))),
        csvButton(path, `compliance-${period.from}-${period.to}.csv`, tr(T.csv), status),
      ],
      (error: unknown) => [h('p', { class: 'error' }, errorText(error))],
    ),
    api<MonthlyReportList>('GET', '/v1/reports/compliance/monthly').catch(
      (): MonthlyReportList => ({ items: [] }),
    ),
  ]);
  return [form, ...figures, h('h3', {}, tr(T.monthly)), monthlyReports(monthly, status), status];
}
