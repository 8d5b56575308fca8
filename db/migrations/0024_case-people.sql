-- Up Migration
-- Finding a case by the people it names (issue 22): by PIN, or by name typed without accents
-- ("nguyen van a" finds "Nguyễn Văn A"). One row per person of the application as filed
-- (domain/case-people.ts), written by the API at filing. Personal data: read only through
-- GET /v1/cases, within the caller's commune (audited).
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is only STABLE (its dictionary could change): an index needs a function declared
-- IMMUTABLE, with the dictionary named. Vietnamese: đ → d, ơ/ư → o/u, tones dropped.
CREATE FUNCTION fold_name(name text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN lower(public.unaccent('public.unaccent'::regdictionary, name));

CREATE TABLE case_people (
  case_id   text NOT NULL,
  -- 0 is whom the case is about (the child, the deceased); the lists show that name.
  position  integer NOT NULL CHECK (position >= 0),
  role      text NOT NULL,
  full_name text NOT NULL,
  pin       text,
  folded    text GENERATED ALWAYS AS (fold_name(full_name)) STORED,
  PRIMARY KEY (case_id, position)
);
CREATE INDEX case_people_by_pin ON case_people (pin) WHERE pin IS NOT NULL;
CREATE INDEX case_people_by_name ON case_people USING gin (folded gin_trgm_ops);

GRANT SELECT, INSERT ON case_people TO lien_thong_app;
GRANT EXECUTE ON FUNCTION fold_name(text) TO lien_thong_app;

-- Down Migration
DROP TABLE case_people;
DROP FUNCTION fold_name(text);
