package io.parley.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The stored personas: listed, found, added, changed and removed. Every method waits for the database. */
public class PersonaBook {

    private final EntityManagerFactory emf;

    public PersonaBook(EntityManagerFactory emf) {
        this.emf = emf;
    }

    /** Every persona, by id. */
    public List<Persona> all() {
        EntityManager em = emf.createEntityManager();
        try {
            return em.createQuery("SELECT p FROM PersonaEntity p ORDER BY p.id", PersonaEntity.class)
                    .getResultStream().map(PersonaEntity::toPersona).toList();
        } finally {
            em.close();
        }
    }

    public Optional<Persona> find(long id) {
        EntityManager em = emf.createEntityManager();
        try {
            return Optional.ofNullable(em.find(PersonaEntity.class, id)).map(PersonaEntity::toPersona);
        } finally {
            em.close();
        }
    }

    /** Adds {@code persona} (its id is ignored); empty when the name is taken. */
    public Optional<Persona> add(Persona persona, Instant now) {
        return Units.write(emf, em -> {
            if (named(em, persona.name()).isPresent()) {
                return Optional.empty();
            }
            PersonaEntity row = new PersonaEntity(persona, now);
            em.persist(row);
            em.flush();
            return Optional.of(row.toPersona());
        });
    }

    /**
     * Replaces persona {@code persona.id()}; empty when there is none.
     *
     * @throws IllegalArgumentException when another persona has the name
     */
    public Optional<Persona> change(Persona persona, Instant now) {
        return Units.write(emf, em -> {
            PersonaEntity row = em.find(PersonaEntity.class, persona.id());
            if (row == null) {
                return Optional.empty();
            }
            Optional<PersonaEntity> sameName = named(em, persona.name());
            if (sameName.isPresent() && !sameName.get().id.equals(row.id)) {
                throw new IllegalArgumentException("another persona is called " + persona.name());
            }
            row.set(persona, now);
            return Optional.of(row.toPersona());
        });
    }

    /** Removes a persona; false when there was none. */
    public boolean remove(long id) {
        return Units.write(emf, em -> {
            PersonaEntity row = em.find(PersonaEntity.class, id);
            if (row == null) {
                return false;
            }
            em.remove(row);
            return true;
        });
    }

    private static Optional<PersonaEntity> named(EntityManager em, String name) {
        return em.createQuery("SELECT p FROM PersonaEntity p WHERE LOWER(p.name) = :name", PersonaEntity.class)
                .setParameter("name", name.toLowerCase(java.util.Locale.ROOT)).getResultStream().findFirst();
    }
}
