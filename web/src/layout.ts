// What every page shares: the header (who is signed in, where they can go, the language switch, sign
// out), a live region for short announcements, and the way errors are shown.
import { ApiProblem } from './api';
import { h, show, type Child } from './dom';
import { deadlineWords, type DeadlineClock } from './format';
import { language, setLanguage, t, type MessageKey } from './i18n';
import { currentSession, signOut, type Role, type Session } from './session';

const NAV: Record<Role, [MessageKey, string][]> = {
  citizen: [['navMyCases', '/citizen']],
  clerk: [
    ['navFile', '/clerk'],
    ['navSearch', '/clerk/cases'],
  ],
  officer: [['navInbox', '/officer']],
  supervisor: [
    ['navDashboard', '/supervisor'],
    ['navInbox', '/officer'],
    ['navSearch', '/clerk/cases'],
  ],
  admin: [['navSearch', '/clerk/cases']],
};

function whoIs(session: Session): string {
  const { claims } = session;
  const scope = claims.agency
    ? `${claims.agency} · ${claims.jurisdiction ?? ''}`
    : (claims.jurisdiction ?? claims.pin ?? '');
  return `${claims.sub} (${claims.role}${scope ? ` · ${scope}` : ''})`;
}

export function renderHeader(): void {
  const header = document.getElementById('site-header');
  if (!header) return;
  const session = currentSession();
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'link-button',
      lang: language() === 'vi' ? 'en' : 'vi',
      'aria-label': t('switchLanguageLabel'),
    },
    t('switchLanguage'),
  );
  toggle.addEventListener('click', () => {
    setLanguage(language() === 'vi' ? 'en' : 'vi');
    location.reload();
  });
  const links = session
    ? NAV[session.claims.role].map(([key, href]) =>
        h(
          'li',
          {},
          h('a', { href, 'aria-current': location.pathname === href ? 'page' : undefined }, t(key)),
        ),
      )
    : [];
  let signOutButton: HTMLButtonElement | undefined;
  if (session) {
    signOutButton = h('button', { type: 'button', class: 'link-button' }, t('signOut'));
    signOutButton.addEventListener('click', () => {
      signOut({ forgetDrafts: true });
      location.assign('/');
    });
  }
  show(
    header,
    h(
      'div',
      { class: 'bar' },
      h(
        'a',
        { href: '/', class: 'brand' },
        h('strong', {}, t('appName')),
        h('span', {}, t('tagline')),
      ),
      h(
        'div',
        { class: 'tools' },
        session ? h('span', { class: 'who' }, t('signedInAs', { who: whoIs(session) })) : null,
        toggle,
        signOutButton,
      ),
    ),
    links.length > 0 ? h('nav', { 'aria-label': t('mainNav') }, h('ul', {}, ...links)) : null,
  );
}

/** Sets the document's title and returns the page's heading. */
export function heading(text: string): HTMLHeadingElement {
  document.title = `${text} · ${t('appName')}`;
  return h('h1', {}, text);
}

/** A polite live region under the heading, for "saved", "sent" and the like. */
export function statusRegion(): HTMLElement {
  return h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
}

/** A message for an error: the API's title and detail, or a network failure. */
export function errorText(error: unknown): string {
  if (error instanceof ApiProblem)
    return error.detail ? `${error.title}: ${error.detail}` : error.title;
  return t('networkError');
}

export function alertBox(...children: Child[]): HTMLElement {
  return h('div', { class: 'alert', role: 'alert' }, ...children);
}

/** The signed-in session when its role may use the page; otherwise the page says why. */
export function requireRole(main: HTMLElement, roles: readonly Role[]): Session | undefined {
  const session = currentSession();
  if (!session) {
    location.assign(`/?next=${encodeURIComponent(location.pathname + location.search)}`);
    return undefined;
  }
  if (!roles.includes(session.claims.role)) {
    show(main, alertBox(t('notForRole')));
    return undefined;
  }
  return session;
}

/** A badge whose meaning is in its words, not only its colour. */
export const badge = (text: string, tone: 'ok' | 'warn' | 'bad' | 'info' = 'info') =>
  h('span', { class: `badge badge-${tone}` }, text);

/** How a case status or step state reads at a glance (its words say it too). */
/** A deadline in words, coloured: overdue red, the last day amber, paused or running neutral. */
export const clockBadge = (clock: DeadlineClock | undefined) =>
  clock &&
  badge(
    deadlineWords(clock, language()),
    clock.state === 'overdue'
      ? 'bad'
      : clock.state === 'open' && clock.workingDays === 0
        ? 'warn'
        : 'info',
  );

export const toneOf = (state: string): 'ok' | 'warn' | 'bad' | 'info' =>
  state === 'completed'
    ? 'ok'
    : state === 'rejected' || state === 'cancelled'
      ? 'bad'
      : state === 'awaiting_supplement' || state === 'partially_completed'
        ? 'warn'
        : 'info';

/**
 * Asks before something that cannot be taken back: a modal dialog that says what will happen (one
 * paragraph per line), with the action named on its button and a way back. Nothing is preselected
 * but the way back, so Enter alone does not act. Resolves true only when the person confirms.
 */
export function confirmAction({
  title,
  lines,
  confirm,
  cancel = t('goBack'),
}: {
  title: string;
  lines: string[];
  confirm: string;
  cancel?: string;
}): Promise<boolean> {
  const yes = h('button', { type: 'button', class: 'primary' }, confirm);
  const no = h('button', { type: 'button', class: 'secondary', autofocus: true }, cancel);
  const dialog = h(
    'dialog',
    { class: 'confirm', 'aria-labelledby': 'confirm-title' },
    h('h2', { id: 'confirm-title' }, title),
    ...lines.map((line) => h('p', {}, line)),
    h('div', { class: 'actions' }, no, yes),
  );
  document.body.append(dialog);
  return new Promise((resolve) => {
    const close = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    yes.addEventListener('click', () => close(true));
    no.addEventListener('click', () => close(false));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      close(false);
    });
    dialog.showModal();
    no.focus();
  });
}
