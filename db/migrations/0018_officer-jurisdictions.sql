-- Up Migration
-- An officer's jurisdiction is a set (issue 20, DESIGN.md §3): communes, a whole province, or a
-- region. Since 01/07/2025 social insurance, social protection and merit services are organised
-- above the commune (DOMAIN.md §8: district level abolished; BHXH's local offices regrouped), so
-- their officers serve many communes. Each entry of `jurisdictions` is a commune code ('00004'),
-- 'province:<3-digit province code>' or 'region:<code of a region below>'.
ALTER TABLE officers ADD COLUMN jurisdictions text[];
UPDATE officers SET jurisdictions = ARRAY[jurisdiction];
ALTER TABLE officers ALTER COLUMN jurisdictions SET NOT NULL;
ALTER TABLE officers ADD CHECK (cardinality(jurisdictions) > 0);
DROP INDEX officers_by_post;
ALTER TABLE officers DROP COLUMN jurisdiction;
CREATE INDEX officers_by_agency ON officers (agency, sub) WHERE active;

-- Regions above the province (e.g. a BHXH regional office's area): which provinces each covers.
-- Reference data, like the communes; which office serves where is the agencies' to load.
CREATE TABLE regions (
  code text PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE region_provinces (
  region        text NOT NULL REFERENCES regions (code) ON DELETE CASCADE,
  province_code text NOT NULL,
  PRIMARY KEY (region, province_code)
);
GRANT SELECT, INSERT, UPDATE, DELETE ON regions, region_provinces TO lien_thong_app;

-- Whether a jurisdiction (a set of entries as above) covers one commune.
CREATE FUNCTION jurisdiction_covers(jurisdictions text[], commune text) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT commune = ANY (jurisdictions) OR EXISTS (
    SELECT 1 FROM communes c
     WHERE c.code = commune
       AND (('province:' || c.province_code) = ANY (jurisdictions)
            OR EXISTS (SELECT 1 FROM region_provinces r
                        WHERE r.province_code = c.province_code
                          AND ('region:' || r.region) = ANY (jurisdictions))))
$$;

-- Down Migration
DROP FUNCTION jurisdiction_covers(text[], text);
DROP TABLE region_provinces;
DROP TABLE regions;
DROP INDEX officers_by_agency;
ALTER TABLE officers ADD COLUMN jurisdiction text;
UPDATE officers SET jurisdiction = jurisdictions[1];
ALTER TABLE officers ALTER COLUMN jurisdiction SET NOT NULL;
ALTER TABLE officers DROP COLUMN jurisdictions;
CREATE INDEX officers_by_post ON officers (agency, jurisdiction, sub) WHERE active;
