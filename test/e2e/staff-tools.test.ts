// The officer's inbox and the supervisor's tools in Chromium through the real stack (issue 22, items
// 2, 7 and 8): the inbox paged 50 at a time with its count and filters on a desk's screen, and on a
// phone each task a card with its case's code on one line, fewer a page, a few screens long; a
// delegation of an absent officer's tasks; the compliance report of a chosen month as CSV.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { produceMonthlyReport } from '../../db/compliance-reports.repository';
import { assignTask } from '../../db/queries/cases.queries';
import { periodOfMonth } from '../../domain/reporting-period';
import { aBirthApplication } from '../fixtures/birth-application';
import { file, stepOf, uniqueCertificate, waitForCase } from '../support/group-a';
import { projectTask } from '../support/tasks';
import {
  CIVIL_STATUS,
  MOTHER,
  ready,
  screenshot,
  signedIn,
  startBrowserStack,
  untilShown,
  type BrowserStack,
} from './browser';

describe('the officer’s inbox and the supervisor’s tools in Chromium', () => {
  let env: BrowserStack;
  beforeAll(async () => {
    env = await startBrowserStack();
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('when the officer’s inbox holds more than 50 tasks, then it pages through them 50 at a time, says how many there are, and filters', async () => {
    // 55 tasks more for the commune's civil-status officers, due in a month (after every other).
    const due = (i: number) => new Date(Date.now() + (30 + i) * 86_400_000).toISOString();
    for (let i = 0; i < 55; i += 1) {
      const caseId = `death-residence-funeral:PAGING-${String(i).padStart(2, '0')}`;
      await projectTask(env.stack.database.appDb, {
        caseId,
        view: { step: 'death', deadline: due(i) },
      });
    }
    const { page, context } = await signedIn(env.browser, env.base, CIVIL_STATUS);
    const count = async () =>
      Number(/\d+/.exec(await page.locator('#inbox-count').innerText())?.[0]);
    const caseIds = () =>
      page.evaluate<string[]>(
        `[...document.querySelectorAll('tbody a.tracking')].map((a) => a.dataset.caseId)`,
      );

    await page.goto('/officer');
    await ready(page);
    const total = await count();
    const first = await caseIds();
    await page.click('nav.pager a[rel=next]');
    await ready(page);
    const second = await caseIds();

    expect(total).toBeGreaterThanOrEqual(55);
    expect(first).toHaveLength(50);
    expect(second.length).toBe(Math.min(50, total - 50));
    expect(second.filter((id) => first.includes(id))).toEqual([]);
    expect(await page.locator('nav.pager [aria-current=page]').innerText()).toMatch(/^Trang 2\//);
    // A filter keeps to what it names, and says how many.
    await page.selectOption('#procedure', 'death-residence-funeral');
    await page.click('form.filters button[type=submit]');
    await ready(page);
    expect(new URL(page.url()).searchParams.get('procedure')).toBe('death-residence-funeral');
    expect(await count()).toBeGreaterThanOrEqual(55);
    expect((await caseIds()).every((id) => id.startsWith('death-residence-funeral:'))).toBe(true);
    await context.close();
  });
  it('when an officer opens the inbox on a phone (375 px), then each task is a card with its case’s code on one line, 15 a page, and the page is a few screens long', async () => {
    for (let i = 0; i < 25; i += 1)
      await projectTask(env.stack.database.appDb, {
        caseId: `death-residence-funeral:PHONE-${String(i).padStart(2, '0')}`,
        view: {
          step: 'death',
          deadline: new Date(Date.now() + (60 + i) * 86_400_000).toISOString(),
        },
      });
    const { page, context } = await signedIn(env.browser, env.base, CIVIL_STATUS);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/officer');
    await ready(page);
    await screenshot(page, 'phone-inbox');
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(15);
    const style = (selector: string, pseudo = '') =>
      page.evaluate<string>(
        `getComputedStyle(document.querySelector('${selector}'), '${pseudo}').${pseudo ? 'content' : 'display'}`,
      );
    expect(await style('tbody tr')).toBe('block');
    // Each cell says what it is: its column's name before it.
    expect(await style('tbody td', '::before')).toBe('"Hạn giải quyết: "');
    const lines = await page.evaluate<number[]>(
      `[...document.querySelectorAll('tbody a.tracking')].map((a) => a.getClientRects().length)`,
    );
    expect(lines.filter((n) => n !== 1)).toEqual([]);
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    const height = await page.evaluate<number>('document.documentElement.scrollHeight');
    expect(width).toBeLessThanOrEqual(375);
    expect(height).toBeLessThanOrEqual(5 * 800);
    await context.close();
  });

  it('when a supervisor delegates an absent officer’s tasks, then the officer standing in decides them, until the delegation is revoked', async () => {
    const filed = await file(env.stack.app, aBirthApplication(uniqueCertificate()));
    const caseId = filed.body.caseId as string;
    await waitForCase(env.stack.app, caseId, MOTHER, (v) =>
      expect(stepOf(v, 'birth').state).toBe('in_review'),
    );
    await assignTask(env.stack.database.appDb, {
      taskId: `${caseId}:birth`,
      jurisdiction: '00004',
      officer: 'officer-civil-status-2',
      by: 'lanh-dao-00004',
    });
    const supervisor = await signedIn(env.browser, env.base, {
      role: 'supervisor',
      jurisdiction: '00004',
      sub: 'lanh-dao-00004',
    });
    const page = supervisor.page;
    await untilShown(page, '#delegation-delegator option[value="can-bo-ho-tich-2"]');
    await page.selectOption('#delegation-delegator', 'officer-civil-status-2');
    await page.selectOption('#delegation-delegate', 'can-bo-ho-tich-2');
    await page.click('form[aria-labelledby="delegation-form"] button[type=submit]');
    await expect
      .poll(() => page.locator('form[aria-labelledby="delegation-form"] [role=status]').innerText())
      .toMatch(/^Đã ủy quyền cho Đỗ Văn Nam xử lý thay Phạm Thị Hoa từ /);
    await expect
      .poll(() => page.locator('[data-delegation-state]').first().innerText())
      .toBe('Đang hiệu lực');

    const officer = await signedIn(env.browser, env.base, {
      ...CIVIL_STATUS,
      sub: 'can-bo-ho-tich-2',
    });
    await officer.page.goto(`/officer/tasks/${encodeURIComponent(`${caseId}:birth`)}`);
    await ready(officer.page);
    await untilShown(officer.page, '#decision-approve');
    expect(await officer.page.locator('.notice').count()).toBe(0);

    await page.click('[data-revoke]');
    await page.click('dialog.confirm button.primary');
    await expect
      .poll(() => page.locator('[data-delegation-state]').first().innerText())
      .toBe('Đã thu hồi');
    await officer.page.reload();
    await ready(officer.page);
    await expect
      .poll(() => officer.page.locator('main').innerText())
      .toContain('Việc này đã được giao cho cán bộ officer-civil-status-2');
    expect(await officer.page.locator('#decision-approve').count()).toBe(0);
    await officer.context.close();
    await supervisor.context.close();
  });

  it('when a supervisor chooses a month, then its figures show from PostgreSQL and download as CSV, as does the monthly report', async () => {
    // October 2026 in commune 00004: three births decided (one late), 10, 20 and 30 hours each.
    for (const n of [1, 2, 3])
      await projectTask(env.stack.database.appDb, {
        caseId: `birth-residence-insurance:OCTOBER-${n}`,
        view: {
          state: 'completed',
          status: 'completed',
          breached: n === 3,
          startedAt: `2026-10-0${n}T02:00:00.000Z`,
          endedAt: new Date(
            Date.parse(`2026-10-0${n}T02:00:00.000Z`) + n * 36_000_000,
          ).toISOString(),
        },
      });
    const { context, page } = await signedIn(env.browser, env.base, {
      role: 'supervisor',
      jurisdiction: '00004',
      sub: 'lanh-dao-00004',
    });
    await untilShown(page, '#report-from');
    await page.fill('#report-from', '2026-10-01');
    await page.fill('#report-to', '2026-10-31');
    await page.click('form[aria-label="Kỳ báo cáo"] button[type=submit]');
    await page.waitForURL(/from=2026-10-01&to=2026-10-31/);
    await ready(page);
    const report = page.locator('section[aria-labelledby="compliance"]');
    await expect
      .poll(() => report.locator('table').innerText())
      .toMatch(/Đăng ký khai sinh, cấp số định danh\s+3\s+2\s+67 %\s+20\s+28\s+0\s+0/);
    expect(await report.locator('table caption').innerText()).toBe(
      'Kết quả giải quyết từ 01/10/2026 đến 31/10/2026',
    );

    const saved = async (file: string) => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        report.locator(`[data-csv="${file}"]`).click(),
      ]);
      expect(download.suggestedFilename()).toBe(file);
      return readFileSync(await download.path(), 'utf8');
    };
    expect(await saved('compliance-2026-10-01-2026-10-31.csv')).toBe(
      'agency,step,decided,on_time,on_time_rate,median_hours,p90_hours,open,overdue\n' +
        'civil-status,birth,3,2,0.667,20,28,0,0\n',
    );

    await produceMonthlyReport(env.stack.database.appDb, '2026-10', periodOfMonth('2026-10'));
    await page.reload();
    await untilShown(page, '#monthly-reports');
    expect(await saved('compliance-2026-10.csv')).toContain(
      '00004,civil-status,birth,3,2,0.667,20,28,0,0',
    );
    await context.close();
  });
});
