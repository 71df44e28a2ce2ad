package io.parley.store;

import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The callers, read and changed directly (not through the write-behind path): these are an operator's requests
 * and the webhook's question whether to answer, which want the database's answer now.
 */
public class CallerDirectory {

    /**
     * What erasing a caller took from the database: their calls, whose recordings are still to delete, and the
     * paths of the messages they left on the show line (relative to the recordings folder), also still to delete.
     */
    public record Erased(List<ErasedCall> calls, List<String> voicemails) {

        public Erased {
            calls = List.copyOf(calls);
            voicemails = List.copyOf(voicemails);
        }

        public List<String> callSids() {
            return calls.stream().map(ErasedCall::callSid).toList();
        }
    }

    /**
     * An erased call: when it began, and its recording's path if one was stored (a recording finishing as the
     * caller is erased is not stored yet: its file is found by the call's SID and day).
     */
    public record ErasedCall(String callSid, Instant createdAt, String recordingPath) {
    }

    /** Query hint: how long the webhook waits for the database before deciding without it. */
    static final int LOOKUP_TIMEOUT_MILLIS = 2000;

    private final EntityManagerFactory emf;

    public CallerDirectory(EntityManagerFactory emf) {
        this.emf = emf;
    }

    public Optional<Caller> byNumber(String number) {
        return Units.read(emf, em -> em.createQuery("SELECT c FROM CallerEntity c WHERE c.phoneNumber = :n", CallerEntity.class)
                .setParameter("n", number).setHint("jakarta.persistence.query.timeout", LOOKUP_TIMEOUT_MILLIS)
                .getResultStream().findFirst().map(Caller::of));
    }

    /** The summaries of the caller's last {@code calls} calls that have one, newest first. */
    public List<String> summaries(long callerId, int calls) {
        if (calls <= 0) {
            return List.of();
        }
        return Units.read(emf, em -> em.createQuery("SELECT c.summary FROM CallEntity c WHERE c.callerId = :id AND c.summary "
                        + "IS NOT NULL ORDER BY c.createdAt DESC", String.class).setParameter("id", callerId)
                .setHint("jakarta.persistence.query.timeout", LOOKUP_TIMEOUT_MILLIS).setMaxResults(calls)
                .getResultList());
    }

    public Optional<Caller> byId(long id) {
        return Units.read(emf, em -> Optional.ofNullable(em.find(CallerEntity.class, id)).map(Caller::of));
    }

    /** Callers in the order they were added, after {@code afterId}. */
    public List<Caller> list(long afterId, int limit) {
        return Units.read(emf, em -> em.createQuery("SELECT c FROM CallerEntity c WHERE c.id > :after ORDER BY c.id",
                        CallerEntity.class).setParameter("after", afterId).setMaxResults(limit)
                .getResultStream().map(Caller::of).toList());
    }

    /** Adds a caller ahead of their first call; empty when the number is already known. */
    public Optional<Caller> add(String number, CallerChanges details, Instant now) {
        return Units.write(emf, em -> {
            boolean known = !em.createQuery("SELECT c.id FROM CallerEntity c WHERE c.phoneNumber = :n", Long.class)
                    .setParameter("n", number).getResultList().isEmpty();
            if (known) {
                return Optional.empty();
            }
            CallerEntity caller = new CallerEntity(number, now);
            details.applyTo(caller);
            em.persist(caller);
            em.flush();
            return Optional.of(Caller.of(caller));
        });
    }

    public Optional<Caller> change(long id, CallerChanges changes) {
        return Units.write(emf, em -> Optional.ofNullable(em.find(CallerEntity.class, id)).map(caller -> {
            changes.applyTo(caller);
            return Caller.of(caller);
        }));
    }

    /**
     * Erases the caller and everything of theirs: their calls and the calls' turns (the database cascades), and
     * the messages they left on the show line (by their number, or by a call of theirs).
     *
     * @return the calls erased and their recordings' paths, or empty when there is no such caller
     */
    public Optional<Erased> erase(long id) {
        return Units.write(emf, em -> {
            CallerEntity caller = em.find(CallerEntity.class, id);
            if (caller == null) {
                return Optional.empty();
            }
            List<CallEntity> rows = em.createQuery("SELECT c FROM CallEntity c WHERE c.callerId = :id",
                    CallEntity.class).setParameter("id", id).getResultList();
            List<ErasedCall> calls = rows.stream().map(c -> new ErasedCall(c.callSid, c.createdAt, c.recordingPath))
                    .toList();
            List<String> voicemails = em.createQuery("SELECT v.path FROM VoicemailEntity v WHERE v.from = :number"
                            + " OR v.callSid IN (SELECT c.callSid FROM CallEntity c WHERE c.callerId = :id)", String.class)
                    .setParameter("number", caller.phoneNumber).setParameter("id", id).getResultList();
            em.createQuery("DELETE FROM VoicemailEntity v WHERE v.from = :number OR v.callSid IN (SELECT c.callSid"
                            + " FROM CallEntity c WHERE c.callerId = :id)").setParameter("number", caller.phoneNumber)
                    .setParameter("id", id).executeUpdate();
            LatencyDays.uncountCallsOf(em, id);
            em.createQuery("DELETE FROM TurnEntity t WHERE t.callSid IN (SELECT c.callSid FROM CallEntity c "
                    + "WHERE c.callerId = :id)").setParameter("id", id).executeUpdate();
            em.createQuery("DELETE FROM CallEntity c WHERE c.callerId = :id").setParameter("id", id).executeUpdate();
            em.remove(caller);
            return Optional.of(new Erased(calls, voicemails));
        });
    }
}
