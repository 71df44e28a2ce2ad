-- Parley's first schema: callers, their calls, and every turn of each call.
-- Written for both H2 2.x and PostgreSQL 15: standard types and sequences only, no vendor functions.

-- caller ids come from a sequence (EclipseLink's H2 platform cannot read back H2 2.x identity values)
CREATE SEQUENCE callers_id START WITH 1 INCREMENT BY 1;

CREATE TABLE callers (
    id             BIGINT        NOT NULL PRIMARY KEY,
    phone_number   VARCHAR(32)   NOT NULL,
    name           VARCHAR(100),
    notes          VARCHAR(4000),
    blocked        BOOLEAN       NOT NULL DEFAULT FALSE,
    first_call_at  TIMESTAMP WITH TIME ZONE,
    last_call_at   TIMESTAMP WITH TIME ZONE,
    call_count     INTEGER       NOT NULL DEFAULT 0,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT callers_phone_number UNIQUE (phone_number)
);

CREATE TABLE calls (
    call_sid            VARCHAR(34)   NOT NULL PRIMARY KEY,
    caller_id           BIGINT        REFERENCES callers (id) ON DELETE CASCADE,
    server_id           VARCHAR(200)  NOT NULL,
    direction           VARCHAR(16)   NOT NULL,
    from_number         VARCHAR(64),
    to_number           VARCHAR(64),
    status              VARCHAR(16)   NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    answered_at         TIMESTAMP WITH TIME ZONE,
    ended_at            TIMESTAMP WITH TIME ZONE,
    duration_seconds    BIGINT,
    end_reason          VARCHAR(1000),
    stream_sid          VARCHAR(34),
    media_state         VARCHAR(16),
    media_reason        VARCHAR(1000),
    frames_in           BIGINT,
    frames_out          BIGINT,
    frames_dropped      BIGINT,
    marks_sent          BIGINT,
    marks_echoed        BIGINT,
    clears              BIGINT,
    mark_round_trip_ms  BIGINT,
    messages_refused    BIGINT,
    dtmf                VARCHAR(200)
);

-- GET /api/calls: newest first, with the SID as the tie-break of the cursor
CREATE INDEX calls_newest ON calls (created_at DESC, call_sid DESC);
CREATE INDEX calls_from ON calls (from_number, created_at);
CREATE INDEX calls_caller ON calls (caller_id, created_at);
-- start-up: the calls this server left active
CREATE INDEX calls_server_status ON calls (server_id, status);

CREATE TABLE turns (
    call_sid            VARCHAR(34)   NOT NULL REFERENCES calls (call_sid) ON DELETE CASCADE,
    seq                 INTEGER       NOT NULL,
    speaker             VARCHAR(16)   NOT NULL,
    text                VARCHAR(20000) NOT NULL,
    said_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    interrupted         BOOLEAN       NOT NULL,
    unheard             VARCHAR(20000),
    dtmf_keys           VARCHAR(200),
    failure             VARCHAR(1000),
    transcript_ms       BIGINT,
    first_token_ms      BIGINT,
    first_audio_ms      BIGINT,
    voice_to_voice_ms   BIGINT,
    turn_committed_ms   BIGINT,
    PRIMARY KEY (call_sid, seq)
);

-- the latency report reads turns by time
CREATE INDEX turns_said_at ON turns (said_at);
