// Files handed in with a filing or a supplement answer: choosing and uploading them, and opening one
// the API serves. An attachment is fetched with the user's token and opened from a blob URL: a
// plain link could not carry the token, and a token in a URL would end up in logs and history.
import { apiDocument, apiForm } from './api';
import { h, show } from './dom';
import { formatDateTime } from './format';
import { tr, type Text } from './i18n';
import { errorText } from './layout';
import type { Attachment, UploadReceipt } from './types';

const T = {
  files: {
    vi: 'Tệp đính kèm (PDF, JPEG, PNG; tối đa 10 MB mỗi tệp)',
    en: 'Files (PDF, JPEG, PNG; at most 10 MB each)',
  },
  open: { vi: 'Mở tệp', en: 'Open the file' },
  none: { vi: 'Không có tệp đính kèm.', en: 'No files.' },
  uploading: { vi: 'Đang tải lên {name}…', en: 'Uploading {name}…' },
  uploaded: { vi: 'Tải lên lúc {at}', en: 'Uploaded {at}' },
} satisfies Record<string, Text>;

const KIND: Record<Attachment['mediaType'], string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

export const ACCEPT = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png';

const size = (bytes: number) =>
  bytes < 1_048_576
    ? `${Math.max(1, Math.round(bytes / 1024))} kB`
    : `${(bytes / 1_048_576).toFixed(1)} MB`;

/** A file input with its label and error slot (`id`-error, for aria-describedby). */
export function fileField(id: string, label: string = tr(T.files)) {
  const error = h('p', { class: 'error', id: `${id}-error` });
  const input = h('input', {
    id,
    type: 'file',
    multiple: true,
    accept: ACCEPT,
    'aria-describedby': `${id}-error`,
  });
  return {
    field: h('div', { class: 'field wide' }, h('label', { for: id }, label), input, error),
    input,
    error,
  };
}

/**
 * A file already uploaded from this page, by the file and item: sending the form again (after an
 * error) names the same upload, so the request under its Idempotency-Key stays the same request.
 */
const uploaded = new WeakMap<File, { item: string; uploadId: string }>();

/** Uploads each chosen file as answering `item`, one after the other; their upload ids. */
export async function uploadAll(
  files: Iterable<File>,
  item: string,
  progress: HTMLElement,
): Promise<string[]> {
  const ids: string[] = [];
  for (const file of files) {
    const earlier = uploaded.get(file);
    if (earlier?.item === item) {
      ids.push(earlier.uploadId);
      continue;
    }
    show(progress, tr(T.uploading).replace('{name}', file.name));
    const form = new FormData();
    form.append('item', item);
    form.append('file', file, file.name);
    const { uploadId } = await apiForm<UploadReceipt>('/v1/uploads', form);
    uploaded.set(file, { item, uploadId });
    ids.push(uploadId);
  }
  show(progress);
  return ids;
}

/** Opens the attachment in a new tab, from a blob URL (released once the tab has it). */
function open(attachment: Attachment, status: HTMLElement): void {
  apiDocument(attachment.href, attachment.mediaType).then(
    (blob) => {
      const url = URL.createObjectURL(new Blob([blob], { type: attachment.mediaType }));
      const link = h('a', { href: url, target: '_blank', rel: 'noopener' });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    (error: unknown) => show(status, errorText(error)),
  );
}

/** One attachment: what it answers, what it is, and a button that opens it. */
export function attachmentItem(attachment: Attachment): HTMLLIElement {
  const status = h('span', { class: 'error', role: 'status' });
  const button = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      'data-attachment': attachment.attachmentId,
      'aria-label': `${tr(T.open)}: ${attachment.item}`,
    },
    tr(T.open),
  );
  button.addEventListener('click', () => open(attachment, status));
  return h(
    'li',
    { class: 'attachment' },
    h('span', {}, attachment.item),
    ' — ',
    `${KIND[attachment.mediaType]}, ${size(attachment.size)}, `,
    tr(T.uploaded).replace('{at}', formatDateTime(attachment.uploadedAt)),
    ' ',
    button,
    ' ',
    status,
  );
}

export function attachmentList(attachments: readonly Attachment[]): HTMLElement {
  if (attachments.length === 0) return h('p', {}, tr(T.none));
  return h('ul', { class: 'attachments' }, ...attachments.map(attachmentItem));
}
