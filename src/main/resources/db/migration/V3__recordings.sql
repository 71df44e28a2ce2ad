-- Recordings: the WAV lives on disk, under parley.recording.directory; the call's row says where (relative to that
-- folder), how long it is and how big. A purged recording clears these columns and keeps the call.
ALTER TABLE calls ADD COLUMN recording_path VARCHAR(512);
ALTER TABLE calls ADD COLUMN recording_ms BIGINT;
ALTER TABLE calls ADD COLUMN recording_bytes BIGINT;
-- The number filter of GET /api/calls matches either party: the called number needs an index of its own.
CREATE INDEX calls_to ON calls (to_number, created_at);
