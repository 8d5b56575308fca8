// The browser side of the end-to-end tests: Debian's Chromium driven by playwright-core (installed by
// scripts/provision-chromium.sh when absent), the real API served on a real port, sign-in through
// the pages, axe-core checks and screenshots.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import axe from 'axe-core';
import express, { type Express } from 'express';
import pino from 'pino';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, vi } from 'vitest';
import { errorMiddleware } from '../../api/problem';
import { devSignIn } from '../../api/web';
import type { Principal } from '../../domain/principal';
import { buildWeb } from '../../web/build';
import { tokenFor } from '../support/auth';
import { setCivilStatusReview, startTestStack, type TestStack } from '../support/stack';

const ROOT = join(__dirname, '..', '..');
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');

/** Debian's Chromium, installed first when absent (a missing browser fails the run, never skips). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    execFileSync('bash', [join(ROOT, 'scripts', 'provision-chromium.sh')], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  // playwright-core gives every launch a fresh temporary profile (--user-data-dir), removed on close.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * Serves the stack's API on a real port. The one thing in front of it is development sign-in minting
 * with the test stack's key (the stack verifies tokens with TEST_AUTH, not the development secret);
 * it is the same code the API mounts, and every page, script and call goes to the API itself.
 */
export async function serve(app: Express): Promise<{ url: string; close: () => Promise<void> }> {
  const front = express();
  front.use(
    express.json(),
    devSignIn((principal: Principal) => tokenFor(principal, '1h')),
  );
  front.use(app);
  front.use(errorMiddleware(pino({ level: 'silent' })));
  const server = createServer(front).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface Person {
  role: 'citizen' | 'clerk' | 'officer' | 'supervisor';
  pin?: string;
  agency?: string;
  jurisdiction?: string;
  sub?: string;
}

/** The mother of the fixtures' births (EXAMPLE_BIRTH_APPLICATION), who follows them as a citizen. */
export const MOTHER = '001190012345';
export const CLERK: Person = { role: 'clerk', jurisdiction: '00004', sub: 'clerk-mot-cua-1' };
export const CIVIL_STATUS: Person = {
  role: 'officer',
  agency: 'civil-status',
  jurisdiction: '00004',
};
export const CITIZEN: Person = { role: 'citizen', pin: MOTHER };

export interface BrowserStack {
  stack: TestStack;
  browser: Browser;
  /** Where the API listens, for the browser. */
  base: string;
  stop: () => Promise<void>;
}

/**
 * The real stack (commune 00004's civil-status officer reviewing births and deaths by hand), the
 * pages freshly bundled, the API on a real port, and Chromium; `documents`: the worker's document
 * issuer too.
 */
export async function startBrowserStack({ documents = false } = {}): Promise<BrowserStack> {
  const [stack, browser] = await Promise.all([
    startTestStack({ documents }),
    launchChromium(),
    buildWeb(),
  ]);
  await setCivilStatusReview(stack.simulatorsUrl, '00004', 'officer');
  const served = await serve(stack.app);
  return {
    stack,
    browser,
    base: served.url,
    stop: async () => {
      await browser.close();
      await served.close();
      await stack.stop();
    },
  };
}

/** Opens the task of `caseId` from the officer's inbox (reloading until it arrives). */
export async function openTask(page: Page, caseId: string): Promise<void> {
  const link = `a[href*="${encodeURIComponent(caseId)}"]`;
  await untilShown(page, link);
  await page.click(link);
  await ready(page);
}

/**
 * On an open task: chooses `decision` (none is chosen for the officer), sends it, and confirms it in
 * the dialog that says what will happen. Returns what the dialog said.
 */
export async function sendDecision(
  page: Page,
  decision: 'approve' | 'reject' | 'request_supplement' | 'return',
): Promise<string> {
  await page.check(`#decision-${decision}`);
  await page.click('form[aria-labelledby="decision-title"] button[type=submit]');
  const dialog = page.locator('dialog.confirm');
  await dialog.waitFor();
  const said = await dialog.innerText();
  await dialog.locator('button.primary').click();
  return said;
}

/** A fresh browser context (its own storage), signed in through the sign-in page. */
export async function signedIn(
  browser: Browser,
  base: string,
  person: Person,
  viewport = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: base, locale: 'vi-VN', viewport });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto('/');
  await ready(page);
  await page.selectOption('#role', person.role);
  if (person.pin) await page.fill('#pin', person.pin);
  if (person.agency) await page.selectOption('#agency', person.agency);
  if (person.jurisdiction) await page.selectOption('#jurisdiction', person.jurisdiction);
  if (person.sub) await page.fill('#sub', person.sub);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/'),
    page.click('button[type=submit]'),
  ]);
  await ready(page);
  return { context, page };
}

/** Waits until the page's script has drawn it. */
export async function ready(page: Page): Promise<void> {
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
}

/** Reloads until `selector` shows (data read from the read model arrives a moment later). */
export async function untilShown(page: Page, selector: string, timeout = 30_000): Promise<void> {
  await vi.waitFor(
    async () => {
      await page.reload();
      await ready(page);
      expect(await page.locator(selector).count()).toBeGreaterThan(0);
    },
    { timeout, interval: 300 },
  );
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core injected into the page; the violations it finds, as rule id and where. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axe.source);
  return page.evaluate<AxeViolation[]>(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)`,
  );
}
