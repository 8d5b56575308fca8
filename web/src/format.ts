// Dates and money as people in Vietnam write them: dd/mm/yyyy in Vietnam's time zone, and đồng with
// dots between thousands (23.400.000 ₫). Pure functions: the tests run them outside the browser.
const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const parts = (instant: number, withTime: boolean) => {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    ...(withTime && { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  });
  const found: Record<string, string> = {};
  for (const part of format.formatToParts(instant)) found[part.type] = part.value;
  return found;
};

/** `2026-11-18` (a calendar date) or an instant → `18/11/2026`, the instant's day in Vietnam. */
export function formatDate(value: string): string {
  const local = LOCAL_DATE.exec(value);
  if (local) return `${local[3]}/${local[2]}/${local[1]}`;
  const instant = Date.parse(value);
  if (Number.isNaN(instant)) return value;
  const p = parts(instant, false);
  return `${p.day}/${p.month}/${p.year}`;
}

/** An instant → `18/11/2026 14:05`, in Vietnam's time. */
export function formatDateTime(value: string): string {
  const instant = Date.parse(value);
  if (Number.isNaN(instant)) return value;
  const p = parts(instant, true);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** Today's date in Vietnam, `YYYY-MM-DD`, as the API's checks see it. */
export function todayInVietnam(now: number = Date.now()): string {
  const p = parts(now, false);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Đồng: whole numbers, dots between thousands, the sign after a non-breaking space. */
export function formatMoney(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.round(Math.abs(amount)));
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}\u00a0₫`;
}

/** `18/11/2026` (or `18/11/2026`'s single-digit forms) → `2026-11-18`; undefined if not a real date. */
export function parseDate(text: string): string | undefined {
  const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!match) return undefined;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  )
    return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A deadline as the API reads it (GET /v1/cases/{id} `clocks`, a task's `clock`). */
export type DeadlineClock =
  | { state: 'open'; workingDays: number }
  | { state: 'overdue'; workingDays: number }
  | { state: 'paused' };

/** "còn 2 ngày làm việc", "quá hạn 1 ngày làm việc", "tạm dừng — chờ bổ sung hồ sơ"… */
export function deadlineWords(clock: DeadlineClock, language: 'vi' | 'en'): string {
  const vi = language === 'vi';
  const days = (n: number) => (vi ? `${n} ngày làm việc` : `${n} working day${n === 1 ? '' : 's'}`);
  switch (clock.state) {
    case 'paused':
      return vi ? 'tạm dừng — chờ bổ sung hồ sơ' : 'paused — waiting for the supplement';
    case 'open':
      if (clock.workingDays === 0) return vi ? 'hạn cuối hôm nay' : 'due today';
      return vi ? `còn ${days(clock.workingDays)}` : `${days(clock.workingDays)} left`;
    case 'overdue':
      if (clock.workingDays === 0) return vi ? 'đã quá hạn' : 'overdue';
      return vi ? `quá hạn ${days(clock.workingDays)}` : `${days(clock.workingDays)} overdue`;
  }
}
