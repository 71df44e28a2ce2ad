package io.parley.store;

import java.time.Instant;

/** A show: its title, when it started and ended (null while it runs), and where its recording is. */
public record ShowRow(long id, String title, String serverId, Instant startedAt, Instant endedAt,
                      String recordingDir) {

    public boolean running() {
        return endedAt == null;
    }
}
