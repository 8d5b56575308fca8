// The supervisor's delegations (POST /v1/delegations): while an officer is away, another officer of
// the same agency decides the tasks given to them, for the days chosen. The officers are picked from
// the directory's officers of the commune (GET /v1/officers); a delegation can be ended early.
import { api, ApiProblem, newIdempotencyKey } from '../api';
import { h, show, table } from '../dom';
import { formatDate, todayInVietnam } from '../format';
import { t, tr, type Text } from '../i18n';
import { agencyName } from '../labels';
import { confirmAction, errorText, statusRegion } from '../layout';

const T = {
  title: { vi: 'Ủy quyền xử lý thay', en: 'Standing in for an officer' },
  intro: {
    vi: 'Khi một cán bộ vắng, cán bộ khác cùng cơ quan được quyết định các việc đã giao cho người đó trong những ngày đã chọn.',
    en: 'While an officer is away, another officer of the same agency decides the tasks given to them on the days chosen.',
  },
  delegator: { vi: 'Cán bộ vắng mặt', en: 'Officer away' },
  delegate: { vi: 'Cán bộ xử lý thay', en: 'Standing in' },
  from: { vi: 'Từ ngày', en: 'From' },
  to: { vi: 'Đến ngày', en: 'To' },
  submit: { vi: 'Ủy quyền', en: 'Delegate' },
  made: {
    vi: 'Đã ủy quyền cho {delegate} xử lý thay {delegator} từ {from} đến {to}.',
    en: '{delegate} stands in for {delegator} from {from} to {to}.',
  },
  list: { vi: 'Các ủy quyền của xã', en: 'The commune’s delegations' },
  none: { vi: 'Chưa có ủy quyền nào.', en: 'No delegation yet.' },
  state: { vi: 'Tình trạng', en: 'State' },
  inForce: { vi: 'Đang hiệu lực', en: 'In force' },
  coming: { vi: 'Sắp hiệu lực', en: 'To come' },
  ended: { vi: 'Đã hết hạn', en: 'Ended' },
  revoked: { vi: 'Đã thu hồi', en: 'Revoked' },
  revoke: { vi: 'Thu hồi', en: 'Revoke' },
  revokeTitle: { vi: 'Thu hồi ủy quyền?', en: 'Revoke the delegation?' },
  revokeLine: {
    vi: '{delegate} sẽ không còn được quyết định các việc của {delegator}.',
    en: '{delegate} will no longer decide the tasks of {delegator}.',
  },
} satisfies Record<string, Text>;

interface Officer {
  sub: string;
  name: string;
  agency: string | null;
}

interface Delegation {
  delegationId: string;
  delegator: string;
  delegate: string;
  startsOn: string;
  endsOn: string;
  inForce: boolean;
  revokedAt: string | null;
}

/** Where a delegation stands: only one in force or to come can still be revoked. */
function stateOf(d: Delegation): 'revoked' | 'inForce' | 'coming' | 'ended' {
  if (d.revokedAt) return 'revoked';
  if (d.inForce) return 'inForce';
  return d.startsOn > todayInVietnam() ? 'coming' : 'ended';
}

/**
 * The section: the form, then the commune's delegations with a way to end each early. A directory
 * or list that cannot be read says so here; the rest of the supervisor's page stands.
 */
export async function delegationsSection(): Promise<HTMLElement[]> {
  const loaded = await Promise.all([
    api<{ items: Officer[] }>('GET', '/v1/officers').then(({ items }) => items),
    api<{ items: Delegation[] }>('GET', '/v1/delegations').then(({ items }) => items),
  ]).catch((failure: unknown) => failure);
  if (!Array.isArray(loaded))
    return [h('h3', {}, tr(T.title)), h('p', { class: 'error' }, errorText(loaded))];
  const [officers, delegations] = loaded as [Officer[], Delegation[]];
  const status = statusRegion();
  const listHolder = h('div', { id: 'delegations' });
  const nameOf = (sub: string) => officers.find((o) => o.sub === sub)?.name ?? sub;
  const redraw = (items: Delegation[]) =>
    show(
      listHolder,
      items.length === 0
        ? h('p', {}, tr(T.none))
        : table(
            tr(T.list),
            [tr(T.delegator), tr(T.delegate), tr(T.from), tr(T.to), tr(T.state), ''],
            items.map((d) => [
              nameOf(d.delegator),
              nameOf(d.delegate),
              formatDate(d.startsOn),
              formatDate(d.endsOn),
              h('span', { 'data-delegation-state': d.delegationId }, tr(T[stateOf(d)])),
              ['inForce', 'coming'].includes(stateOf(d))
                ? revokeButton(d, () => void reload())
                : '',
            ]),
          ),
    );
  const reload = () =>
    api<{ items: Delegation[] }>('GET', '/v1/delegations').then(({ items }) => redraw(items));
  const revokeButton = (d: Delegation, done: () => void) => {
    const button = h(
      'button',
      { type: 'button', class: 'secondary', 'data-revoke': d.delegationId },
      tr(T.revoke),
    );
    button.addEventListener('click', () => {
      void confirmAction({
        title: tr(T.revokeTitle),
        lines: [
          tr(T.revokeLine)
            .replace('{delegate}', nameOf(d.delegate))
            .replace('{delegator}', nameOf(d.delegator)),
        ],
        confirm: tr(T.revoke),
      }).then((yes) => {
        if (!yes) return;
        api('POST', `/v1/delegations/${d.delegationId}/revocation`, undefined, {
          idempotencyKey: newIdempotencyKey(),
        }).then(done, (failure: unknown) => (status.textContent = errorText(failure)));
      });
    });
    return button;
  };
  redraw(delegations);

  const pick = (id: string, label: Text) =>
    h(
      'div',
      { class: 'field' },
      h('label', { for: id }, tr(label)),
      h(
        'select',
        { id, name: id },
        h('option', { value: '' }, t('choose')),
        ...officers.map((o) =>
          h('option', { value: o.sub }, `${o.name} — ${o.agency ? agencyName(o.agency) : ''}`),
        ),
      ),
    );
  const date = (id: string, label: Text) =>
    h(
      'div',
      { class: 'field' },
      h('label', { for: id }, tr(label)),
      h('input', { type: 'date', id, name: id, value: todayInVietnam(), required: true }),
    );
  const error = h('p', { class: 'error', id: 'delegation-error' });
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'aria-labelledby': 'delegation-form' },
    h('h3', { id: 'delegation-form' }, tr(T.title)),
    h('p', { class: 'hint' }, tr(T.intro)),
    h(
      'div',
      { class: 'grid' },
      pick('delegation-delegator', T.delegator),
      pick('delegation-delegate', T.delegate),
      date('delegation-from', T.from),
      date('delegation-to', T.to),
    ),
    error,
    h('button', { type: 'submit', class: 'primary' }, tr(T.submit)),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.replaceChildren();
    const value = (id: string) => form.querySelector<HTMLInputElement>(`#${id}`)?.value ?? '';
    const body = {
      delegator: value('delegation-delegator'),
      delegate: value('delegation-delegate'),
      startsOn: value('delegation-from'),
      endsOn: value('delegation-to'),
    };
    api<Delegation>('POST', '/v1/delegations', body, { idempotencyKey: newIdempotencyKey() }).then(
      (made) => {
        status.textContent = tr(T.made)
          .replace('{delegate}', nameOf(made.delegate))
          .replace('{delegator}', nameOf(made.delegator))
          .replace('{from}', formatDate(made.startsOn))
          .replace('{to}', formatDate(made.endsOn));
        void reload();
      },
      // The API's reasons, in the page's language; a missing choice, as zod says it.
      (failure: unknown) => {
        const issues =
          failure instanceof ApiProblem && failure.status === 400 ? failure.errors : [];
        error.textContent = issues.length
          ? issues.map((i) => i.detail).join('; ')
          : errorText(failure);
      },
    );
  });
  return [form, listHolder];
}
