-- Up Migration
-- The official notices on public offices' days off (DOMAIN.md §2D), as data: each year's notice
-- places Tết and the National Day break, swaps working days and names the Saturdays that make them up.
-- The statutory rules they refine are code (domain/calendar/vietnam.ts, each citing its article). An
-- admin adds a notice when it is published (POST /v1/calendar/notices, audited); rows are never
-- changed or deleted — a correction is a later notice for the same holiday, and the later one wins.
CREATE TABLE calendar_notices (
  id           bigserial PRIMARY KEY,
  number       text,
  issuer       text NOT NULL,
  issued_on    date,
  year         integer NOT NULL CHECK (year BETWEEN 2000 AND 2999),
  provisional  boolean NOT NULL,
  source       text NOT NULL,
  -- [{ date, holiday, name }]: every day of each holiday the notice places, weekends included.
  days_off     jsonb NOT NULL,
  -- [{ date, replaces }]: a Saturday or Sunday worked for a weekday swapped off.
  make_up_days jsonb NOT NULL,
  recorded_by  text NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  -- A notice is what its issuer numbered it; one with no number (the statute alone) is per year.
  CHECK (number IS NOT NULL OR provisional)
);
CREATE UNIQUE INDEX calendar_notices_by_number ON calendar_notices (issuer, number)
  WHERE number IS NOT NULL;
CREATE INDEX calendar_notices_by_year ON calendar_notices (year, id);

-- Which open cases still have to hear of a notice. Filled with the notice, in its transaction, so a
-- case cannot miss it if the API dies before signalling; emptied (delivered_at set) once the case has
-- been signalled, or has ended. api/calendar-delivery.ts sends what is pending, at once and on a timer.
CREATE TABLE calendar_notice_deliveries (
  notice_id    bigint NOT NULL REFERENCES calendar_notices (id),
  case_id      text NOT NULL,
  delivered_at timestamptz,
  PRIMARY KEY (notice_id, case_id)
);
CREATE INDEX calendar_notice_deliveries_pending ON calendar_notice_deliveries (notice_id)
  WHERE delivered_at IS NULL;

GRANT SELECT, INSERT ON calendar_notices TO lien_thong_app;
GRANT SELECT, INSERT, UPDATE ON calendar_notice_deliveries TO lien_thong_app;
GRANT USAGE ON SEQUENCE calendar_notices_id_seq TO lien_thong_app;

-- The notices for 2025–2027 as DOMAIN.md §2D reads them (verify each against the notice itself).
INSERT INTO calendar_notices
  (number, issuer, issued_on, year, provisional, source, days_off, make_up_days, recorded_by)
VALUES
  (
    '6150/TB-BLĐTBXH', 'Bộ Lao động - Thương binh và Xã hội', NULL, 2025, false,
    'DOMAIN.md §2D (C): Tết 25/01–02/02 (official 27–31/01); 30/4–4/5 with 2/5 swapped, made up '
      || 'Saturday 26/04; National Day 30/08–02/09 (1/9 and 2/9 official)',
    '[
      {"date": "2025-01-25", "holiday": "tet", "name": "Tết Ất Tỵ (nghỉ hằng tuần)"},
      {"date": "2025-01-26", "holiday": "tet", "name": "Tết Ất Tỵ (nghỉ hằng tuần)"},
      {"date": "2025-01-27", "holiday": "tet", "name": "Tết Ất Tỵ"},
      {"date": "2025-01-28", "holiday": "tet", "name": "Tết Ất Tỵ"},
      {"date": "2025-01-29", "holiday": "tet", "name": "Tết Ất Tỵ"},
      {"date": "2025-01-30", "holiday": "tet", "name": "Tết Ất Tỵ"},
      {"date": "2025-01-31", "holiday": "tet", "name": "Tết Ất Tỵ"},
      {"date": "2025-02-01", "holiday": "tet", "name": "Tết Ất Tỵ (nghỉ hằng tuần)"},
      {"date": "2025-02-02", "holiday": "tet", "name": "Tết Ất Tỵ (nghỉ hằng tuần)"},
      {"date": "2025-04-30", "holiday": "reunification", "name": "Ngày Chiến thắng (30/4)"},
      {"date": "2025-05-01", "holiday": "labour", "name": "Ngày Quốc tế Lao động (1/5)"},
      {"date": "2025-05-02", "holiday": "labour", "name": "Nghỉ hoán đổi (làm bù 26/4)"},
      {"date": "2025-05-03", "holiday": "labour", "name": "Nghỉ hằng tuần"},
      {"date": "2025-05-04", "holiday": "labour", "name": "Nghỉ hằng tuần"},
      {"date": "2025-08-30", "holiday": "national-day", "name": "Quốc khánh (nghỉ hằng tuần)"},
      {"date": "2025-08-31", "holiday": "national-day", "name": "Quốc khánh (nghỉ hằng tuần)"},
      {"date": "2025-09-01", "holiday": "national-day", "name": "Quốc khánh (ngày liền kề)"},
      {"date": "2025-09-02", "holiday": "national-day", "name": "Quốc khánh (2/9)"}
    ]',
    '[{"date": "2025-04-26", "replaces": "2025-05-02"}]',
    'migration 0015'
  ),
  (
    '9441/TB-BNV', 'Bộ Nội vụ', '2025-10-16', 2026, false,
    'DOMAIN.md §2D; Tết as reported by https://vietbao.vn/bo-noi-vu-thong-bao-lich-nghi-tet-'
      || 'nguyen-dan-va-quoc-khanh-nam-2026-568329.html (5 days, Mon 16/02 – Fri 20/02, with the '
      || 'weekends 14/02–22/02); National Day Sat 29/08 – Wed 02/09 with Mon 31/08 swapped, made up '
      || 'Saturday 22/08 (S)',
    '[
      {"date": "2026-02-14", "holiday": "tet", "name": "Tết Bính Ngọ (nghỉ hằng tuần)"},
      {"date": "2026-02-15", "holiday": "tet", "name": "Tết Bính Ngọ (nghỉ hằng tuần)"},
      {"date": "2026-02-16", "holiday": "tet", "name": "Tết Bính Ngọ (29 tháng Chạp)"},
      {"date": "2026-02-17", "holiday": "tet", "name": "Tết Bính Ngọ (mùng 1)"},
      {"date": "2026-02-18", "holiday": "tet", "name": "Tết Bính Ngọ (mùng 2)"},
      {"date": "2026-02-19", "holiday": "tet", "name": "Tết Bính Ngọ (mùng 3)"},
      {"date": "2026-02-20", "holiday": "tet", "name": "Tết Bính Ngọ (mùng 4)"},
      {"date": "2026-02-21", "holiday": "tet", "name": "Tết Bính Ngọ (nghỉ hằng tuần)"},
      {"date": "2026-02-22", "holiday": "tet", "name": "Tết Bính Ngọ (nghỉ hằng tuần)"},
      {"date": "2026-08-29", "holiday": "national-day", "name": "Quốc khánh (nghỉ hằng tuần)"},
      {"date": "2026-08-30", "holiday": "national-day", "name": "Quốc khánh (nghỉ hằng tuần)"},
      {"date": "2026-08-31", "holiday": "national-day", "name": "Nghỉ hoán đổi (làm bù 22/8)"},
      {"date": "2026-09-01", "holiday": "national-day", "name": "Quốc khánh (ngày liền kề)"},
      {"date": "2026-09-02", "holiday": "national-day", "name": "Quốc khánh (2/9)"}
    ]',
    '[{"date": "2026-08-22", "replaces": "2026-08-31"}]',
    'migration 0015'
  ),
  (
    NULL, 'Bộ luật Lao động 45/2019/QH14 (no notice published yet)', NULL, 2027, true,
    'DOMAIN.md §2D: no notice found for 2027; the statutory rule applies (Art. 112: Tết 5 days; '
      || 'Art. 111(3): a holiday on a weekly rest day is compensated on the next working day)',
    '[]', '[]', 'migration 0015'
  );

-- Down Migration
DROP TABLE calendar_notice_deliveries;
DROP TABLE calendar_notices;
