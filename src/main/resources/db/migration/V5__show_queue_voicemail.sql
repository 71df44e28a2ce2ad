-- The call-in show. Its hold queue lives in Parley (a caller's stream stays connected to the server that
-- answered), so each queued caller is a row here, written by that server and read by every server: who is
-- screening, waiting, on air or leaving a message, with what the screener and the producer learned.
CREATE TABLE show_queue (
    call_sid       VARCHAR(34)   NOT NULL PRIMARY KEY,
    server_id      VARCHAR(200)  NOT NULL,
    from_number    VARCHAR(64),
    caller_id      BIGINT,
    name           VARCHAR(100),
    topic          VARCHAR(500),
    status         VARCHAR(16)   NOT NULL,
    priority       INTEGER       NOT NULL DEFAULT 0,
    notes          VARCHAR(2000),
    enqueued_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX show_queue_server ON show_queue (server_id);

-- Messages left on the show line (off air, a full queue, a long wait): the WAV is a file under the recordings
-- folder, as a call's recording is.
CREATE SEQUENCE voicemails_id START WITH 1 INCREMENT BY 1;

CREATE TABLE voicemails (
    id             BIGINT        NOT NULL PRIMARY KEY,
    call_sid       VARCHAR(34)   NOT NULL,
    from_number    VARCHAR(64),
    caller_id      BIGINT,
    name           VARCHAR(100),
    topic          VARCHAR(500),
    reason         VARCHAR(32)   NOT NULL,
    path           VARCHAR(512)  NOT NULL,
    millis         BIGINT        NOT NULL,
    bytes          BIGINT        NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT voicemails_call UNIQUE (call_sid)
);
CREATE INDEX voicemails_recorded ON voicemails (recorded_at);
