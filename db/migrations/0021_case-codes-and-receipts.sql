-- Up Migration
-- The desk's receipt of a filing (issue 21). Human-readable case codes (domain/case-code.ts):
-- `KS-00004-2612-000123`, given by the API when it files the case, printed on the desk receipt,
-- shown in the case view and searched by. The
-- running number counts per group, commune and month; a case id keeps the code it was first given
-- (a retried filing, a filing of a business key whose case exists, gets the same one).
CREATE TABLE case_code_counters (
  prefix  text NOT NULL,
  commune text NOT NULL,
  -- YYMM of receipt, Vietnam time.
  period  char(4) NOT NULL,
  last    integer NOT NULL,
  PRIMARY KEY (prefix, commune, period)
);

CREATE TABLE case_codes (
  case_id     text PRIMARY KEY,
  code        text NOT NULL UNIQUE,
  assigned_at timestamptz NOT NULL DEFAULT now()
);

-- What the desk's receipt says of a filing (domain/receipt.ts): taken from the application as filed,
-- kept for the receipt to be printed again. The applicant's name and phone are personal data: read
-- only through GET /v1/cases/{caseId}/receipt.pdf, by who may read the case (audited).
CREATE TABLE filing_receipts (
  case_id     text PRIMARY KEY,
  facts       jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);

-- Written and read by the API (as lien_thong_app, see 0005).
GRANT SELECT, INSERT, UPDATE ON case_code_counters TO lien_thong_app;
GRANT SELECT, INSERT ON case_codes, filing_receipts TO lien_thong_app;

-- Down Migration
DROP TABLE filing_receipts;
DROP TABLE case_codes;
DROP TABLE case_code_counters;
