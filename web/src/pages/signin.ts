// Sign-in: through the identity provider (VNeID for citizens, the agencies' directory for staff) with
// the authorization code flow and PKCE (oidc.ts); the callback page finishes it. Where a test switches
// development sign-in on, the API also mints a demo token for a chosen role (POST /dev/tokens).
import { api, ApiProblem } from '../api';
import { communeName, webConfig } from '../config';
import { finishSignIn, SignInCancelled, startSignIn } from '../oidc';
import { h, show } from '../dom';
import { tr, type Text } from '../i18n';
import { alertBox, errorText, heading } from '../layout';
import { currentSession, HOME, signIn, type Role } from '../session';

const T = {
  title: { vi: 'Đăng nhập', en: 'Sign in' },
  provider: {
    vi: 'Công dân đăng nhập bằng tài khoản định danh điện tử VNeID; cán bộ bằng tài khoản trong danh bạ cơ quan.',
    en: 'Citizens sign in with their VNeID electronic identity; staff with their account in the agencies’ directory.',
  },
  signInAtProvider: { vi: 'Đăng nhập', en: 'Sign in' },
  devTitle: { vi: 'Đăng nhập thử nghiệm', en: 'Test sign-in' },
  intro: {
    vi: 'Chỉ dùng khi kiểm thử: chọn vai trò, hệ thống cấp mã truy cập thử nghiệm.',
    en: 'For testing only: choose a role and the system issues a demo token.',
  },
  finishing: { vi: 'Đang hoàn tất đăng nhập…', en: 'Finishing sign-in…' },
  cancelled: { vi: 'Bạn đã hủy đăng nhập.', en: 'You cancelled signing in.' },
  failed: { vi: 'Không đăng nhập được:', en: 'Sign-in failed:' },
  again: { vi: 'Đăng nhập lại', en: 'Sign in again' },
  production: {
    vi: 'Đăng nhập bằng tài khoản định danh điện tử VNeID qua cổng dịch vụ công.',
    en: 'Sign in with your VNeID electronic identity through the public-service portal.',
  },
  role: { vi: 'Vai trò', en: 'Role' },
  pin: { vi: 'Số định danh cá nhân (công dân)', en: 'Personal ID number (citizen)' },
  agency: { vi: 'Cơ quan (cán bộ)', en: 'Agency (officer)' },
  jurisdiction: { vi: 'Xã/phường phụ trách', en: 'Commune' },
  sub: { vi: 'Mã người dùng (không bắt buộc)', en: 'User id (optional)' },
  name: { vi: 'Họ và tên (không bắt buộc)', en: 'Full name (optional)' },
  submit: { vi: 'Đăng nhập', en: 'Sign in' },
  continue: { vi: 'Tiếp tục với vai trò hiện tại', en: 'Continue in the current role' },
} satisfies Record<string, Text>;

const ROLES: [Role, Text][] = [
  ['citizen', { vi: 'Công dân', en: 'Citizen' }],
  ['clerk', { vi: 'Cán bộ một cửa (xã/phường)', en: 'One-stop clerk (commune)' }],
  ['officer', { vi: 'Cán bộ chuyên môn của cơ quan', en: 'Agency officer' }],
  ['supervisor', { vi: 'Lãnh đạo giám sát', en: 'Supervisor' }],
];

const AGENCIES: [string, Text][] = [
  ['civil-status', { vi: 'Tư pháp – hộ tịch', en: 'Civil status' }],
  ['police', { vi: 'Công an xã', en: 'Commune police' }],
  ['social-insurance', { vi: 'Bảo hiểm xã hội', en: 'Social insurance' }],
  ['social-protection', { vi: 'Bảo trợ xã hội', en: 'Social protection' }],
  ['merit-services', { vi: 'Người có công', en: 'Merit services' }],
];

const field = (id: string, label: string, control: HTMLElement) =>
  h('div', { class: 'field', id: `${id}-field` }, h('label', { for: id }, label), control);

export function renderSignIn(main: HTMLElement): Promise<void> {
  const next = new URLSearchParams(location.search).get('next');
  const session = currentSession();
  const title = heading(tr(T.title));
  const { signIn: provider, devSignIn } = webConfig();
  const problemAtProvider = h('div', { class: 'form-problem' });
  const providerButton = h(
    'button',
    { type: 'button', class: 'primary', id: 'sign-in-provider' },
    tr(T.signInAtProvider),
  );
  const atProvider = provider
    ? h(
        'div',
        { class: 'card narrow' },
        h('p', {}, tr(T.provider)),
        problemAtProvider,
        providerButton,
      )
    : null;
  if (provider)
    providerButton.addEventListener('click', () => {
      startSignIn(provider, next).catch((error: unknown) =>
        show(problemAtProvider, alertBox(h('p', {}, tr(T.failed), ' ', errorText(error)))),
      );
    });
  const continuing = session
    ? h('p', {}, h('a', { href: HOME[session.claims.role] }, tr(T.continue)))
    : null;
  if (!devSignIn) {
    show(main, title, continuing, atProvider ?? h('p', {}, tr(T.production)));
    return Promise.resolve();
  }
  const role = h(
    'select',
    { id: 'role', name: 'role' },
    ...ROLES.map(([value, text]) => h('option', { value }, tr(text))),
  );
  const pin = h('input', {
    id: 'pin',
    name: 'pin',
    inputmode: 'numeric',
    autocomplete: 'off',
    value: '001190012345',
  });
  const agency = h(
    'select',
    { id: 'agency', name: 'agency' },
    ...AGENCIES.map(([value, text]) => h('option', { value }, tr(text))),
  );
  const jurisdiction = h(
    'select',
    { id: 'jurisdiction', name: 'jurisdiction' },
    ...webConfig().communes.map((c) =>
      h('option', { value: c.code }, `${c.code} — ${communeName(c.code)}`),
    ),
  );
  const sub = h('input', { id: 'sub', name: 'sub', autocomplete: 'username' });
  const name = h('input', { id: 'name', name: 'name', autocomplete: 'name' });
  const problem = h('div', { class: 'form-problem' });
  const form = h(
    'form',
    { class: 'card narrow', novalidate: true },
    field('role', tr(T.role), role),
    field('pin', tr(T.pin), pin),
    field('agency', tr(T.agency), agency),
    field('jurisdiction', tr(T.jurisdiction), jurisdiction),
    field('sub', tr(T.sub), sub),
    field('name', tr(T.name), name),
    problem,
    h('button', { type: 'submit', class: 'primary' }, tr(T.submit)),
  );
  const shown = () => {
    const chosen = role.value as Role;
    const visible = (id: string, yes: boolean) => {
      const element = form.querySelector<HTMLElement>(`#${id}-field`);
      if (element) element.hidden = !yes;
    };
    visible('pin', chosen === 'citizen');
    visible('agency', chosen === 'officer');
    visible('jurisdiction', chosen !== 'citizen');
  };
  role.addEventListener('change', shown);
  shown();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = role.value as Role;
    const body = {
      role: chosen,
      ...(chosen === 'citizen' && { pin: pin.value.trim() }),
      ...(chosen === 'officer' && { agency: agency.value }),
      ...(chosen !== 'citizen' && { jurisdiction: jurisdiction.value }),
      ...(sub.value.trim() && { sub: sub.value.trim() }),
      ...(name.value.trim() && { name: name.value.trim() }),
    };
    api<{ token: string }>('POST', '/dev/tokens', body, { signedIn: false }).then(
      ({ token }) => {
        const started = signIn(token);
        location.assign(next?.startsWith('/') ? next : started ? HOME[started.claims.role] : '/');
      },
      (error: unknown) => {
        const details =
          error instanceof ApiProblem ? error.errors.map((e) => `${e.pointer}: ${e.detail}`) : [];
        show(problem, alertBox(h('p', {}, errorText(error)), ...details.map((d) => h('p', {}, d))));
      },
    );
  });
  show(
    main,
    title,
    continuing,
    atProvider,
    h('h2', {}, tr(T.devTitle)),
    h('p', {}, tr(T.intro)),
    form,
  );
  return Promise.resolve();
}

/** Back from the identity provider (/signin/callback): the session begins, or says why not. */
export async function renderSignInCallback(main: HTMLElement): Promise<void> {
  const title = heading(tr(T.title));
  const provider = webConfig().signIn;
  show(main, title, h('p', { role: 'status' }, tr(T.finishing)));
  const again = h('p', {}, h('a', { href: '/signin' }, tr(T.again)));
  if (!provider) {
    show(main, title, h('p', {}, tr(T.production)));
    return;
  }
  try {
    const { accessToken, next } = await finishSignIn(provider);
    const started = signIn(accessToken);
    location.replace(next?.startsWith('/') ? next : started ? HOME[started.claims.role] : '/');
  } catch (error) {
    show(
      main,
      title,
      error instanceof SignInCancelled
        ? h('p', { role: 'status' }, tr(T.cancelled))
        : alertBox(h('p', {}, tr(T.failed), ' ', errorText(error))),
      again,
    );
  }
}
