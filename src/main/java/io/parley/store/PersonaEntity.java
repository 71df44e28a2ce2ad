package io.parley.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code personas}. */
@Entity
@Table(name = "personas")
public class PersonaEntity {

    @Id
    @SequenceGenerator(name = "personas_id", sequenceName = "personas_id", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "personas_id")
    Long id;

    @Column(nullable = false, unique = true)
    String name;

    @Column(nullable = false)
    String role;

    @Column(nullable = false)
    String voice;

    @Column(name = "embedded_voice", nullable = false)
    String embeddedVoice;

    @Column(nullable = false)
    String style;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    protected PersonaEntity() {
        // for Jakarta Persistence
    }

    PersonaEntity(Persona persona, Instant now) {
        createdAt = now;
        set(persona, now);
    }

    void set(Persona persona, Instant now) {
        name = persona.name();
        role = persona.role().label();
        voice = persona.voice();
        embeddedVoice = persona.embeddedVoice();
        style = persona.style();
        updatedAt = now;
    }

    Persona toPersona() {
        return new Persona(id, name, Persona.Role.of(role).orElse(Persona.Role.CO_HOST), voice, embeddedVoice, style);
    }
}
