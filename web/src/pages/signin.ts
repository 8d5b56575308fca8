// Sign-in. In development the API mints a demo token for the chosen role (POST /dev/tokens); in
// production people sign in through the identity provider (VNeID), which this page only points to.
import { api, ApiProblem } from '../api';
import { communeName, webConfig } from '../config';
import { h, show } from '../dom';
import { tr, type Text } from '../i18n';
import { alertBox, errorText, heading } from '../layout';
import { currentSession, HOME, signIn, type Role } from '../session';

const T = {
  title: { vi: 'Đăng nhập', en: 'Sign in' },
  intro: {
    vi: 'Chọn vai trò để dùng thử hệ thống. Môi trường phát triển cấp mã truy cập thử nghiệm.',
    en: 'Choose a role to try the system. The development environment issues demo tokens.',
  },
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
  if (!webConfig().devSignIn) {
    show(main, title, h('p', {}, tr(T.production)));
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
    h('p', {}, tr(T.intro)),
    session ? h('p', {}, h('a', { href: HOME[session.claims.role] }, tr(T.continue))) : null,
    form,
    h('p', { class: 'hint' }, tr(T.production)),
  );
  return Promise.resolve();
}
