// Entry of the pages' bundle: applies the language, draws the header, then the page the server named
// in `data-page`.
import { z } from 'zod';
import { validationMessages } from '../../domain/validation-messages';
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
  z.config({ localeError: validationMessages(lang) });
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
