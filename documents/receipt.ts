// The desk receipt as a PDF (issue 21): "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", laid out after
// form 01 of Circular 01/2018/TT-VPCP (Decree 61/2018/NĐ-CP, the one-stop mechanism), in Vietnamese,
// with a QR code that opens the case's page and one that verifies the receipt itself.
import type { ReceiptFacts } from '../domain/receipt';
import { localDate, localTime, Sheet } from './layout';

export interface ReceiptDocument {
  facts: ReceiptFacts;
  /** The receiving commune's name ("Xã …", "Phường …"). */
  communeName: string;
  /** The appointment: the case's legal deadline (ISO instant). */
  appointment: string;
  /** Who received it, by name: the clerk, or the portal for a citizen's own filing. */
  receivedBy: string;
  /** Where the case is followed: its page, encoded in a QR code. */
  trackingUrl: string;
  /** Where this receipt is verified (GET /verify/{code}), and its code. */
  verification: { url: string; code: string };
}

export async function renderReceipt(receipt: ReceiptDocument): Promise<Uint8Array> {
  const { facts, communeName, appointment, trackingUrl, verification } = receipt;
  const sheet = await Sheet.create({
    body: [`UBND ${communeName.toUpperCase()}`, 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ'],
    title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
    reference: `Mã hồ sơ: ${facts.caseCode}`,
    placeAndDate: `${communeName}, ngày ${localDate(facts.receivedAt)}`,
    metadata: {
      title: `Giấy tiếp nhận hồ sơ và hẹn trả kết quả ${facts.caseCode}`,
      subject: facts.caseCode,
    },
  });
  sheet.write(`Bộ phận tiếp nhận và trả kết quả UBND ${communeName} tiếp nhận hồ sơ của:`);
  sheet.write(`Ông/Bà: ${facts.applicant.fullName}`, { bold: true });
  sheet.write(`Số điện thoại: ${facts.applicant.phone}`);
  sheet.write(`Nội dung yêu cầu giải quyết: ${facts.request}.`);
  sheet.write('1. Thành phần hồ sơ nộp gồm:');
  facts.items.forEach((item, i) => sheet.write(`${i + 1}) ${item};`, { indent: 16 }));
  sheet.write('2. Số lượng hồ sơ: 01 (bộ).');
  sheet.write(`3. Thời gian nhận hồ sơ: ${localTime(facts.receivedAt)}.`);
  sheet.write(`4. Thời gian trả kết quả giải quyết hồ sơ: ngày ${localDate(appointment)}.`, {
    bold: true,
  });
  sheet.gap(4);
  await sheet.qr(trackingUrl, [
    '5. Theo dõi hồ sơ: quét mã QR bên cạnh, hoặc tra cứu mã hồ sơ trên trang của Liên thông.',
    trackingUrl,
  ]);
  await sheet.qr(verification.url, [
    `6. Xác thực giấy này: quét mã QR bên cạnh, hoặc nhập mã ${verification.code} tại trang xác thực.`,
    verification.url,
  ]);
  sheet.gap(12);
  sheet.signatures([
    {
      title: 'NGƯỜI NỘP HỒ SƠ',
      lines: ['(Ký và ghi rõ họ tên)', '', '', facts.applicant.fullName],
    },
    {
      title: 'NGƯỜI TIẾP NHẬN HỒ SƠ',
      lines: ['(Ký và ghi rõ họ tên)', '', '', receipt.receivedBy],
    },
  ]);
  sheet.footer('Liên thông: hồ sơ điện tử, không cần nộp lại bản giấy (NĐ 107/2021/NĐ-CP).');
  return sheet.doc.save();
}
