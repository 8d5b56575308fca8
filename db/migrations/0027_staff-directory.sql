-- Up Migration
-- The directory lists the one-stop desks' clerks and the communes' supervisors beside the agencies'
-- officers (issue 24): the identity provider takes every member of staff's role and jurisdiction from
-- it, never from a sign-in request. An officer serves an agency; a clerk (bộ phận một cửa) and a
-- supervisor (the commune's leadership) serve their jurisdiction, with no agency.
ALTER TABLE officers ADD COLUMN role text NOT NULL DEFAULT 'officer'
  CHECK (role IN ('officer', 'clerk', 'supervisor'));
ALTER TABLE officers ALTER COLUMN agency DROP NOT NULL;
ALTER TABLE officers ADD CONSTRAINT officers_agency_of_officers CHECK ((role = 'officer') = (agency IS NOT NULL));

-- Down Migration
DELETE FROM officers WHERE role <> 'officer';
ALTER TABLE officers DROP CONSTRAINT officers_agency_of_officers;
ALTER TABLE officers ALTER COLUMN agency SET NOT NULL;
ALTER TABLE officers DROP COLUMN role;
