package io.parley.studio;

import io.parley.call.SerialExecutor;
import io.parley.logging.LogSafe;
import io.parley.media.MixingRoom;
import io.parley.models.LanguageModel;
import io.parley.models.Models;
import io.parley.store.Persona;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The AI voices in the studio: which personas are in (in the order they came), which one is speaking, and asking
 * one to speak. At most one speaks: asking another cuts off the one speaking. Guarded by this object's lock, which
 * guards no I/O (a voice's work happens on its own executor).
 */
final class Voices {

    /** What the voices need of the studio. */
    interface Stage {
        /** The people and the other voices as a persona is told of them. */
        List<String> presence(Persona speaking);

        /** The latest turns a persona's request carries. */
        List<StudioTurn> recent();

        /** The show's earlier segments, oldest first. */
        List<Segment> earlier();

        /** Whether nobody is speaking (a voice does not start over a person). */
        boolean floorFree();

        /** A chapter of the running show, for an AI caller. */
        void chapter(String title, long personaId);

        /** Who is in the studio, or who speaks, changed. */
        void changed(String what);
    }

    private static final Logger LOG = Logger.getLogger(Voices.class.getName());

    private final MixingRoom room;
    private final Models models;
    private final Executor executor;
    private final AiVoice.Listener listener;
    private final Stage stage;
    private final Map<Long, AiVoice> voices = new LinkedHashMap<>();
    private volatile AiVoice talking;

    Voices(MixingRoom room, Models models, Executor executor, AiVoice.Listener listener, Stage stage) {
        this.room = room;
        this.models = models;
        this.executor = executor;
        this.listener = listener;
        this.stage = stage;
    }

    synchronized List<Persona> personas() {
        return voices.values().stream().map(AiVoice::persona).toList();
    }

    /** The voice speaking (or thinking of what to say) now. */
    Optional<AiVoice> talking() {
        return Optional.ofNullable(talking);
    }

    synchronized boolean contains(long personaId) {
        return voices.containsKey(personaId);
    }

    /**
     * Puts a persona in the studio (its details refreshed when it is there already); an AI caller new to it opens a
     * chapter titled {@code chapterTitle}.
     */
    synchronized void add(Persona persona, String chapterTitle) {
        AiVoice old = voices.get(persona.id());
        if (old != null && old.persona().equals(persona)) {
            return;
        }
        if (old != null) {
            remove(persona.id());
        }
        SerialExecutor own = new SerialExecutor("persona " + persona.name(), executor, 10_000, Runnable::run);
        AiVoice voice = new AiVoice(persona, models.textToSpeech().voice(persona.voice(), persona.embeddedVoice()),
                models.apology(), own, listener);
        voices.put(persona.id(), voice);
        room.join(voice);
        if (persona.role() == Persona.Role.CALLER && old == null) {
            stage.chapter(chapterTitle, persona.id());
        }
        LOG.info(() -> "Persona " + LogSafe.quoted(persona.name()) + " (" + persona.role().label()
                + ") is in the studio");
        stage.changed(persona.name() + " entered");
    }

    /** Takes a persona out of the studio; false when it was not there. */
    synchronized boolean remove(long personaId) {
        AiVoice voice = voices.remove(personaId);
        if (voice == null) {
            return false;
        }
        if (talking == voice) {
            talking = null;
        }
        room.leave(voice);
        voice.close();
        LOG.info(() -> "Persona " + LogSafe.quoted(voice.persona().name()) + " left the studio");
        stage.changed(voice.persona().name() + " left");
        return true;
    }

    /** Every voice leaves (the server stops). */
    synchronized void closeAll() {
        voices.values().forEach(v -> {
            room.leave(v);
            v.close();
        });
        voices.clear();
        talking = null;
    }

    /**
     * The persona answers now (the one given, or else the first co-host, or else the first persona in). Empty when
     * there is no such persona in the studio.
     */
    synchronized Optional<Persona> respond(Optional<Long> personaId) {
        Optional<AiVoice> chosen = personaId.isPresent() ? Optional.ofNullable(voices.get(personaId.get()))
                : defaultVoice();
        chosen.ifPresent(v -> speak(v, null));
        return chosen.map(AiVoice::persona);
    }

    /**
     * The AI caller phones in to follow up on {@code segment}: into the studio if it is not there, a chapter
     * titled {@code chapterTitle} either way, and its turn.
     */
    synchronized void callIn(Persona persona, Segment segment, String chapterTitle) {
        boolean there = voices.containsKey(persona.id());
        add(persona, chapterTitle);
        if (there) {
            stage.chapter(chapterTitle, persona.id());
        }
        speak(voices.get(persona.id()), segment);
    }

    /** Who would answer {@code text}: a persona it names, or else the default. */
    synchronized Optional<Persona> answerer(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return voices.values().stream().filter(v -> lower.matches(".*\\b" + Pattern.quote(
                        v.persona().name().toLowerCase(Locale.ROOT)) + "\\b.*")).findFirst()
                .or(this::defaultVoice).map(AiVoice::persona);
    }

    /** A voice's reply is over: it is no longer the one speaking, unless another answer of its own is on its way. */
    synchronized void finished(AiVoice voice) {
        if (talking == voice && !voice.answerPending()) {
            talking = null;
        }
    }

    /** The voice speaks now, following up on {@code followingUp} when given; whoever is speaking is cut off. */
    private void speak(AiVoice voice, Segment followingUp) {
        long now = System.nanoTime();
        AiVoice speaking = talking;
        if (speaking != null && speaking != voice) {
            speaking.hush(now);
        }
        talking = voice;
        LanguageModel model = models.languageModel();
        if (followingUp != null && !model.understands()) {
            model = new ScriptedLine(ScriptedLine.followUp(voice.persona().name(), followingUp), executor);
        }
        voice.answer(model, StudioPrompt.of(voice.persona(), stage.presence(voice.persona()), stage.earlier(),
                stage.recent(), followingUp), now, stage::floorFree);
        stage.changed(voice.persona().name() + " speaking");
    }

    /** The co-host, or else the first persona in. */
    private Optional<AiVoice> defaultVoice() {
        return voices.values().stream().filter(v -> v.persona().role() == Persona.Role.CO_HOST).findFirst()
                .or(() -> voices.values().stream().findFirst());
    }
}
