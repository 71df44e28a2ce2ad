package io.parley.store;

import io.parley.call.CallRecord;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a batch of {@link StoreWrite}s in one transaction. A batch either lands whole or not at all, and
 * writing it again after a failure changes nothing more than writing it once: calls are upserted by SID, turns by
 * (SID, place), and a caller is counted only when their call's row is first created.
 */
public class JournalWriter {

    private final EntityManagerFactory emf;
    private final String serverId;

    public JournalWriter(EntityManagerFactory emf, String serverId) {
        this.emf = emf;
        this.serverId = serverId;
    }

    public void write(List<StoreWrite> batch) {
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            Map<String, CallEntity> calls = new HashMap<>();
            for (StoreWrite write : batch) {
                if (write instanceof StoreWrite.SaveCall save) {
                    saveCall(em, calls, save.call());
                } else if (write instanceof StoreWrite.AddTurn add) {
                    addTurn(em, TurnEntity.of(add.callSid(), add.seq(), add.turn()));
                } else if (write instanceof StoreWrite.Summarise notes) {
                    summarise(em, calls, notes);
                } else if (write instanceof StoreWrite.SaveRecording saved) {
                    row(em, calls, saved.callSid()).ifPresent(row -> row.recorded(saved.recording().path(),
                            saved.recording().millis(), saved.recording().bytes()));
                } else if (write instanceof StoreWrite.ForgetRecording forget) {
                    row(em, calls, forget.callSid()).ifPresent(CallEntity::forgetRecording);
                } else if (write instanceof StoreWrite.SaveQueued queued) {
                    saveQueued(em, queued.row());
                } else if (write instanceof StoreWrite.LeaveQueue left) {
                    QueueEntity row = em.find(QueueEntity.class, left.callSid());
                    if (row != null) {
                        em.remove(row);
                    }
                } else if (write instanceof StoreWrite.SaveVoicemail voicemail) {
                    saveVoicemail(em, voicemail.row());
                } else if (write instanceof StoreWrite.SaveShowTurn turn) {
                    ShowBook.save(em, turn.row());
                } else if (write instanceof StoreWrite.SaveChapter chapter) {
                    ShowBook.save(em, chapter.row());
                } else if (write instanceof StoreWrite.AddShowCall call) {
                    ShowBook.addCall(em, call.showId(), call.callSid());
                }
            }
            tx.commit();
        } finally {
            if (tx.isActive()) {
                tx.rollback();
            }
            em.close();
        }
    }

    private static void saveQueued(EntityManager em, QueueRow row) {
        QueueEntity existing = em.find(QueueEntity.class, row.callSid());
        if (existing == null) {
            em.persist(new QueueEntity(row));
        } else {
            existing.update(row);
        }
    }

    private static void saveVoicemail(EntityManager em, VoicemailRow row) {
        boolean written = !em.createQuery("SELECT v.id FROM VoicemailEntity v WHERE v.callSid = :sid")
                .setParameter("sid", row.callSid()).setMaxResults(1).getResultList().isEmpty();
        if (!written) {
            em.persist(new VoicemailEntity(row));
        }
    }

    /** A turn is written once; its latencies are counted only then, so a retried batch counts nothing twice. */
    private static void addTurn(EntityManager em, TurnEntity turn) {
        if (em.find(TurnEntity.class, new TurnKey(turn.callSid, turn.seq)) != null) {
            em.merge(turn);
            return;
        }
        em.persist(turn);
        LatencyDays.count(em, turn);
    }

    private void saveCall(EntityManager em, Map<String, CallEntity> calls, CallRecord call) {
        CallEntity row = row(em, calls, call.callSid()).orElse(null);
        if (row == null) {
            row = new CallEntity(call.callSid(), serverId);
            row.callerId = countCallOf(em, call.callerNumber(), call.createdAt(), !call.rejected());
            row.update(call);
            em.persist(row);
            em.flush();
            calls.put(call.callSid(), row);
        } else {
            row.update(call);
        }
    }

    /** The call's row, unless it is gone (its caller erased meanwhile) or was never stored. */
    private static Optional<CallEntity> row(EntityManager em, Map<String, CallEntity> calls, String sid) {
        return Optional.ofNullable(calls.computeIfAbsent(sid, s -> em.find(CallEntity.class, s)));
    }

    private static void summarise(EntityManager em, Map<String, CallEntity> calls, StoreWrite.Summarise notes) {
        CallEntity row = row(em, calls, notes.callSid()).orElse(null);
        if (row == null) {
            return; // erased meanwhile
        }
        row.summarise(notes.summary(), Instant.now());
        if (row.callerId != null && notes.name().isPresent()) {
            CallerEntity caller = em.find(CallerEntity.class, row.callerId);
            if (caller != null) {
                caller.learnName(notes.name().get());
            }
        }
    }

    /**
     * Counts the call for its caller, and returns the caller's id. A caller is created on their first call, but
     * not by a call Parley rejected: an unknown number turned away stays unknown.
     */
    private static Long countCallOf(EntityManager em, String number, Instant at, boolean mayCreate) {
        if (number == null || number.isBlank()) {
            return null;
        }
        CallerEntity caller = em.createQuery("SELECT c FROM CallerEntity c WHERE c.phoneNumber = :n", CallerEntity.class)
                .setParameter("n", number).getResultStream().findFirst().orElse(null);
        if (caller == null && !mayCreate) {
            return null;
        }
        if (caller == null) {
            caller = new CallerEntity(number, at);
            em.persist(caller);
        }
        caller.countCall(at);
        em.flush();
        return caller.id;
    }
}
