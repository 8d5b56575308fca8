// The page for an address that is no page here (the server answers it 404): what happened, and the
// way back to where the person works — their home page when signed in, else sign-in.
import { h, show } from '../dom';
import { tr, type Text } from '../i18n';
import { heading } from '../layout';
import { currentSession, HOME } from '../session';

const T = {
  title: { vi: 'Không tìm thấy trang', en: 'Page not found' },
  explain: {
    vi: 'Địa chỉ này không có trang nào. Có thể đường dẫn đã bị gõ sai hoặc đã cũ.',
    en: 'There is no page at this address. The link may be mistyped or out of date.',
  },
  home: { vi: 'Về trang làm việc của bạn', en: 'Go to your home page' },
  signIn: { vi: 'Về trang đăng nhập', en: 'Go to sign-in' },
} satisfies Record<string, Text>;

export function renderNotFound(main: HTMLElement): Promise<void> {
  const session = currentSession();
  const home = session ? HOME[session.claims.role] : '/';
  show(
    main,
    heading(tr(T.title)),
    h('p', {}, tr(T.explain)),
    h('p', {}, h('a', { href: home }, tr(session ? T.home : T.signIn))),
  );
  return Promise.resolve();
}
