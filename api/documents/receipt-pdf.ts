// The desk receipt as a PDF (issue 21): "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", laid out after
// form 01 of Circular 01/2018/TT-VPCP (Decree 61/2018/NĐ-CP, the one-stop mechanism), in Vietnamese,
// with a QR code that opens the case's page. pdf-lib draws it with DejaVu Sans, which covers
// Vietnamese fully and ships in the dejavu-fonts-ttf package: nothing is fetched at run time.
import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import { vietnamDate, vietnamDateTime } from '../../domain/calendar/vietnam';
import { dmy, type ReceiptFacts } from '../../domain/receipt';

export interface ReceiptDocument {
  facts: ReceiptFacts;
  /** The receiving commune's name ("Xã …", "Phường …"). */
  communeName: string;
  /** The appointment: the case's legal deadline (ISO instant). */
  appointment: string;
  /** Where the case is followed: its page, encoded in the QR code. */
  trackingUrl: string;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const SIZE = 11.5;
const LEADING = 16;

let fonts: Promise<{ regular: Uint8Array; bold: Uint8Array }> | undefined;
const fontFiles = () =>
  (fonts ??= Promise.all([
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  ]).then(([regular, bold]) => ({ regular, bold })));

/** Vietnam's local time of an instant: `HH giờ mm phút, ngày dd/mm/yyyy`. */
function localTime(iso: string): string {
  const local = vietnamDateTime(Date.parse(iso));
  return `${local.slice(11, 13)} giờ ${local.slice(14, 16)} phút, ngày ${localDate(iso)}`;
}

const localDate = (iso: string) => dmy(vietnamDate(Date.parse(iso)));

export async function renderReceipt(receipt: ReceiptDocument): Promise<Uint8Array> {
  const { facts, communeName, appointment, trackingUrl } = receipt;
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const files = await fontFiles();
  const regular = await doc.embedFont(files.regular, { subset: true });
  const bold = await doc.embedFont(files.bold, { subset: true });
  doc.setTitle(`Giấy tiếp nhận hồ sơ và hẹn trả kết quả ${facts.caseCode}`);
  doc.setLanguage('vi-VN');
  doc.setSubject(facts.caseCode);
  doc.setCreator('Liên thông');
  const page = doc.addPage(A4);
  const width = A4[0] - 2 * MARGIN;
  let y = A4[1] - MARGIN;

  const centred = (text: string, font: PDFFont, size: number, left: number, span: number) =>
    page.drawText(text, {
      x: left + (span - font.widthOfTextAtSize(text, size)) / 2,
      y,
      size,
      font,
    });
  const half = width / 2;
  centred(`UBND ${communeName.toUpperCase()}`, regular, 10.5, MARGIN, half);
  centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold, 10.5, MARGIN + half, half);
  y -= 14;
  centred('BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ', bold, 10.5, MARGIN, half);
  centred('Độc lập - Tự do - Hạnh phúc', bold, 10.5, MARGIN + half, half);
  y -= 22;
  page.drawText(`Mã hồ sơ: ${facts.caseCode}`, { x: MARGIN, y, size: SIZE, font: bold });
  const dated = `${communeName}, ngày ${localDate(facts.receivedAt)}`;
  page.drawText(dated, {
    x: MARGIN + width - regular.widthOfTextAtSize(dated, 10.5),
    y,
    size: 10.5,
    font: regular,
  });
  y -= 36;
  centred('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', bold, 14, MARGIN, width);
  y -= 30;

  const qrSize = 108;
  const qr = await doc.embedPng(
    await QRCode.toBuffer(trackingUrl, { errorCorrectionLevel: 'M', margin: 1, scale: 6 }),
  );
  const write = (text: string, font: PDFFont = regular, indent = 0, narrow = 0) => {
    for (const line of wrap(text, font, SIZE, width - indent - narrow)) {
      page.drawText(line, { x: MARGIN + indent, y, size: SIZE, font });
      y -= LEADING;
    }
  };
  write(`Bộ phận tiếp nhận và trả kết quả UBND ${communeName} tiếp nhận hồ sơ của:`);
  write(`Ông/Bà: ${facts.applicant.fullName}`, bold);
  write(`Số điện thoại: ${facts.applicant.phone}`);
  write(`Nội dung yêu cầu giải quyết: ${facts.request}.`);
  write('1. Thành phần hồ sơ nộp gồm:');
  facts.items.forEach((item, i) => write(`${i + 1}) ${item};`, regular, 16));
  write('2. Số lượng hồ sơ: 01 (bộ).');
  write(`3. Thời gian nhận hồ sơ: ${localTime(facts.receivedAt)}.`);
  write(`4. Thời gian trả kết quả giải quyết hồ sơ: ngày ${localDate(appointment)}.`, bold);
  y -= 4;
  const qrTop = y;
  write(
    '5. Theo dõi hồ sơ: quét mã QR bên cạnh, hoặc tra cứu mã hồ sơ trên trang của Liên thông.',
    regular,
    0,
    qrSize + 12,
  );
  write(trackingUrl, regular, 16, qrSize + 12);
  page.drawImage(qr, {
    x: MARGIN + width - qrSize,
    y: qrTop - qrSize + SIZE,
    width: qrSize,
    height: qrSize,
  });
  y = Math.min(y, qrTop - qrSize) - 28;
  signature(page, { bold, regular, y, left: MARGIN, span: half }, 'NGƯỜI NỘP HỒ SƠ', [
    '(Ký và ghi rõ họ tên)',
    '',
    '',
    facts.applicant.fullName,
  ]);
  signature(page, { bold, regular, y, left: MARGIN + half, span: half }, 'NGƯỜI TIẾP NHẬN HỒ SƠ', [
    '(Ký và ghi rõ họ tên)',
    '',
    '',
    facts.receivedBy,
  ]);
  page.drawText('Liên thông: hồ sơ điện tử, không cần nộp lại bản giấy (NĐ 107/2021/NĐ-CP).', {
    x: MARGIN,
    y: MARGIN - 20,
    size: 8.5,
    font: regular,
    color: rgb(0.35, 0.35, 0.35),
  });
  return doc.save();
}

function signature(
  page: PDFPage,
  at: { bold: PDFFont; regular: PDFFont; y: number; left: number; span: number },
  title: string,
  lines: string[],
): void {
  let { y } = at;
  for (const [text, font] of [
    [title, at.bold] as const,
    ...lines.map((l) => [l, at.regular] as const),
  ]) {
    page.drawText(text, {
      x: at.left + (at.span - font.widthOfTextAtSize(text, SIZE)) / 2,
      y,
      size: SIZE,
      font,
    });
    y -= LEADING;
  }
}

/** Breaks `text` into lines no wider than `width`: at spaces, and inside a word longer than a line (a link). */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (candidate: string) => font.widthOfTextAtSize(candidate, size) <= width;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    for (const char of word) {
      if (line && !fits(line + char)) {
        lines.push(line);
        line = '';
      }
      line += char;
    }
  }
  if (line) lines.push(line);
  return lines;
}
