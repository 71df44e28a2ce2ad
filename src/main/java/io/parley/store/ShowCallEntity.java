package io.parley.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A row of {@code show_calls}: a call that came in on the show line while the show ran. */
@Entity
@Table(name = "show_calls")
@IdClass(ShowCallKey.class)
public class ShowCallEntity {

    @Id
    @Column(name = "show_id")
    long showId;

    @Id
    @Column(name = "call_sid")
    String callSid;

    protected ShowCallEntity() {
        // for Jakarta Persistence
    }

    ShowCallEntity(long showId, String callSid) {
        this.showId = showId;
        this.callSid = callSid;
    }
}
