// Entry of the pages' bundle: applies the language, draws the header, then the page the server named
// in `data-page`.
import { z } from 'zod';
import en from 'zod/v4/locales/en.js';
import vi from 'zod/v4/locales/vi.js';
import { h, show } from './dom';
import { language } from './i18n';
import { alertBox, errorText, renderHeader } from './layout';
import { renderCase } from './pages/case';
import { renderCitizen } from './pages/citizen';
import { renderClerk } from './pages/clerk';
import { renderNotFound } from './pages/not-found';
import { renderOfficer } from './pages/officer';
import { renderSearch } from './pages/search';
import { renderSignIn, renderSignInCallback } from './pages/signin';
import { renderSupervisor } from './pages/supervisor';
import { renderTask } from './pages/task';
import './styles.css';

/**
 * zod's own messages, with the two a form meets most said plainly: a field left empty, and a list
 * with nothing chosen ("expected string, received undefined" means nothing to a clerk).
 */
function plainErrors(locale: { localeError: z.core.$ZodErrorMap }): z.core.$ZodErrorMap {
  const vietnamese = language() === 'vi';
  return (issue) => {
    if (issue.code === 'invalid_type' && issue.input === undefined)
      return vietnamese ? 'bắt buộc, không được để trống' : 'required';
    if (issue.code === 'invalid_value' && issue.input === undefined)
      return vietnamese ? 'hãy chọn một mục trong danh sách' : 'choose one from the list';
    return locale.localeError(issue);
  };
}

const PAGES: Record<string, (main: HTMLElement) => Promise<void>> = {
  signin: renderSignIn,
  'signin-callback': renderSignInCallback,
  clerk: renderClerk,
  search: renderSearch,
  officer: renderOfficer,
  task: renderTask,
  citizen: renderCitizen,
  case: renderCase,
  supervisor: renderSupervisor,
  'not-found': renderNotFound,
};

async function boot(): Promise<void> {
  const lang = language();
  document.documentElement.lang = lang;
  z.config({ localeError: plainErrors(lang === 'vi' ? vi() : en()) });
  renderHeader();
  const main = document.getElementById('main');
  const render = PAGES[document.body.dataset.page ?? ''];
  if (!main || !render) return;
  try {
    await render(main);
  } catch (error) {
    show(main, alertBox(h('p', {}, errorText(error))));
  }
  document.body.dataset.ready = 'true';
}

document.addEventListener('DOMContentLoaded', () => void boot());
