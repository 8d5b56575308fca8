// The citizen's own cases: as applicant, parent or named relative.
import { api } from '../api';
import { h, show } from '../dom';
import { tr, type Text } from '../i18n';
import { heading, requireRole } from '../layout';
import type { CaseList } from '../types';
import { caseTable } from './cases-table';

const T = {
  title: { vi: 'Hồ sơ của tôi', en: 'My cases' },
  intro: {
    vi: 'Các hồ sơ bạn đứng tên người yêu cầu, là cha mẹ hoặc thân nhân được khai.',
    en: 'Cases where you are the applicant, a parent or a named relative.',
  },
} satisfies Record<string, Text>;

export async function renderCitizen(main: HTMLElement): Promise<void> {
  if (!requireRole(main, ['citizen'])) return;
  const list = await api<CaseList>('GET', '/v1/me/cases');
  show(main, heading(tr(T.title)), h('p', {}, tr(T.intro)), caseTable(tr(T.title), list.items));
}
