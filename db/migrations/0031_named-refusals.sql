-- Up Migration
-- A refused request's refusal by name and values (domain/procedures/refusals.ts), so the API says it
-- in the caller's language; `message` keeps its English words, all a run from before wrote.
ALTER TABLE action_outcomes ADD COLUMN refusal jsonb;

-- Down Migration
ALTER TABLE action_outcomes DROP COLUMN refusal;
