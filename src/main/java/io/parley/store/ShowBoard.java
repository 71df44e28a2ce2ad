package io.parley.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads of the show's stored queue and voicemails, and the start-up sweep of a dead server's queue rows. */
public class ShowBoard {

    private final EntityManagerFactory emf;

    public ShowBoard(EntityManagerFactory emf) {
        this.emf = emf;
    }

    /** Every stored queue row, of every server, oldest first. */
    public List<QueueRow> queue() {
        EntityManager em = emf.createEntityManager();
        try {
            return em.createQuery("SELECT q FROM QueueEntity q ORDER BY q.enqueuedAt, q.callSid", QueueEntity.class)
                    .getResultStream().map(QueueEntity::toRow).toList();
        } finally {
            em.close();
        }
    }

    /**
     * Removes the rows a server left when it stopped: their callers' streams ended with it. Returns how many.
     */
    public int sweep(String serverId) {
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            int removed = em.createQuery("DELETE FROM QueueEntity q WHERE q.serverId = :server")
                    .setParameter("server", serverId).executeUpdate();
            tx.commit();
            return removed;
        } finally {
            if (tx.isActive()) {
                tx.rollback();
            }
            em.close();
        }
    }

    /** Messages recorded since {@code since}, newest first, at most {@code limit}. */
    public List<VoicemailRow> voicemails(Instant since, int limit) {
        EntityManager em = emf.createEntityManager();
        try {
            return em.createQuery("SELECT v FROM VoicemailEntity v WHERE v.recordedAt >= :since"
                            + " ORDER BY v.recordedAt DESC, v.id DESC", VoicemailEntity.class)
                    .setParameter("since", since).setMaxResults(limit).getResultStream()
                    .map(VoicemailEntity::toRow).toList();
        } finally {
            em.close();
        }
    }

    public Optional<VoicemailRow> voicemail(long id) {
        EntityManager em = emf.createEntityManager();
        try {
            return Optional.ofNullable(em.find(VoicemailEntity.class, id)).map(VoicemailEntity::toRow);
        } finally {
            em.close();
        }
    }
}
