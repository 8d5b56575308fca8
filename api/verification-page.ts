// The page a document's QR code opens (GET /verify/{code}): what the document is and whether it
// stands — in Vietnamese, then English — and nothing about the person it concerns. Plain HTML with
// no script, readable on any phone.
import type { Verification } from './schemas/document.schemas';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STATUS = {
  valid: { vi: 'Còn hiệu lực', en: 'Valid', colour: '#0a6b2d' },
  revoked: { vi: 'Đã bị thu hồi', en: 'Revoked', colour: '#a4161a' },
  superseded: { vi: 'Đã được thay thế', en: 'Superseded', colour: '#8a5a00' },
} as const;

const dateTime = (iso: string) =>
  new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });

export function verificationPage(code: string, found: Verification | undefined): string {
  const rows: [string, string][] = found
    ? [
        ['Loại văn bản · Document', `${found.title.vi} · ${found.title.en}`],
        ['Số · Number', found.number],
        ['Cơ quan cấp · Issued by', found.issuer],
        ['Ngày cấp · Issued', dateTime(found.issuedAt)],
        ...(found.revokedAt
          ? [['Ngày thu hồi · Revoked', dateTime(found.revokedAt)] as [string, string]]
          : []),
        ...(found.supersededAt
          ? [
              [
                'Được thay thế bởi bản cấp lại · Superseded by a new issue',
                dateTime(found.supersededAt),
              ] as [string, string],
            ]
          : []),
        ['SHA-256 của tệp PDF · of the PDF', found.sha256],
      ]
    : [];
  const status = found && STATUS[found.status];
  const verdict = status
    ? `<p class="verdict" style="color:${status.colour}">${status.vi} · ${status.en}</p>`
    : '<p class="verdict" style="color:#a4161a">Không tìm thấy văn bản có mã này · No document has this code</p>';
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Xác thực văn bản ${escape(code)} · Liên thông</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 40rem; padding: 1rem; line-height: 1.5; }
.verdict { font-size: 1.4rem; font-weight: 700; }
dt { font-weight: 600; margin-top: .6rem; }
dd { margin: 0; overflow-wrap: anywhere; }
footer { margin-top: 2rem; font-size: .85rem; color: #555; }
</style>
</head>
<body>
<main>
<h1>Xác thực văn bản · Document verification</h1>
<p>Mã · Code: <strong>${escape(code)}</strong></p>
${verdict}
${rows.length ? `<dl>${rows.map(([k, v]) => `<dt>${escape(k)}</dt><dd>${escape(v)}</dd>`).join('')}</dl>` : ''}
<footer>So SHA-256 của tệp bạn có với giá trị trên: khác là không phải văn bản đã cấp. · Compare the SHA-256 of your copy with the value above: if it differs, it is not the document issued.</footer>
</main>
</body>
</html>`;
}
