// The development identity provider's sign-in page: one form for a citizen (VNeID: their personal ID
// number) and for staff (their account in the agencies' directory), in Vietnamese or English as the
// browser asks. Server-rendered, no script; every value written into it is escaped.

export type Language = 'vi' | 'en';

const T = {
  title: {
    vi: 'Đăng nhập — Liên thông (môi trường phát triển)',
    en: 'Sign in — Liên thông (development)',
  },
  heading: { vi: 'Đăng nhập', en: 'Sign in' },
  intro: {
    vi: 'Công dân đăng nhập bằng số định danh cá nhân (VNeID); cán bộ bằng tài khoản trong danh bạ cơ quan.',
    en: 'Citizens sign in with their personal ID number (VNeID); staff with their account in the agencies’ directory.',
  },
  login: {
    vi: 'Số định danh cá nhân hoặc tài khoản cán bộ',
    en: 'Personal ID number or staff account',
  },
  password: { vi: 'Mật khẩu', en: 'Password' },
  submit: { vi: 'Đăng nhập', en: 'Sign in' },
  cancel: { vi: 'Hủy', en: 'Cancel' },
  refused: {
    vi: 'Tài khoản hoặc mật khẩu không đúng, hoặc tài khoản không còn hoạt động.',
    en: 'The account or password is wrong, or the account is no longer active.',
  },
  throttled: {
    vi: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.',
    en: 'Too many failed sign-ins. Please try again in 15 minutes.',
  },
} as const;

export type LoginProblem = 'refused' | 'throttled';

/** The language the request prefers of the two, Vietnamese unless English comes first. */
export function languageOf(acceptLanguage: string | undefined): Language {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export function loginPage(options: {
  action: string;
  cancel: string;
  language: Language;
  login?: string;
  problem?: LoginProblem;
}): string {
  const t = (key: keyof typeof T) => escape(T[key][options.language]);
  const alert = options.problem ? `<p role="alert" class="alert">${t(options.problem)}</p>` : '';
  return `<!doctype html>
<html lang="${options.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('title')}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}
label{display:block;margin-top:1rem;font-weight:600}
input{width:100%;box-sizing:border-box;padding:.6rem;font-size:1rem;margin-top:.25rem}
button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem;background:#a50e0e;color:#fff;border:0;border-radius:4px}
.alert{background:#fde8e8;border-left:4px solid #a50e0e;padding:.75rem}
a{display:inline-block;margin-top:1rem;color:#1a4f9c}
</style>
</head>
<body>
<main>
<h1>${t('heading')}</h1>
<p>${t('intro')}</p>
${alert}
<form method="post" action="${escape(options.action)}" autocomplete="off">
<label for="login">${t('login')}</label>
<input id="login" name="login" required maxlength="200" autocomplete="username" value="${escape(options.login ?? '')}"${options.problem ? ' aria-invalid="true"' : ''}>
<label for="password">${t('password')}</label>
<input id="password" name="password" type="password" required maxlength="200" autocomplete="current-password">
<button type="submit">${t('submit')}</button>
</form>
<a href="${escape(options.cancel)}">${t('cancel')}</a>
</main>
</body>
</html>
`;
}
