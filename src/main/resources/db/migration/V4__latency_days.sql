-- The latency report's figures, kept as they are written: for each UTC day and stage, how many agent turns took
-- each whole number of milliseconds. A report over weeks merges these exact histograms instead of sorting every
-- turn (docs/PERFORMANCE.md). Stages: 0 transcript, 1 first token, 2 first audio, 3 voice to voice,
-- 4 turn committed. Filled here from the turns already stored.
CREATE TABLE latency_days (
    said_on   DATE     NOT NULL,
    stage     SMALLINT NOT NULL,
    value_ms  BIGINT   NOT NULL,
    turns     BIGINT   NOT NULL,
    PRIMARY KEY (said_on, stage, value_ms)
);

INSERT INTO latency_days (said_on, stage, value_ms, turns)
SELECT CAST(said_at AT TIME ZONE 'UTC' AS DATE), 0, transcript_ms, COUNT(*) FROM turns
WHERE transcript_ms IS NOT NULL GROUP BY CAST(said_at AT TIME ZONE 'UTC' AS DATE), transcript_ms;
INSERT INTO latency_days (said_on, stage, value_ms, turns)
SELECT CAST(said_at AT TIME ZONE 'UTC' AS DATE), 1, first_token_ms, COUNT(*) FROM turns
WHERE first_token_ms IS NOT NULL GROUP BY CAST(said_at AT TIME ZONE 'UTC' AS DATE), first_token_ms;
INSERT INTO latency_days (said_on, stage, value_ms, turns)
SELECT CAST(said_at AT TIME ZONE 'UTC' AS DATE), 2, first_audio_ms, COUNT(*) FROM turns
WHERE first_audio_ms IS NOT NULL GROUP BY CAST(said_at AT TIME ZONE 'UTC' AS DATE), first_audio_ms;
INSERT INTO latency_days (said_on, stage, value_ms, turns)
SELECT CAST(said_at AT TIME ZONE 'UTC' AS DATE), 3, voice_to_voice_ms, COUNT(*) FROM turns
WHERE voice_to_voice_ms IS NOT NULL GROUP BY CAST(said_at AT TIME ZONE 'UTC' AS DATE), voice_to_voice_ms;
INSERT INTO latency_days (said_on, stage, value_ms, turns)
SELECT CAST(said_at AT TIME ZONE 'UTC' AS DATE), 4, turn_committed_ms, COUNT(*) FROM turns
WHERE turn_committed_ms IS NOT NULL GROUP BY CAST(said_at AT TIME ZONE 'UTC' AS DATE), turn_committed_ms;
