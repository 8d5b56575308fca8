// The web pages in a real browser against the real stack (PostgreSQL, Temporal, workers, agency
// simulators, the API): a clerk files, officers decide, the citizen follows and answers, the
// supervisor watches and reassigns, each signed in through the pages. Screenshots of the pages go to
// test-output/screenshots/.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CaseView } from '../../domain/procedures/views';
import { formatDate } from '../../web/src/format';
import { aBirthApplication } from '../fixtures/birth-application';
import { aPdf, aPng } from '../fixtures/files';
import { decide, file, readCase, stepOf, uniqueCertificate, waitForCase } from '../support/group-a';
import { uniquePin } from '../support/group-b';
import { aRefusedProjection } from '../support/stuck-cases';
import { projectTask } from '../support/tasks';
import {
  CITIZEN,
  CIVIL_STATUS,
  CLERK,
  MOTHER,
  openTask,
  sendDecision,
  ready,
  screenshot,
  signedIn,
  startBrowserStack,
  untilShown,
  type BrowserStack,
} from './browser';
import { fieldsOf, fillForm } from './forms';

/** A Group A application whose residence needs the police officer's verification (commune 09877). */
const verifiedAddressApplication = () => ({
  ...aBirthApplication(uniqueCertificate()),
  residence: {
    address: { commune: '09877', line: 'Thôn Đông Xuân' },
    householdHeadPin: '001082003344',
    relationshipToHead: 'con',
  },
});

describe('web pages in Chromium, through the real stack', () => {
  let env: BrowserStack;
  beforeAll(async () => {
    env = await startBrowserStack();
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('when a clerk files a Group A case in the browser, then each officer decides it there — no decision preselected, each said back and confirmed — and the citizen sees every result', async () => {
    const application = verifiedAddressApplication();
    const clerk = await signedIn(env.browser, env.base, CLERK);
    expect(new URL(clerk.page.url()).pathname).toBe('/clerk');
    await fillForm(
      clerk.page,
      fieldsOf(application).filter(([path]) => !path.startsWith('father')),
    );
    await clerk.page.check('#t-f-father');
    await fillForm(
      clerk.page,
      fieldsOf(application).filter(([path]) => path.startsWith('father')),
    );
    // The desk scans the paper birth certificate and hands it in with the form.
    await clerk.page.setInputFiles('#filing-files', {
      name: 'giay-chung-sinh.png',
      mimeType: 'image/png',
      buffer: aPng(),
    });
    await clerk.page.fill('#filing-item', 'Giấy chứng sinh (bản giấy, đã scan)');
    await screenshot(clerk.page, 'clerk-form');
    await Promise.all([
      clerk.page.waitForURL(/\/cases\//),
      clerk.page.click('button[type=submit].primary'),
    ]);
    await ready(clerk.page);
    const caseId = await clerk.page.locator('#case-id').innerText();
    expect(caseId).toBe(`birth-residence-insurance:${application.medicalBirthCertificate.number}`);
    await expect.poll(() => clerk.page.locator('.notice').innerText()).toContain(caseId);
    await screenshot(clerk.page, 'case-filed');
    await clerk.context.close();

    const civil = await signedIn(env.browser, env.base, CIVIL_STATUS);
    await untilShown(civil.page, `a[href*="${encodeURIComponent(caseId)}"]`);
    await screenshot(civil.page, 'officer-inbox');
    await openTask(civil.page, caseId);
    const dossier = await civil.page.locator('main').innerText();
    expect(dossier).toContain(application.child.fullName);
    expect(dossier).toContain(`Giấy chứng sinh số ${application.medicalBirthCertificate.number}`);
    // The scan is listed beside the dossier's documents, with a button that opens it.
    expect(dossier).toContain('Giấy chứng sinh (bản giấy, đã scan) — PNG');
    expect(await civil.page.locator('ul.attachments button[data-attachment]').count()).toBe(1);
    // The whole application, grouped as the form groups it, codes as words (issue 22, item 2).
    const whole = civil.page.locator('section[aria-labelledby="dossier"]');
    const father = await whole.locator('[data-group="father"]').innerText();
    expect(father).toContain(application.father?.fullName);
    expect(father).toMatch(/Quốc tịch\s+Việt Nam/);
    const child = await whole.locator('[data-group="child"]').innerText();
    expect(child).toContain(application.child.hometown);
    expect(child).toMatch(/Giới tính\s+(Nam|Nữ)/);
    expect(await whole.innerText()).toContain(application.medicalBirthCertificate.facility);
    expect(await whole.innerText()).toContain('00004 — Phường Ba Đình');
    // The birth is the first step: there is no earlier agency to return it to, so no such choice.
    expect(await civil.page.locator('#decision-return').count()).toBe(0);
    await screenshot(civil.page, 'officer-task');
    // Nothing is chosen for the officer: sending without a decision asks for one, and sends nothing.
    await civil.page.click('form[aria-labelledby="decision-title"] button[type=submit]');
    expect(await civil.page.locator('#decision-error').innerText()).toBe('Hãy chọn một quyết định');
    expect(await civil.page.locator('dialog.confirm').count()).toBe(0);
    // Chosen, it is said back before it is sent; going back sends nothing.
    await civil.page.check('#decision-approve');
    await civil.page.click('form[aria-labelledby="decision-title"] button[type=submit]');
    const confirmation = civil.page.locator('dialog.confirm');
    expect(await confirmation.innerText()).toContain(
      'Phê duyệt: kết quả của bước được ghi nhận và hồ sơ chuyển sang bước tiếp theo',
    );
    await screenshot(civil.page, 'officer-confirm');
    await confirmation.locator('button.secondary').click();
    expect(await civil.page.locator('dialog.confirm').count()).toBe(0);
    expect(
      stepOf((await readCase(env.stack.app, caseId, MOTHER)).body as CaseView, 'birth').state,
    ).toBe('in_review');
    await sendDecision(civil.page, 'approve');
    await expect.poll(() => civil.page.locator('.notice').innerText()).toContain('Hoàn thành');
    await civil.context.close();

    const police = await signedIn(env.browser, env.base, {
      role: 'officer',
      agency: 'police',
      jurisdiction: '09877',
    });
    await openTask(police.page, caseId);
    expect(await police.page.locator('#decision-return').count()).toBe(1);
    await sendDecision(police.page, 'approve');
    await expect.poll(() => police.page.locator('.notice').innerText()).toContain('Hoàn thành');
    await police.context.close();

    const view = await waitForCase(env.stack.app, caseId, MOTHER, (v) =>
      expect(v.status).toBe('completed'),
    );
    const citizen = await signedIn(env.browser, env.base, CITIZEN);
    await untilShown(citizen.page, `a[href*="${encodeURIComponent(caseId)}"]`);
    await citizen.page.click(`a[href*="${encodeURIComponent(caseId)}"]`);
    await ready(citizen.page);
    const page = citizen.page;
    expect(await page.locator('h1').innerText()).toContain('Khai sinh – thường trú – thẻ BHYT');
    expect(await page.locator('.card .badge').first().innerText()).toBe('Hoàn thành');
    const stepText = async (step: string) => page.locator(`li[data-step="${step}"]`).innerText();
    const birth = stepOf(view, 'birth').result ?? {};
    expect(birth.pin).toMatch(/^\d{12}$/);
    expect(await stepText('birth')).toContain(`Số định danh cá nhân\n${birth.pin}`);
    expect(await stepText('birth')).toContain(`Số trích lục\n${birth.extractNumber}`);
    const residence = stepOf(view, 'residence').result ?? {};
    expect(await stepText('residence')).toContain(
      `Số đăng ký thường trú\n${residence.residenceRef}`,
    );
    const card = stepOf(view, 'insurance').result ?? {};
    expect(await stepText('insurance')).toContain(`Mã số thẻ BHYT\n${card.insuranceNumber}`);
    expect(await stepText('insurance')).toContain(formatDate(card.validFrom ?? ''));
    for (const step of view.steps) expect(await stepText(step.step)).toContain('Hoàn thành');
    // Every timeline entry the API has (read again: entries may still arrive after completion).
    await vi.waitFor(
      async () => {
        const latest = (await readCase(env.stack.app, caseId, MOTHER)).body as CaseView;
        await page.reload();
        await ready(page);
        expect(await page.locator('.timeline li').count()).toBe(latest.timeline.length);
      },
      { timeout: 10_000, interval: 300 },
    );
    await screenshot(page, 'citizen-timeline');
    await citizen.context.close();
  });

  it('when an officer requests a supplement in the browser, then the citizen answers it there and the officer approves', async () => {
    const filed = await file(env.stack.app, {
      ...aBirthApplication(uniqueCertificate()),
      components: { residence: false, insurance: true },
    });
    const caseId = filed.body.caseId as string;

    const officer = await signedIn(env.browser, env.base, CIVIL_STATUS);
    await openTask(officer.page, caseId);
    const task = officer.page;
    // Its deadline in working days, as the workflows' calendar counts them (api/deadline-clocks.ts).
    expect(await task.locator('main').innerText()).toMatch(
      /còn \d+ ngày làm việc|hạn cuối hôm nay/,
    );
    // The API's own validation error lands next to the field it names.
    await task.check('#decision-reject');
    await task.fill('#decision-reason', 'x');
    expect(await sendDecision(task, 'reject')).toContain('Từ chối với lý do: “x”');
    await expect.poll(() => task.locator('#decision-reason-error').innerText()).not.toBe('');
    expect(await task.getAttribute('#decision-reason', 'aria-invalid')).toBe('true');
    await task.check('#decision-request_supplement');
    await task.fill(
      '#decision-missing',
      'bản sao giấy chứng sinh có chữ ký số\ngiấy xác nhận tình trạng hôn nhân',
    );
    expect(await sendDecision(task, 'request_supplement')).toContain(
      'bản sao giấy chứng sinh có chữ ký số; giấy xác nhận tình trạng hôn nhân',
    );
    await expect.poll(() => task.locator('.notice').innerText()).toContain('Chờ bổ sung hồ sơ');

    const citizen = await signedIn(env.browser, env.base, CITIZEN);
    await citizen.page.goto(`/cases/${encodeURIComponent(caseId)}`);
    await untilShown(citizen.page, '#supplement-documents');
    const ask = await citizen.page.locator('form[aria-labelledby="supplement-title"]').innerText();
    expect(ask).toContain('giấy xác nhận tình trạng hôn nhân');
    // The step's clock stands still while the citizen supplements, and the page says so.
    expect(await citizen.page.locator('li[data-step="birth"] .deadline').innerText()).toContain(
      'tạm dừng — chờ bổ sung hồ sơ',
    );
    expect(await citizen.page.locator('#case-deadline').innerText()).toMatch(
      /còn \d+ ngày làm việc|hạn cuối hôm nay|quá hạn/,
    );
    await screenshot(citizen.page, 'citizen-supplement');
    await citizen.page.fill(
      '#supplement-documents',
      'giay-chung-sinh-ky-so.pdf\nxac-nhan-hon-nhan.pdf',
    );
    // A scan of the missing certificate goes with the answer, said to answer its item.
    const scan = aPdf();
    await citizen.page.setInputFiles('#supplement-files', {
      name: 'giay-xac-nhan.pdf',
      mimeType: 'application/pdf',
      buffer: scan,
    });
    await citizen.page.selectOption('#supplement-item', 'giấy xác nhận tình trạng hôn nhân');
    await citizen.page.click('form[aria-labelledby="supplement-title"] button[type=submit]');
    await expect.poll(() => citizen.page.locator('p.status').innerText()).toBe('Đã gửi bổ sung.');
    // The case learns of the step's change a moment after the step itself.
    await untilShown(citizen.page, 'li[data-step="birth"].step-in_review');
    expect(await citizen.page.locator('li[data-step="birth"]').innerText()).toContain(
      'Đang thẩm định',
    );

    await officer.page.goto('/officer');
    await openTask(officer.page, caseId);
    // The answer reaches the officer: its words, and its file beside the item it answers, which
    // opens (fetched with the officer's token) as the very bytes the citizen sent.
    const answers = await task.locator('section[aria-labelledby="answers"]').innerText();
    expect(answers).toContain('xac-nhan-hon-nhan.pdf');
    expect(answers).toContain('giấy xác nhận tình trạng hôn nhân');
    await screenshot(task, 'officer-supplement-answer');
    // The page's own request, with the officer's token, passed through and its bytes kept.
    let served: { type: string | undefined; bytes: Buffer } | undefined;
    await task.route('**/v1/cases/*/attachments/*', async (route) => {
      const response = await route.fetch();
      served = { type: response.headers()['content-type'], bytes: await response.body() };
      await route.fulfill({ response });
    });
    const [tab] = await Promise.all([
      officer.context.waitForEvent('page'),
      task.click('section[aria-labelledby="answers"] button[data-attachment]'),
    ]);
    expect(tab.url()).toMatch(/^blob:/);
    expect(served?.type).toBe('application/pdf');
    expect(served?.bytes.equals(scan)).toBe(true);
    await tab.close();
    await task.unroute('**/v1/cases/*/attachments/*');
    await sendDecision(task, 'approve');
    await expect.poll(() => task.locator('.notice').innerText()).toContain('Hoàn thành');
    await waitForCase(env.stack.app, caseId, MOTHER, (v) => expect(v.status).toBe('completed'));
    await untilShown(citizen.page, 'li[data-step="birth"].step-completed');
    const timeline = await citizen.page.locator('.timeline').innerText();
    expect(timeline).toContain('Chờ bổ sung hồ sơ');
    await Promise.all([officer.context.close(), citizen.context.close()]);
  });

  it('when the clerk submits a wrong or empty form, then every error shows next to its field, the draft survives a reload, is discarded only once confirmed, and is gone after signing out', async () => {
    const { context, page } = await signedIn(env.browser, env.base, CLERK);
    await page.click('button[type=submit].primary');
    await expect.poll(() => page.locator('.error-summary').isVisible()).toBe(true);
    for (const field of [
      'child-fullName',
      'child-dateOfBirth',
      'mother-pin',
      'medicalBirthCertificate-number',
    ])
      expect(await page.locator(`#e-${field}`).innerText()).not.toBe('');
    expect(await page.getAttribute('#f-child-fullName', 'aria-invalid')).toBe('true');

    await page.fill('#f-applicant-pin', '123');
    await page.fill('#f-child-dateOfBirth', '31/02/2026');
    await page.fill('#f-medicalBirthCertificate-issuedOn', '01/01/2099');
    await page.fill('#f-child-fullName', 'Phạm Gia Bảo');
    await page.click('button[type=submit].primary');
    await expect
      .poll(() => page.locator('#e-applicant-pin').innerText())
      .toBe('phải gồm đúng 12 chữ số');
    expect(await page.locator('#e-child-dateOfBirth').innerText()).toBe(
      'nhập ngày theo dạng dd/mm/yyyy',
    );
    expect(await page.locator('#e-child-fullName').innerText()).toBe('');
    await screenshot(page, 'clerk-form-errors');

    await page.reload();
    await ready(page);
    expect(await page.inputValue('#f-child-fullName')).toBe('Phạm Gia Bảo');
    expect(await page.locator('p.status').innerText()).toContain('Đã khôi phục bản nháp');

    // Group B: the same form machinery with the death application's own schema.
    await page.check('#procedure-1');
    await page.click('button[type=submit].primary');
    await expect.poll(() => page.locator('#e-deceased-pin').innerText()).not.toBe('');
    await page.fill('#f-deceased-pin', '001060000101');
    await page.fill('#f-applicant-pin', '001060000101');
    await page.click('button[type=submit].primary');
    await expect
      .poll(() => page.locator('#e-applicant-pin').innerText())
      .toBe('trùng số định danh của người đã mất');

    // A case filed twice: the API's 409 names the existing case. The draft is discarded first,
    // once the clerk has confirmed it (going back keeps it).
    await page.check('#procedure-0');
    await page.click('text=Xóa nháp');
    const discard = page.locator('dialog.confirm');
    expect(await discard.innerText()).toContain('không thể khôi phục');
    await discard.locator('button.secondary').click();
    expect(await page.inputValue('#f-child-fullName')).toBe('Phạm Gia Bảo');
    await page.click('text=Xóa nháp');
    await page.locator('dialog.confirm button.primary').click();
    expect(await page.inputValue('#f-child-fullName')).toBe('');
    const existing = await file(env.stack.app, aBirthApplication(uniqueCertificate()));
    const duplicate = { ...aBirthApplication(existing.body.caseId.split(':')[1] as string) };
    await page.check('#t-f-father');
    await fillForm(page, fieldsOf(duplicate));
    await page.click('button[type=submit].primary');
    await expect
      .poll(() => page.locator('.error-summary').innerText())
      .toContain(existing.body.caseId as string);

    // Signing out removes every draft this browser kept (an application's personal data).
    await page.fill('#f-child-fullName', 'Phạm Gia Bảo');
    await page.click('text=Lưu nháp');
    const drafts = () =>
      page.evaluate<string[]>(
        `Object.keys(localStorage).filter((k) => k.startsWith('lien-thong.draft.'))`,
      );
    expect(await drafts()).not.toEqual([]);
    await Promise.all([page.waitForURL(/\/$/), page.click('text=Đăng xuất')]);
    expect(await drafts()).toEqual([]);
    await context.close();
  });

  it('when a clerk files an abandoned child whose parents are unknown (NĐ 123/2015 Art. 14(3)), then the form sends no mother once she is unticked and the officer sees the parents are unknown', async () => {
    const { mother: _mother, father: _father, ...base } = aBirthApplication(uniqueCertificate());
    const application = {
      ...base,
      applicant: { ...base.applicant, relationship: 'guardian' as const },
      medicalBirthCertificate: {
        ...base.medicalBirthCertificate,
        kind: 'abandoned_child_record' as const,
        facility: 'Công an phường Ba Đình (biên bản)',
      },
    };
    const clerk = await signedIn(env.browser, env.base, CLERK);
    await fillForm(clerk.page, fieldsOf(application));
    await clerk.page.uncheck('#t-f-mother');
    await Promise.all([
      clerk.page.waitForURL(/\/cases\//),
      clerk.page.click('button[type=submit].primary'),
    ]);
    await ready(clerk.page);
    const caseId = await clerk.page.locator('#case-id').innerText();
    await clerk.context.close();

    const civil = await signedIn(env.browser, env.base, CIVIL_STATUS);
    await untilShown(civil.page, `a[href*="${encodeURIComponent(caseId)}"]`);
    await openTask(civil.page, caseId);
    expect(await civil.page.locator('main').innerText()).toContain(
      'Không rõ cha, mẹ (trẻ bị bỏ rơi)',
    );
    await civil.context.close();
  });

  it('when the clerk types a parent’s PIN and asks the population database, then the parent’s particulars fill the form, ethnicity offered from the 54 groups and nationality from the countries', async () => {
    const { context, page } = await signedIn(env.browser, env.base, CLERK);
    await page.fill('#f-mother-pin', '001190012345');
    await page.click('[data-prefill="f-mother-pin"]');
    await expect.poll(() => page.inputValue('#f-mother-fullName')).toBe('Trần Thị Mai');
    expect(await page.inputValue('#f-mother-yearOfBirth')).toBe('1990');
    expect(await page.inputValue('#f-mother-ethnicity')).toBe('Kinh');
    expect(await page.inputValue('#f-mother-nationality')).toBe('VN');
    expect(await page.inputValue('#f-mother-address-commune')).toBe('00004');
    expect(await page.inputValue('#f-mother-address-line')).toBe('12 Phố Đội Cấn');
    const mother = page.locator('[data-group="mother"]');
    expect(await mother.locator('[role=status]').first().innerText()).toContain(
      'Đã điền theo cơ sở dữ liệu quốc gia về dân cư',
    );
    // A PIN the database does not know fills nothing and says so.
    await page.fill('#f-applicant-pin', '001099000000');
    await page.click('[data-prefill="f-applicant-pin"]');
    const applicant = page.locator('[data-group="applicant"] [role=status]');
    await expect
      .poll(() => applicant.innerText())
      .toContain('cơ sở dữ liệu quốc gia về dân cư không có số định danh này');
    // The official lists: the 54 groups offered as one types; the countries by their Vietnamese names.
    expect(await page.locator('#l-f-child-ethnicity option').count()).toBe(54);
    expect(await page.locator('#f-child-nationality option:checked').innerText()).toBe('Việt Nam');
    expect(await page.locator('#f-child-nationality option[value="FR"]').innerText()).toBe('Pháp');
    await context.close();
  });

  it('when the clerk types a child’s name without accents, or the mother’s PIN, in the search box, then the case is listed with the child’s name and its code', async () => {
    const letters = Array.from({ length: 5 }, () =>
      String.fromCharCode(97 + Math.floor(Math.random() * 26)),
    ).join('');
    const base = aBirthApplication(uniqueCertificate());
    const mother = { ...base.mother, pin: uniquePin({ sex: 'female', yearOfBirth: 1990 }) };
    const filed = await file(env.stack.app, {
      ...base,
      applicant: { ...base.applicant, pin: mother.pin },
      mother,
      child: { ...base.child, fullName: `Đỗ Thị Hương ${letters}` },
    });
    const { page, context } = await signedIn(env.browser, env.base, CLERK);
    // The search answers in place: the list shows this case alone once its answer is in.
    const search = async (q: string) => {
      await page.goto('/clerk/cases');
      await ready(page);
      await page.fill('#q', q);
      await page.click('form[role=search] button[type=submit]');
      await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
      const row = page.locator('tbody tr').first();
      expect(await row.innerText()).toContain(`Đỗ Thị Hương ${letters}`);
      expect(await row.innerText()).toContain(String(filed.body.caseCode));
    };
    await search(`do thi huong ${letters}`);
    await screenshot(page, 'clerk-search');
    // Only this case has this mother: her PIN finds it alone too.
    await search(mother.pin);
    await context.close();
  });

  it('when the applicant withdraws a case in the browser, then a reason is asked for, what follows is said and confirmed, and the case shows withdrawn', async () => {
    const filed = await file(env.stack.app, aBirthApplication(uniqueCertificate()));
    const caseId = filed.body.caseId as string;
    await waitForCase(env.stack.app, caseId, MOTHER, (v) =>
      expect(stepOf(v, 'birth').state).toBe('in_review'),
    );
    const { page, context } = await signedIn(env.browser, env.base, CITIZEN);
    await page.goto(`/cases/${encodeURIComponent(caseId)}`);
    await ready(page);
    const withdraw = page.locator('form[aria-labelledby="withdraw-title"]');

    await withdraw.locator('button[type=submit]').click();
    expect(await page.locator('#withdraw-reason-error').innerText()).toBe('Hãy ghi lý do');
    await page.fill('#withdraw-reason', 'nộp nhầm hồ sơ');
    await withdraw.locator('button[type=submit]').click();
    const dialog = page.locator('dialog.confirm');
    const said = await dialog.innerText();
    await screenshot(page, 'citizen-withdraw-confirm');
    await dialog.locator('button.primary').click();

    expect(said).toContain(`Rút hồ sơ ${String(filed.body.caseCode)}?`);
    expect(said).toContain('“nộp nhầm hồ sơ”');
    expect(said).toContain('Không thể hoàn tác');
    await expect.poll(() => page.locator('.card .badge').first().innerText()).toBe('Đã rút hồ sơ');
    expect(await page.locator('form[aria-labelledby="withdraw-title"]').count()).toBe(0);
    await context.close();
  });

  it('when a clerk opens an address that is no page, then a Vietnamese not-found page (404) leads back to the filing page, and a visitor back to sign-in', async () => {
    const { page, context } = await signedIn(env.browser, env.base, CLERK);
    const response = await page.goto('/clerk/ho-so-khong-co');
    await ready(page);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').innerText()).toBe('Không tìm thấy trang');
    await page.click('main a');
    await page.waitForURL('**/clerk');
    await context.close();

    const visitor = await env.browser.newContext({ baseURL: env.base, locale: 'vi-VN' });
    const anonymous = await visitor.newPage();
    await anonymous.goto('/khong-co-trang-nay');
    await ready(anonymous);
    expect(await anonymous.locator('main a').getAttribute('href')).toBe('/');
    await visitor.close();
  });

  it('when a supervisor opens the dashboard, then open, late, stuck and decided steps show as tables and charts, and a task can be reassigned', async () => {
    const decided = await file(env.stack.app, {
      ...aBirthApplication(uniqueCertificate()),
      components: { residence: false, insurance: true },
    });
    await decide(env.stack.app, decided.body.caseId as string, 'civil-status', {
      decision: 'approve',
    });
    await waitForCase(env.stack.app, decided.body.caseId as string, MOTHER, (v) =>
      expect(stepOf(v, 'birth').state).toBe('completed'),
    );
    const open = await file(env.stack.app, verifiedAddressApplication());
    const openCase = open.body.caseId as string;
    await waitForCase(env.stack.app, openCase, MOTHER, (v) =>
      expect(stepOf(v, 'birth').state).toBe('in_review'),
    );

    // The decided case's next projection is refused by PostgreSQL: stuck, as a worker records it.
    await aRefusedProjection(env.stack.database.appDb, decided.body.caseId as string, '00004');

    const { context, page } = await signedIn(env.browser, env.base, {
      role: 'supervisor',
      jurisdiction: '00004',
      sub: 'lanh-dao-00004',
    });
    await untilShown(page, `#assign-task option[value="${openCase}:birth"]`);
    const stuck = page.locator('section[aria-labelledby="stuck-cases"]');
    expect(await stuck.locator('h2').innerText()).toBe('Hồ sơ bị treo');
    const stuckRow = stuck
      .locator('tbody tr')
      .filter({ has: page.locator(`[data-case-id="${decided.body.caseId as string}"]`) });
    expect(await stuckRow.locator('[data-reason="PROJECTION_REFUSED"]').innerText()).toBe(
      'Cơ sở dữ liệu từ chối ghi dữ liệu hồ sơ: danh sách có thể hiển thị sai',
    );
    expect(await stuck.locator(`[data-case-id="${openCase}"]`).count()).toBe(0);
    const openSteps = await page.locator('section[aria-labelledby="open-steps"]').innerText();
    expect(openSteps).toContain('Tư pháp – hộ tịch (UBND xã)');
    expect(openSteps).toContain('Đang thẩm định');
    // This month so far, by default: the birth decided above counts, computed by PostgreSQL.
    const report = page.locator('section[aria-labelledby="compliance"]');
    expect(await report.locator('svg').count()).toBe(1);
    expect(await report.locator('table').innerText()).toMatch(
      /Tư pháp – hộ tịch \(UBND xã\)\s+Đăng ký khai sinh, cấp số định danh\s+\d+\s+\d+\s+\d+ %/,
    );
    await screenshot(page, 'supervisor-dashboard');

    await page.selectOption('#assign-task', `${openCase}:birth`);
    // The officers offered are the directory's for the task's agency and commune, no one else.
    // Not untilShown: it reloads the page, which would lose the task chosen above.
    await page.waitForSelector('#assign-officer option[value="can-bo-ho-tich-2"]', {
      state: 'attached',
    });
    const offered = await page
      .locator('#assign-officer option')
      .evaluateAll((options) => options.map((o) => (o as { value: string }).value));
    expect(offered).toContain('officer-civil-status-00004');
    expect(offered).not.toContain('officer-police-00004');
    expect(offered).not.toContain('officer-civil-status-00070');
    await page.selectOption('#assign-officer', 'can-bo-ho-tich-2');
    await page.click('form[aria-labelledby="assign-title"] button[type=submit]');
    await expect
      .poll(() => page.locator(`[data-assignee="${openCase}:birth"]`).innerText())
      .toBe('can-bo-ho-tich-2');
    const { rows } = await env.stack.database.db.query(
      'SELECT assignee, assigned_by FROM tasks WHERE task_id = $1',
      [`${openCase}:birth`],
    );
    expect(rows[0]).toEqual({ assignee: 'can-bo-ho-tich-2', assigned_by: 'lanh-dao-00004' });
    // Three tasks at once (an officer away): all go to one officer (POST /v1/tasks/assignments).
    const bulk = ['BULK-1', 'BULK-2', 'BULK-3'].map((n) => `birth-residence-insurance:${n}`);
    for (const caseId of bulk)
      await projectTask(env.stack.database.appDb, {
        caseId,
        view: { deadline: new Date(Date.now() + 5 * 86_400_000).toISOString() },
      });
    await untilShown(page, `#assign-task option[value="${bulk[2]}:birth"]`);
    await page.selectOption(
      '#assign-task',
      bulk.map((caseId) => `${caseId}:birth`),
    );
    await page.waitForSelector('#assign-officer option[value="officer-civil-status-2"]', {
      state: 'attached',
    });
    await page.selectOption('#assign-officer', 'officer-civil-status-2');
    await page.click('form[aria-labelledby="assign-title"] button[type=submit]');
    await expect
      .poll(() => page.locator('form[aria-labelledby="assign-title"] [role=status]').innerText())
      .toBe('Đã giao 3 việc cho officer-civil-status-2.');
    for (const caseId of bulk)
      expect(await page.locator(`[data-assignee="${caseId}:birth"]`).innerText()).toBe(
        'officer-civil-status-2',
      );
    // Another civil-status officer of the commune sees whose task it is, and no decision to make.
    const other = await signedIn(env.browser, env.base, CIVIL_STATUS);
    await openTask(other.page, openCase);
    expect(await other.page.locator('main').innerText()).toContain(
      'Việc này đã được giao cho cán bộ can-bo-ho-tich-2',
    );
    expect(await other.page.locator('#decision-approve').count()).toBe(0);
    await other.context.close();

    await page.click('text=English');
    await ready(page);
    await expect
      .poll(() => stuck.locator('[data-reason="PROJECTION_REFUSED"]').first().innerText())
      .toBe('The database refused the case’s data: lists may show it wrongly');
    expect(await stuck.locator('h2').innerText()).toBe('Stuck cases');
    await context.close();
  });
});
