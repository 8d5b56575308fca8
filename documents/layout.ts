// One A4 page of an administrative document, drawn top to bottom: the two-column heading of every
// Vietnamese administrative paper (the issuing body left, the national motto right), a title, lines
// that wrap, a QR code beside some of them, signature blocks. pdf-lib draws it with DejaVu Sans,
// which covers Vietnamese fully and ships in the dejavu-fonts-ttf package: nothing is fetched at
// run time.
import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import { vietnamDate, vietnamDateTime } from '../domain/calendar/vietnam';
import { dmy } from '../domain/receipt';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const SIZE = 11.5;
const LEADING = 16;
const QR_SIZE = 108;

let fonts: Promise<{ regular: Uint8Array; bold: Uint8Array }> | undefined;
const fontFiles = () =>
  (fonts ??= Promise.all([
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  ]).then(([regular, bold]) => ({ regular, bold })));

/** Vietnam's date of an instant: `dd/mm/yyyy`. */
export const localDate = (iso: string) => dmy(vietnamDate(Date.parse(iso)));

/** Vietnam's local time of an instant: `HH giờ mm phút, ngày dd/mm/yyyy`. */
export function localTime(iso: string): string {
  const local = vietnamDateTime(Date.parse(iso));
  return `${local.slice(11, 13)} giờ ${local.slice(14, 16)} phút, ngày ${localDate(iso)}`;
}

export interface SheetHeading {
  /** The issuing body, upper case lines (left column). */
  body: string[];
  title: string;
  /** Under the title: a number, a legal basis. */
  subtitle?: string[];
  /** Left under the heading (a number), and right (place and date). */
  reference: string;
  placeAndDate: string;
  metadata: { title: string; subject: string; keywords?: string[] };
}

export class Sheet {
  private y = A4[1] - MARGIN;
  private readonly width = A4[0] - 2 * MARGIN;

  private constructor(
    readonly doc: PDFDocument,
    private readonly page: PDFPage,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {}

  static async create(heading: SheetHeading): Promise<Sheet> {
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    const files = await fontFiles();
    const sheet = new Sheet(
      doc,
      doc.addPage(A4),
      await doc.embedFont(files.regular, { subset: true }),
      await doc.embedFont(files.bold, { subset: true }),
    );
    doc.setTitle(heading.metadata.title);
    doc.setSubject(heading.metadata.subject);
    if (heading.metadata.keywords) doc.setKeywords(heading.metadata.keywords);
    doc.setLanguage('vi-VN');
    doc.setCreator('Liên thông');
    sheet.heading(heading);
    return sheet;
  }

  private heading({ body, title, subtitle = [], reference, placeAndDate }: SheetHeading): void {
    const half = this.width / 2;
    const motto = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'];
    for (let i = 0; i < Math.max(body.length, motto.length); i++) {
      const left = body[i];
      if (left) this.centred(left, i === body.length - 1 ? this.bold : this.regular, 10.5, 0, half);
      const right = motto[i];
      if (right) this.centred(right, this.bold, 10.5, half, half);
      this.y -= 14;
    }
    this.y -= 8;
    this.page.drawText(reference, { x: MARGIN, y: this.y, size: SIZE, font: this.bold });
    this.page.drawText(placeAndDate, {
      x: MARGIN + this.width - this.regular.widthOfTextAtSize(placeAndDate, 10.5),
      y: this.y,
      size: 10.5,
      font: this.regular,
    });
    this.y -= 36;
    this.centred(title, this.bold, 14, 0, this.width);
    this.y -= 18;
    for (const line of subtitle) {
      this.centred(line, this.regular, 10, 0, this.width);
      this.y -= 14;
    }
    this.y -= 12;
  }

  private centred(text: string, font: PDFFont, size: number, left: number, span: number): void {
    this.page.drawText(text, {
      x: MARGIN + left + (span - font.widthOfTextAtSize(text, size)) / 2,
      y: this.y,
      size,
      font,
    });
  }

  /** A paragraph, wrapped; `narrow` keeps room on the right (for a QR code). */
  write(text: string, { bold = false, indent = 0, narrow = 0 } = {}): void {
    const font = bold ? this.bold : this.regular;
    for (const line of wrap(text, font, SIZE, this.width - indent - narrow)) {
      this.page.drawText(line, { x: MARGIN + indent, y: this.y, size: SIZE, font });
      this.y -= LEADING;
    }
  }

  /** `label: value` lines, the label in regular, the value in bold. */
  fields(rows: [label: string, value: string][]): void {
    for (const [label, value] of rows) {
      const prefix = `${label}: `;
      const indent = this.regular.widthOfTextAtSize(prefix, SIZE);
      this.page.drawText(prefix, { x: MARGIN, y: this.y, size: SIZE, font: this.regular });
      const lines = wrap(value, this.bold, SIZE, this.width - indent);
      for (const line of lines) {
        this.page.drawText(line, { x: MARGIN + indent, y: this.y, size: SIZE, font: this.bold });
        this.y -= LEADING;
      }
      if (lines.length === 0) this.y -= LEADING;
    }
  }

  gap(points: number): void {
    this.y -= points;
  }

  /** A QR code of `url` at the right, with `lines` written beside it. */
  async qr(url: string, lines: string[]): Promise<void> {
    const image = await this.doc.embedPng(
      await QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 1, scale: 6 }),
    );
    const top = this.y;
    for (const line of lines) this.write(line, { narrow: QR_SIZE + 12 });
    this.page.drawImage(image, {
      x: MARGIN + this.width - QR_SIZE,
      y: top - QR_SIZE + SIZE,
      width: QR_SIZE,
      height: QR_SIZE,
    });
    this.y = Math.min(this.y, top - QR_SIZE) - 12;
  }

  /** Signature blocks side by side, each a bold title and its lines, centred in its column. */
  signatures(blocks: { title: string; lines: string[] }[]): void {
    const span = this.width / blocks.length;
    const top = this.y;
    let bottom = top;
    blocks.forEach(({ title, lines }, i) => {
      this.y = top;
      this.centred(title, this.bold, SIZE, i * span, span);
      for (const line of lines) {
        this.y -= LEADING;
        this.centred(line, this.regular, SIZE, i * span, span);
      }
      bottom = Math.min(bottom, this.y);
    });
    this.y = bottom - LEADING;
  }

  /** A small grey line at the foot of the page. */
  footer(text: string): void {
    this.page.drawText(text, {
      x: MARGIN,
      y: MARGIN - 20,
      size: 8.5,
      font: this.regular,
      color: rgb(0.35, 0.35, 0.35),
    });
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
