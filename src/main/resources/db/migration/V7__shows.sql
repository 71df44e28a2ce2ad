-- Shows: a run of the call-in show from its start to its end. A show owns the studio's turns (each with its
-- speaker, whatever kind), its chapters (one per caller or segment, titled by topic, with the segment's summary
-- once it is over) and the calls that came in on the show line while it ran.
CREATE SEQUENCE shows_id START WITH 1 INCREMENT BY 1;

CREATE TABLE shows (
    id             BIGINT        NOT NULL PRIMARY KEY,
    title          VARCHAR(200)  NOT NULL,
    server_id      VARCHAR(200)  NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at       TIMESTAMP WITH TIME ZONE,
    recording_dir  VARCHAR(512)
);
CREATE INDEX shows_started ON shows (started_at);

CREATE TABLE show_turns (
    show_id        BIGINT        NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
    seq            BIGINT        NOT NULL,
    speaker        VARCHAR(100)  NOT NULL,
    kind           VARCHAR(16)   NOT NULL,
    speaker_key    VARCHAR(64)   NOT NULL,
    text           VARCHAR(8000) NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    interrupted    BOOLEAN       NOT NULL,
    mood           VARCHAR(16),
    PRIMARY KEY (show_id, seq)
);

CREATE TABLE show_chapters (
    show_id        BIGINT        NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
    seq            BIGINT        NOT NULL,
    title          VARCHAR(300)  NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    call_sid       VARCHAR(34),
    persona_id     BIGINT,
    summary        VARCHAR(4000),
    PRIMARY KEY (show_id, seq)
);

CREATE TABLE show_calls (
    show_id        BIGINT        NOT NULL REFERENCES shows (id) ON DELETE CASCADE,
    call_sid       VARCHAR(34)   NOT NULL,
    PRIMARY KEY (show_id, call_sid)
);
CREATE INDEX show_calls_call ON show_calls (call_sid);
