// The 54 ethnic groups of Vietnam, as the e-forms ask for a Vietnamese citizen's "dân tộc" (DOMAIN.md
// §3A: child, parents, the deceased). Source: Danh mục các dân tộc Việt Nam, Quyết định
// 121-TCTK/PPCĐ ngày 02/3/1979 của Tổng cục Thống kê — the list and codes the statistics office and
// the population database use. Not in DOMAIN.md: written from that decision's list as commonly
// reproduced (S; the codes' order after 45 to be checked against the decision's text). Names in the
// decision's spelling; the usual other spellings (Mông for HMông, Khmer for Khơ-me…) are accepted
// and shown as the decision spells them.

export interface EthnicGroup {
  /** Two digits, 01 (Kinh) to 54. */
  code: string;
  name: string;
  /** Other spellings people type for it. */
  also?: readonly string[];
}

export const ETHNIC_GROUPS: readonly EthnicGroup[] = [
  { code: '01', name: 'Kinh', also: ['Việt'] },
  { code: '02', name: 'Tày' },
  { code: '03', name: 'Thái' },
  { code: '04', name: 'Hoa' },
  { code: '05', name: 'Khơ-me', also: ['Khmer', 'Khơ Me'] },
  { code: '06', name: 'Mường' },
  { code: '07', name: 'Nùng' },
  { code: '08', name: 'HMông', also: ['Mông', 'H’Mông', "H'Mông", 'Hmong'] },
  { code: '09', name: 'Dao' },
  { code: '10', name: 'Gia-rai', also: ['Jrai', 'Gia Rai'] },
  { code: '11', name: 'Ngái' },
  { code: '12', name: 'Ê-đê', also: ['Ê Đê', 'Rhadé'] },
  { code: '13', name: 'Ba na', also: ['Bahnar'] },
  { code: '14', name: 'Xơ-Đăng', also: ['Xơ Đăng', 'Sedang'] },
  { code: '15', name: 'Sán Chay', also: ['Cao Lan', 'Sán Chỉ'] },
  { code: '16', name: 'Cơ-ho', also: ['Cơ Ho', 'Koho'] },
  { code: '17', name: 'Chăm', also: ['Chàm', 'Cham'] },
  { code: '18', name: 'Sán Dìu' },
  { code: '19', name: 'Hrê', also: ['H’rê', "H're"] },
  { code: '20', name: 'Mnông', also: ['M’Nông', "M'Nông"] },
  { code: '21', name: 'Ra-glai', also: ['Raglay', 'Ra Glai'] },
  { code: '22', name: 'Xtiêng', also: ['X’tiêng', 'Stiêng'] },
  { code: '23', name: 'Bru-Vân Kiều', also: ['Bru Vân Kiều', 'Vân Kiều'] },
  { code: '24', name: 'Thổ' },
  { code: '25', name: 'Giáy' },
  { code: '26', name: 'Cơ-tu', also: ['Cơ Tu', 'Katu'] },
  { code: '27', name: 'Gié-Triêng', also: ['Gié Triêng'] },
  { code: '28', name: 'Mạ' },
  { code: '29', name: 'Khơ-mú', also: ['Khơ Mú', 'Khmu'] },
  { code: '30', name: 'Co' },
  { code: '31', name: 'Tà-ôi', also: ['Tà Ôi', 'Ta Oi'] },
  { code: '32', name: 'Chơ-ro', also: ['Chơ Ro'] },
  { code: '33', name: 'Kháng' },
  { code: '34', name: 'Xinh-mun', also: ['Xinh Mun'] },
  { code: '35', name: 'Hà Nhì' },
  { code: '36', name: 'Chu-ru', also: ['Chu Ru', 'Churu'] },
  { code: '37', name: 'Lào' },
  { code: '38', name: 'La Chí' },
  { code: '39', name: 'La Ha' },
  { code: '40', name: 'Phù Lá' },
  { code: '41', name: 'La Hủ' },
  { code: '42', name: 'Lự' },
  { code: '43', name: 'Lô Lô' },
  { code: '44', name: 'Chứt' },
  { code: '45', name: 'Mảng' },
  { code: '46', name: 'Pà Thẻn' },
  { code: '47', name: 'Cơ Lao', also: ['Cờ Lao'] },
  { code: '48', name: 'Cống' },
  { code: '49', name: 'Bố Y' },
  { code: '50', name: 'Si La' },
  { code: '51', name: 'Pu Péo' },
  { code: '52', name: 'Brâu' },
  { code: '53', name: 'Ơ Đu' },
  { code: '54', name: 'Rơ-măm', also: ['Rơ Măm'] },
];

/** Letters only, without tones, marks or case: "H'Mông", "hmong" and "HMông" fold alike. */
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

const BY_FOLDED = new Map(
  ETHNIC_GROUPS.flatMap((group) =>
    [group.name, ...(group.also ?? [])].map((spelling) => [fold(spelling), group] as const),
  ),
);

/** The group `text` names, however it is spelled or accented; undefined if none of the 54. */
export const ethnicGroupOf = (text: string): EthnicGroup | undefined => BY_FOLDED.get(fold(text));
