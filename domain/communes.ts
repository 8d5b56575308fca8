// Communes and wards known to this installation, with the 3-digit province code that begins the
// personal ID numbers issued there. A demonstration set: production loads the national list of
// 3,321 communes (two-tier local government from 01/07/2025) as reference data.
export interface Commune {
  code: string;
  name: string;
  province: string;
  /** First three digits of a PIN registered in this province (DOMAIN.md §3A). */
  provinceCode: string;
}

export const DEMO_COMMUNES: readonly Commune[] = [
  { code: '00004', name: 'Phường Ba Đình', province: 'Hà Nội', provinceCode: '001' },
  { code: '00070', name: 'Phường Hoàn Kiếm', province: 'Hà Nội', provinceCode: '001' },
  { code: '00256', name: 'Phường Cầu Giấy', province: 'Hà Nội', provinceCode: '001' },
  { code: '09877', name: 'Xã Sóc Sơn', province: 'Hà Nội', provinceCode: '001' },
  { code: '26734', name: 'Phường Sài Gòn', province: 'Thành phố Hồ Chí Minh', provinceCode: '079' },
  { code: '20194', name: 'Phường Hải Châu', province: 'Thành phố Đà Nẵng', provinceCode: '048' },
];

/** A region above the province: the area of a regional office (a BHXH khu vực, say). */
export interface Region {
  code: string;
  name: string;
  /** The 3-digit codes of the provinces it covers. */
  provinceCodes: readonly string[];
}

/**
 * A demonstration set, like the communes. Since 01/07/2025 BHXH's local offices are organised above
 * the commune and the office that serves each place is not in DOMAIN.md (§8, marked U): production
 * loads the agencies' own areas as reference data.
 */
export const DEMO_REGIONS: readonly Region[] = [
  { code: 'north-demo', name: 'Khu vực phía Bắc (thử nghiệm)', provinceCodes: ['001'] },
  { code: 'south-demo', name: 'Khu vực phía Nam (thử nghiệm)', provinceCodes: ['079', '048'] },
];
