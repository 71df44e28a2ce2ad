package io.parley.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The stored shows: started and ended (a request waits for these), listed and read back whole for export. Their
 * turns, chapters and calls are written behind ({@link StoreWrite}), each idempotently.
 */
public class ShowBook {

    private final EntityManagerFactory emf;

    public ShowBook(EntityManagerFactory emf) {
        this.emf = emf;
    }

    public ShowRow start(String title, String serverId, Instant at) {
        return Units.write(emf, em -> {
            ShowEntity row = new ShowEntity(title, serverId, at);
            em.persist(row);
            em.flush();
            return row.toRow();
        });
    }

    /** Where the show's recording goes, once the show has an id. */
    public void recordingDir(long id, String dir) {
        Units.write(emf, em -> {
            ShowEntity row = em.find(ShowEntity.class, id);
            if (row != null) {
                row.recordedIn(dir);
            }
            return null;
        });
    }

    /** Ends a running show; empty when there is no such show, the row as it was when it had ended already. */
    public Optional<ShowRow> end(long id, Instant at) {
        return Units.write(emf, em -> {
            ShowEntity row = em.find(ShowEntity.class, id);
            if (row == null) {
                return Optional.empty();
            }
            row.end(at);
            return Optional.of(row.toRow());
        });
    }

    /** Shows that were left running by {@code serverId} when it stopped: they end now. Returns how many. */
    public int endLeftRunning(String serverId, Instant at) {
        return Units.write(emf, em -> em.createQuery("UPDATE ShowEntity s SET s.endedAt = :at WHERE s.serverId = :server"
                + " AND s.endedAt IS NULL").setParameter("at", at).setParameter("server", serverId).executeUpdate());
    }

    public Optional<ShowRow> find(long id) {
        return Units.read(emf, em -> Optional.ofNullable(em.find(ShowEntity.class, id)).map(ShowEntity::toRow));
    }

    /** The latest shows, newest first. */
    public List<ShowRow> latest(int limit) {
        return Units.read(emf, em -> em.createQuery("SELECT s FROM ShowEntity s ORDER BY s.startedAt DESC, s.id DESC",
                ShowEntity.class).setMaxResults(limit).getResultStream().map(ShowEntity::toRow).toList());
    }

    public List<ShowTurnRow> turns(long showId) {
        return Units.read(emf, em -> em.createQuery("SELECT t FROM ShowTurnEntity t WHERE t.showId = :show ORDER BY t.seq",
                ShowTurnEntity.class).setParameter("show", showId).getResultStream().map(ShowTurnEntity::toRow)
                .toList());
    }

    public List<ChapterRow> chapters(long showId) {
        return Units.read(emf, em -> em.createQuery("SELECT c FROM ChapterEntity c WHERE c.showId = :show ORDER BY c.seq",
                ChapterEntity.class).setParameter("show", showId).getResultStream().map(ChapterEntity::toRow)
                .toList());
    }

    public List<String> calls(long showId) {
        return Units.read(emf, em -> em.createQuery("SELECT c.callSid FROM ShowCallEntity c WHERE c.showId = :show"
                + " ORDER BY c.callSid", String.class).setParameter("show", showId).getResultList());
    }

    // ---- the write-behind path ----

    static void save(EntityManager em, ShowTurnRow row) {
        ShowTurnEntity existing = em.find(ShowTurnEntity.class, new ShowPartKey(row.showId(), row.seq()));
        if (existing == null) {
            if (em.find(ShowEntity.class, row.showId()) != null) {
                em.persist(new ShowTurnEntity(row));
            }
        } else {
            existing.update(row);
        }
    }

    static void save(EntityManager em, ChapterRow row) {
        ChapterEntity existing = em.find(ChapterEntity.class, new ShowPartKey(row.showId(), row.seq()));
        if (existing == null) {
            if (em.find(ShowEntity.class, row.showId()) != null) {
                em.persist(new ChapterEntity(row));
            }
        } else {
            existing.set(row);
        }
    }

    static void addCall(EntityManager em, long showId, String callSid) {
        if (em.find(ShowCallEntity.class, new ShowCallKey(showId, callSid)) == null
                && em.find(ShowEntity.class, showId) != null) {
            em.persist(new ShowCallEntity(showId, callSid));
        }
    }
}
