package io.parley.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code callers}: one phone number Parley has heard from or been told of. */
@Entity
@Table(name = "callers")
public class CallerEntity {

    @Id
    @SequenceGenerator(name = "callers_id", sequenceName = "callers_id", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "callers_id")
    Long id;

    @Column(name = "phone_number", nullable = false, unique = true)
    String phoneNumber;

    String name;

    String notes;

    boolean blocked;

    @Column(name = "first_call_at")
    Instant firstCallAt;

    @Column(name = "last_call_at")
    Instant lastCallAt;

    @Column(name = "call_count")
    int callCount;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    protected CallerEntity() {
        // for Jakarta Persistence
    }

    CallerEntity(String phoneNumber, Instant createdAt) {
        this.phoneNumber = phoneNumber;
        this.createdAt = createdAt;
    }

    void rename(String newName) {
        name = newName;
    }

    /** A name the caller gave on a call: kept only when no name is known (an operator's name stands). */
    void learnName(String heard) {
        if (name == null && heard != null && !heard.isBlank()) {
            name = heard.length() > 100 ? heard.substring(0, 100) : heard;
        }
    }

    void annotate(String newNotes) {
        notes = newNotes;
    }

    void block(boolean isBlocked) {
        blocked = isBlocked;
    }

    /** A call from this number began (counted once per call). */
    void countCall(Instant at) {
        callCount++;
        if (firstCallAt == null || at.isBefore(firstCallAt)) {
            firstCallAt = at;
        }
        if (lastCallAt == null || at.isAfter(lastCallAt)) {
            lastCallAt = at;
        }
    }
}
