package io.parley.store;

import io.parley.call.CallRecord;
import io.parley.call.CallStatus;
import io.parley.call.ConversationTurn;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads of the stored calls, for the API; and the start-up's closing of calls a dead server left active. */
public class CallHistory {

    /** A page of calls, and the cursor of the next one when there may be more. */
    public record Page(List<CallRecord> calls, Optional<CallCursor> next) {
    }

    public static final String SERVER_STOPPED = "server stopped";

    private static final Set<CallStatus> ACTIVE = Arrays.stream(CallStatus.values()).filter(s -> !s.isTerminal())
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(CallStatus.class)));

    private final EntityManagerFactory emf;

    public CallHistory(EntityManagerFactory emf) {
        this.emf = emf;
    }

    /** One call with its turns in order. */
    public Optional<CallRecord> find(String callSid) {
        EntityManager em = emf.createEntityManager();
        try {
            CallEntity row = em.find(CallEntity.class, callSid);
            if (row == null) {
                return Optional.empty();
            }
            List<ConversationTurn> turns = em.createQuery(
                            "SELECT t FROM TurnEntity t WHERE t.callSid = :sid ORDER BY t.seq", TurnEntity.class)
                    .setParameter("sid", callSid).getResultStream().map(TurnEntity::toTurn).toList();
            return Optional.of(row.toRecord(turns));
        } finally {
            em.close();
        }
    }

    /** What the database adds to a call: its summary (once written), its caller and its recording (once finished). */
    public record Extras(String summary, Caller caller, Recording recording) {
    }

    public Optional<Extras> extras(String callSid) {
        EntityManager em = emf.createEntityManager();
        try {
            CallEntity row = em.find(CallEntity.class, callSid);
            if (row == null) {
                return Optional.empty();
            }
            CallerEntity caller = row.callerId == null ? null : em.find(CallerEntity.class, row.callerId);
            return Optional.of(new Extras(row.summary, caller == null ? null : Caller.of(caller),
                    row.recording()));
        } finally {
            em.close();
        }
    }

    /** A page of calls, newest first, without their turns (one call's view has them). */
    public Page page(CallQuery query) {
        StringBuilder jpql = new StringBuilder("SELECT c FROM CallEntity c WHERE 1 = 1");
        query.number().ifPresent(n -> jpql.append(" AND (c.from = :number OR c.to = :number)"));
        query.since().ifPresent(s -> jpql.append(" AND c.createdAt >= :since"));
        query.until().ifPresent(u -> jpql.append(" AND c.createdAt < :until"));
        query.status().ifPresent(s -> jpql.append(" AND c.status = :status"));
        query.after().ifPresent(a -> jpql.append(
                " AND (c.createdAt < :afterAt OR (c.createdAt = :afterAt AND c.callSid < :afterSid))"));
        jpql.append(" ORDER BY c.createdAt DESC, c.callSid DESC");
        EntityManager em = emf.createEntityManager();
        try {
            TypedQuery<CallEntity> q = em.createQuery(jpql.toString(), CallEntity.class);
            query.number().ifPresent(n -> q.setParameter("number", n));
            query.since().ifPresent(s -> q.setParameter("since", s));
            query.until().ifPresent(u -> q.setParameter("until", u));
            query.status().ifPresent(s -> q.setParameter("status", s));
            query.after().ifPresent(a -> q.setParameter("afterAt", a.createdAt()).setParameter("afterSid", a.callSid()));
            List<CallEntity> rows = q.setMaxResults(query.limit() + 1).getResultList();
            boolean more = rows.size() > query.limit();
            List<CallRecord> calls = rows.stream().limit(query.limit()).map(r -> r.toRecord(List.of())).toList();
            Optional<CallCursor> next = more
                    ? Optional.of(new CallCursor(calls.get(calls.size() - 1).createdAt(),
                    calls.get(calls.size() - 1).callSid()))
                    : Optional.empty();
            return new Page(calls, next);
        } finally {
            em.close();
        }
    }

    /**
     * The latency of each stage over the turns taken in [since, until): exact (as if every value were sorted),
     * from the daily histograms for the whole days of the window and from the turns for its edges.
     */
    public LatencyReport latency(Instant since, Instant until) {
        EntityManager em = emf.createEntityManager();
        try {
            return LatencyDays.report(em, since, until);
        } finally {
            em.close();
        }
    }

    /**
     * Ends the calls that {@code serverId} left active when it stopped without ending them (a crash, a
     * {@code kill -9}): answered ones as completed, the others as failed, each with the reason "server stopped"
     * and the time of the last thing stored of it.
     *
     * @return the SIDs of the calls closed
     */
    public List<String> closeLeftActive(String serverId) {
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            List<CallEntity> left = em.createQuery(
                            "SELECT c FROM CallEntity c WHERE c.serverId = :server AND c.status IN :active",
                            CallEntity.class)
                    .setParameter("server", serverId).setParameter("active", ACTIVE).getResultList();
            List<String> closed = new ArrayList<>();
            for (CallEntity call : left) {
                Instant lastTurn = em.createQuery(
                                "SELECT t FROM TurnEntity t WHERE t.callSid = :sid ORDER BY t.seq DESC", TurnEntity.class)
                        .setParameter("sid", call.callSid).setMaxResults(1).getResultStream()
                        .map(t -> t.saidAt).findFirst().orElse(null);
                call.closeAsServerStopped(lastTurn != null && lastTurn.isAfter(call.updatedAt) ? lastTurn
                        : call.updatedAt);
                closed.add(call.callSid);
            }
            tx.commit();
            return closed;
        } finally {
            if (tx.isActive()) {
                tx.rollback();
            }
            em.close();
        }
    }
}
