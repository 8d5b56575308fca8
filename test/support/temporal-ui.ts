// Temporal's Web UI in Chromium, signed in at the development identity provider (production
// profile, issue 23): what a person sees of a workflow's history there.
import type { Browser } from 'playwright-core';

/**
 * The text of `workflowId`'s page in the UI at `ui`, for `login` signed in with `password`, and how
 * the codec endpoint answered the page's first request to decode its payloads. The
 * codec is reached over https with the development CA's certificate, which this browser is told
 * to accept (an operator's browser trusts the CA instead: README, Production profile).
 */
export async function workflowPageSeenBy(
  browser: Browser,
  { ui, namespace, workflowId }: { ui: string; namespace: string; workflowId: string },
  { login, password }: { login: string; password: string },
): Promise<{ codecStatus: number; text: string }> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'vi-VN' });
  try {
    const page = await context.newPage();
    await page.goto(`${ui}/auth/sso`);
    await page.fill('#login', login);
    await page.fill('#password', password);
    await page.click('button[type=submit]');
    await page.waitForURL((url) => url.origin === ui && !url.pathname.startsWith('/auth'));
    const query = encodeURIComponent(`WorkflowId="${workflowId}"`);
    await page.goto(`${ui}/namespaces/${namespace}/workflows?query=${query}`);
    // The page asks the codec for its payloads (with the person's token): the answer settles it.
    const codec = page.waitForResponse((response) => response.url().includes('/v1/codec/decode'));
    await page
      .locator(`a[href*="/workflows/${encodeURIComponent(workflowId)}/"]`)
      .first()
      .click();
    const { status } = await codec.then((response) => ({ status: response.status() }));
    await page.waitForLoadState('networkidle');
    // The payloads are rendered as their answers come: the page is read once it stops changing.
    let text = '';
    for (let read = 0; read < 30; read += 1) {
      const now = await page.locator('body').innerText();
      if (now === text) break;
      text = now;
      await page.waitForTimeout(500);
    }
    return { codecStatus: status, text };
  } finally {
    await context.close();
  }
}
