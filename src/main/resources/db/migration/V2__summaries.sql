-- Post-call summaries: written after each call, off its path, and carried into the caller's next calls.
ALTER TABLE calls ADD COLUMN summary VARCHAR(4000);
ALTER TABLE calls ADD COLUMN summarised_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX calls_caller_summaries ON calls (caller_id, created_at DESC);
