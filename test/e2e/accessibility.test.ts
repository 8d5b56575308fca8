// Every page in Chromium with real data: axe-core finds no serious or critical violation, nothing
// overflows a 375 px wide phone screen, Vietnamese is the default and English a click away, and
// sign-in works with the keyboard alone. A screenshot of each page, wide and narrow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aBirthApplication } from '../fixtures/birth-application';
import { decide, file, stepOf, uniqueCertificate, waitForCase } from '../support/group-a';
import {
  axeViolations,
  CIVIL_STATUS,
  CLERK,
  MOTHER,
  ready,
  screenshot,
  signedIn,
  startBrowserStack,
  type BrowserStack,
  type Person,
} from './browser';

describe('web pages: accessibility, small screens, language and keyboard', () => {
  let env: BrowserStack;
  let openCase = '';
  let doneCase = '';

  beforeAll(async () => {
    env = await startBrowserStack();
    // One case decided and finished, one waiting for the civil-status officer.
    const done = await file(env.stack.app, {
      ...aBirthApplication(uniqueCertificate()),
      components: { residence: false, insurance: true },
    });
    doneCase = done.body.caseId as string;
    await decide(env.stack.app, doneCase, 'civil-status', { decision: 'approve' });
    openCase = (await file(env.stack.app, aBirthApplication(uniqueCertificate()))).body
      .caseId as string;
    await waitForCase(env.stack.app, openCase, MOTHER, (v) =>
      expect(stepOf(v, 'birth').state).toBe('in_review'),
    );
    await waitForCase(env.stack.app, doneCase, MOTHER, (v) => expect(v.status).toBe('completed'));
  });
  afterAll(async () => {
    await env?.stop();
  });

  const pages: [string, Person | undefined, () => string][] = [
    ['signin', undefined, () => '/'],
    ['clerk', CLERK, () => '/clerk'],
    ['search', CLERK, () => '/clerk/cases'],
    ['officer', CIVIL_STATUS, () => '/officer'],
    ['task', CIVIL_STATUS, () => `/officer/tasks/${encodeURIComponent(`${openCase}:birth`)}`],
    ['citizen', { role: 'citizen', pin: MOTHER }, () => '/citizen'],
    ['case', { role: 'citizen', pin: MOTHER }, () => `/cases/${encodeURIComponent(doneCase)}`],
    ['supervisor', { role: 'supervisor', jurisdiction: '00004' }, () => '/supervisor'],
    ['not-found', undefined, () => '/khong-co-trang-nay'],
  ];

  it.each(pages)(
    'when the %s page is checked with axe-core and at 375 px, then no serious or critical violation and nothing overflows',
    async (name, person, path) => {
      const { context, page } = person
        ? await signedIn(env.browser, env.base, person)
        : await env.browser.newContext({ baseURL: env.base, locale: 'vi-VN' }).then(async (c) => ({
            context: c,
            page: await c.newPage(),
          }));
      await page.goto(path());
      await ready(page);
      expect(await page.getAttribute('html', 'lang')).toBe('vi');
      expect(await page.locator('main .alert').count()).toBe(0);
      const serious = (await axeViolations(page)).filter(
        (v) => v.impact === 'serious' || v.impact === 'critical',
      );
      expect(
        serious.map((v) => `${v.id}: ${v.help} at ${JSON.stringify(v.nodes[0]?.target)}`),
      ).toEqual([]);
      await screenshot(page, `page-${name}`);

      await page.setViewportSize({ width: 375, height: 800 });
      await page.reload();
      await ready(page);
      const width = await page.evaluate<number>('document.documentElement.scrollWidth');
      expect(width).toBeLessThanOrEqual(375);
      await screenshot(page, `phone-${name}`);
      await context.close();
    },
  );

  it('when the language is switched, then the page is in English, and Vietnamese again after switching back', async () => {
    const context = await env.browser.newContext({ baseURL: env.base, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto('/');
    await ready(page);
    expect(await page.locator('h1').innerText()).toBe('Đăng nhập');
    await page.click('text=English');
    await ready(page);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').innerText()).toBe('Sign in');
    await page.click('text=Tiếng Việt');
    await ready(page);
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await context.close();
  });

  it('when a clerk signs in with the keyboard alone, then they reach the filing page', async () => {
    const context = await env.browser.newContext({ baseURL: env.base, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto('/');
    await ready(page);
    const focused = () => page.evaluate<string>('document.activeElement?.id ?? ""');
    for (let i = 0; i < 10 && (await focused()) !== 'role'; i += 1)
      await page.keyboard.press('Tab');
    expect(await focused()).toBe('role');
    await page.keyboard.press('ArrowDown'); // citizen → clerk
    expect(await page.inputValue('#role')).toBe('clerk');
    await page.keyboard.press('Tab'); // the commune (the PIN and agency are not asked of a clerk)
    expect(await focused()).toBe('jurisdiction');
    await page.keyboard.press('Tab');
    await page.keyboard.type('ban-phim-1');
    await Promise.all([page.waitForURL('**/clerk'), page.keyboard.press('Enter')]);
    await ready(page);
    expect(await page.locator('.who').innerText()).toContain('ban-phim-1');
    await context.close();
  });

  it('when a control loses its label, then the axe-core check reports it (the check is live)', async () => {
    const context = await env.browser.newContext({ baseURL: env.base, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto('/');
    await ready(page);
    await page.evaluate(`document.querySelector('label[for="role"]').remove()`);
    const ids = (await axeViolations(page)).map((v) => v.id);
    expect(ids).toContain('select-name');
    await context.close();
  });
});
