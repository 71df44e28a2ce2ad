package io.parley.studio;

import io.parley.logging.LogSafe;
import io.parley.media.LatencyFigures;
import io.parley.media.Leg;
import io.parley.media.MediaClock;
import io.parley.media.MixingRoom;
import io.parley.models.Models;
import io.parley.store.Persona;
import io.parley.store.ShowRow;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The show's studio: a {@link MixingRoom} on the media clock where the host, the callers on air and the AI voices
 * hear each other, and the conversation they have there, turn by turn, each with its speaker.
 *
 * <p>People are heard by ears of their own (the host's console, each caller's call), which tell the studio when
 * they start and stop speaking and what they said. The AI personas the host puts in the studio answer when asked
 * ({@link #respond}); at most one speaks at a time, and it falls silent as soon as anybody speaks over it, keeping in
 * the conversation only what the room heard.
 *
 * <p>Threads: people report from their own executors, requests from theirs, the voices from theirs; nothing here
 * waits. The conversation is guarded by the studio's lock, which guards no I/O.
 */
@ApplicationScoped
public class Studio {

    private static final Logger LOG = Logger.getLogger(Studio.class.getName());

    @Inject
    MediaClock clock;

    @Inject
    Models models;

    @Inject
    StudioSettings settings;

    @Inject
    Event<StudioEvent> events;

    @Inject
    io.parley.store.Store store;

    @Inject
    io.parley.recording.Recordings recordings;

    @Resource
    ManagedExecutorService executor;

    @Resource
    jakarta.enterprise.concurrent.ManagedScheduledExecutorService scheduler;

    private final MixingRoom room = new MixingRoom("studio");
    private final StudioLog log = new StudioLog();
    /** People in the studio, by speaker key, with what the personas are told of them. */
    private final Map<String, Present> people = new ConcurrentHashMap<>();
    /** Who is speaking now, by speaker key. */
    private final java.util.Set<String> speakingNow = ConcurrentHashMap.newKeySet();
    /** The AI voices in the studio. */
    private Voices voices;
    private final LatencyFigures bargeIns = new LatencyFigures();
    private final LatencyFigures firstAudio = new LatencyFigures(10_000);
    private final LatencyFigures autoReplies = new LatencyFigures(30_000);
    /** When the people's speech ended before auto mode's latest answer, until that answer sounds; 0 otherwise. */
    private volatile long autoTurnEndNanos;
    /** Each person's mood in their latest turn, by speaker key. */
    private final Map<String, Mood> moods = new ConcurrentHashMap<>();
    private AutoPilot pilot;
    /** When each persona's reply first sounded, by speaker key. */
    private final Map<String, Instant> voiceStarts = new ConcurrentHashMap<>();
    /** The show running now, its chapters and its recording. */
    private ShowKeeper shows;

    /** A person in the studio: {@code firstSeq} is the conversation's last turn when they came in. */
    private record Present(Speaker speaker, String about, String topic, long since, long firstSeq, Instant at) {
    }

    /** How long after a caller leaves the air their segment is summarised: their last words are transcribed by then. */
    static final long SUMMARY_DELAY_MILLIS = 1500;
    /** The show's earlier segments and the follow-ups on them. */
    private FollowUps followUps;

    @PostConstruct
    void init() {
        clock.add(room);
        voices = new Voices(room, models, executor, new VoiceListener(), new Voices.Stage() {
            @Override
            public List<String> presence(Persona speaking) {
                return Studio.this.presence(speaking);
            }

            @Override
            public List<StudioTurn> recent() {
                return recentTurns();
            }

            @Override
            public List<Segment> earlier() {
                return followUps.earlier();
            }

            @Override
            public boolean floorFree() {
                return speakingNow.isEmpty();
            }

            @Override
            public void chapter(String title, long personaId) {
                shows.chapter(title, null, personaId);
            }

            @Override
            public void changed(String what) {
                events.fire(new StudioEvent.Changed(what));
            }
        });
        shows = new ShowKeeper(store, room, recordings.directory(), executor, this::stemName);
        pilot = new AutoPilot(scheduler, models::languageModel, new AutoPilot.Floor() {
            @Override
            public boolean someoneSpeaking() {
                return humanSpeaking();
            }

            @Override
            public boolean aiTalking() {
                return voices.talking().isPresent();
            }

            @Override
            public List<StudioTurn> recent() {
                return recentTurns();
            }

            @Override
            public Optional<Persona> candidate(StudioTurn lastTurn) {
                return voices.answerer(lastTurn.text());
            }

            @Override
            public void respond(Persona persona, long speechEndedNanos) {
                autoTurnEndNanos = speechEndedNanos;
                Studio.this.respond(Optional.of(persona.id()));
            }
        }, settings.pauseMillis(), settings.cooldownMillis());
        pilot.auto(settings.autoAtStart());
        followUps = new FollowUps(scheduler, models::languageModel, new FollowUps.Floor() {
            @Override
            public Optional<String> callerOnAir() {
                return people.values().stream().filter(p -> p.speaker().kind() == Speaker.Kind.CALLER)
                        .map(p -> p.speaker().label()).findFirst();
            }

            @Override
            public boolean busy() {
                return humanSpeaking() || voices.talking().isPresent();
            }

            @Override
            public List<Persona> aiCallers() {
                return store.personas().stream().filter(p -> p.role() == Persona.Role.CALLER).toList();
            }

            @Override
            public void callIn(Persona persona, Segment segment) {
                voices.callIn(persona, segment, persona.name() + " (AI caller): following up on "
                        + segment.caller());
                events.fire(new StudioEvent.Changed(persona.name() + " follows up on " + segment.caller()));
            }
        }, settings.followUpAuto(), settings.followUpDelayMillis());
    }

    @PreDestroy
    void stop() {
        voices.closeAll();
        clock.remove(room);
    }

    public MixingRoom room() {
        return room;
    }

    // ---- people ----

    /**
     * A person is in the studio: their {@code leg} joins the room (null when it joins later), and the personas are
     * told of them as {@code about} ("a caller, on gardening"). A caller opens a chapter of the running show,
     * titled by their {@code topic}.
     */
    public void entered(Speaker who, String about, String topic, Leg leg) {
        people.put(who.key(), new Present(who, about, topic, System.nanoTime(), log.lastSeq(), Instant.now()));
        if (leg != null) {
            room.join(leg);
        }
        if (who.kind() == Speaker.Kind.CALLER) {
            chapter(who.label() + (topic == null || topic.isBlank() ? "" : ": " + topic), who.key());
        }
        events.fire(new StudioEvent.Changed(who.label() + " entered"));
    }

    /** A person left the studio (their leg, when given, leaves the room). */
    public void left(Speaker who, Leg leg) {
        if (leg != null) {
            room.leave(leg);
        }
        Present present = people.remove(who.key());
        moods.remove(who.key());
        stopped(who);
        events.fire(new StudioEvent.Changed(who.label() + " left"));
        if (present != null && who.kind() == Speaker.Kind.CALLER) {
            Instant offAir = Instant.now();
            scheduler.schedule(() -> summarise(present, offAir), SUMMARY_DELAY_MILLIS,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A caller's time on air, summarised from the turns since they came in (theirs, and the others' until they left):
     * into their chapter of the show, into what the personas are told of earlier in the show, and maybe followed up.
     */
    private void summarise(Present present, Instant offAir) {
        String key = present.speaker().key();
        List<StudioTurn> segment = log.after(present.firstSeq()).stream()
                .filter(t -> t.at().isBefore(offAir) || t.speaker().key().equals(key)).toList();
        String caller = present.speaker().label();
        SegmentNotes.summary(models.languageModel(), key, caller, present.topic(), segment).thenAccept(summary -> {
            Segment done = new Segment(key, caller, present.topic() == null ? "" : present.topic(), present.at(),
                    offAir, summary);
            shows.summarise(key, summary);
            followUps.ended(done);
            LOG.info(() -> "Segment of " + LogSafe.quoted(caller) + " summarised: " + LogSafe.quoted(summary));
            events.fire(new StudioEvent.Summarised(done));
        });
    }

    /**
     * A person started speaking; their speech began at {@code onsetNanos} ({@link System#nanoTime()} of its first
     * audio reaching the server). An AI voice speaking now falls silent.
     */
    public void started(Speaker who, long onsetNanos) {
        speakingNow.add(who.key());
        log.began(who.key(), Instant.now().minusNanos(Math.max(0, System.nanoTime() - onsetNanos)));
        pilot.personStarted();
        voices.talking().ifPresent(voice -> {
            LOG.fine(() -> who.label() + " spoke over " + voice.speaker().label());
            voice.hush(onsetNanos);
        });
    }

    public void stopped(Speaker who) {
        if (speakingNow.contains(who.key())) {
            log.stopped(who.key(), Instant.now());
        }
        if (!speakingNow.remove(who.key()) || !speakingNow.isEmpty()) {
            return;
        }
        voices.talking().ifPresent(AiVoice::floorFree);
        pilot.personStopped(System.nanoTime());
    }

    /** Whether any person in the studio is speaking now. */
    public boolean humanSpeaking() {
        return !speakingNow.isEmpty();
    }

    /** What the person has said of the turn so far (streaming speech-to-text). */
    public void partial(Speaker who, String text) {
        events.fire(new StudioEvent.Transcript(who, text, false, false, Instant.now(), 0));
    }

    /** A person's whole turn: recorded, its mood read, and (in auto mode) a persona may answer after the pause. */
    public void said(Speaker who, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        StudioTurn turn = published(log.personSaid(who, text.strip()));
        pilot.personSaid(System.nanoTime());
        MoodReader.read(models.languageModel(), who.label(), turn.text()).thenAccept(mood -> moodRead(turn, mood));
    }

    /** The mood of each person in the studio now (their latest turn's), by label. */
    public Map<String, String> moods() {
        Map<String, String> out = new LinkedHashMap<>();
        people.values().stream().sorted(Comparator.comparingLong(Present::since)).forEach(p -> {
            Mood mood = moods.get(p.speaker().key());
            if (mood != null) {
                out.put(p.speaker().label(), mood.label());
            }
        });
        return out;
    }

    // ---- auto mode ----

    /** Whether the personas decide for themselves when to speak. */
    public boolean auto() {
        return pilot.auto();
    }

    public void auto(boolean on) {
        pilot.auto(on);
        events.fire(new StudioEvent.Changed(on ? "auto mode" : "manual mode"));
    }

    /** Auto mode's latest decisions, oldest first: after which turn, which persona, whether it spoke, and why. */
    public List<AutoDecision> decisions() {
        return pilot.decisions();
    }

    // ---- the AI voices ----

    /** The personas in the studio, in the order they came in. */
    public List<Persona> personas() {
        return voices.personas();
    }

    /** The persona speaking (or thinking of what to say) now. */
    public Optional<Persona> talking() {
        return voices.talking().map(AiVoice::persona);
    }

    /** Puts a persona in the studio (its details refreshed when it is there already). */
    public void add(Persona persona) {
        voices.add(persona, persona.name() + " (AI caller)");
    }

    /** Takes a persona out of the studio; false when it was not there. */
    public boolean remove(long personaId) {
        return voices.remove(personaId);
    }

    /**
     * The persona answers now (the one given, or else the first co-host in the studio, or else the first
     * persona): its language model gets the studio's conversation, and it speaks. A persona speaking already is
     * cut off first, as anybody would be. Empty when there is no such persona in the studio.
     */
    public Optional<Persona> respond(Optional<Long> personaId) {
        return voices.respond(personaId);
    }

    // ---- follow-ups ----

    /** The show's segments so far (each caller's time on air, summarised), oldest first. */
    public List<Segment> earlier() {
        return followUps.earlier();
    }

    /** The follow-ups made (and automatic ones skipped), oldest first. */
    public List<FollowUp> followUps() {
        return followUps.made();
    }

    public boolean autoFollowUp() {
        return followUps.auto();
    }

    public long autoFollowUpDelayMillis() {
        return followUps.delayMillis();
    }

    /** Turns auto follow-up on or off: an AI caller phones in {@code delayMillis} after each caller's segment. */
    public void autoFollowUp(boolean on, long delayMillis) {
        followUps.auto(on, delayMillis);
        events.fire(new StudioEvent.Changed(on ? "auto follow-up on" : "auto follow-up off"));
    }

    /**
     * An AI caller phones in to follow up on an earlier segment (the caller {@code key}'s, else the latest): the
     * language model picks the persona best placed to (embedded, a rule), which comes into the studio if it is not
     * there, opens a chapter, and speaks, referring to what was said. Completes once the persona is speaking.
     *
     * @throws java.util.NoSuchElementException when there is no such segment (none yet, or none of that caller)
     * @throws IllegalStateException when there is no AI caller persona to phone in
     */
    public java.util.concurrent.CompletionStage<FollowUp> followUp(Optional<String> key) {
        return followUps.followUp(key);
    }

    // ---- the conversation ----

    /** The latest {@code limit} turns, oldest first. */
    public List<StudioTurn> turns(int limit) {
        return log.latest(limit);
    }

    /** From the manual trigger to the AI's first frame in the room. */
    public LatencyFigures.Summary firstAudio() {
        return firstAudio.summary();
    }

    /** In auto mode, from the end of the people's speech to the AI's first frame in the room. */
    public LatencyFigures.Summary autoReplies() {
        return autoReplies.summary();
    }

    /** From a person's speech over an AI voice to its silence. */
    public LatencyFigures.Summary bargeIns() {
        return bargeIns.summary();
    }

    private List<StudioTurn> recentTurns() {
        return turns(settings.contextTurns());
    }

    private List<String> presence(Persona speaking) {
        List<String> out = new ArrayList<>();
        people.values().stream().sorted(Comparator.comparingLong(Present::since)).forEach(p -> {
            Mood mood = moods.get(p.speaker().key());
            out.add(p.speaker().label() + (p.about().isBlank() ? "" : ", " + p.about())
                    + (mood == null ? "" : " (sounds " + mood.label() + ")"));
        });
        voices.personas().stream().filter(p -> p.id() != speaking.id())
                .forEach(p -> out.add(p.name() + ", " + (p.role() == Persona.Role.CALLER ? "an AI caller"
                        : "the AI co-host")));
        if (out.isEmpty()) {
            out.add("nobody else yet");
        }
        return out;
    }

    /** A turn just logged: into the show's record, and to the console. */
    private StudioTurn published(StudioTurn turn) {
        shows.save(turn);
        events.fire(new StudioEvent.Transcript(turn.speaker(), turn.text(), true, turn.interrupted(), turn.at(),
                turn.seq()));
        return turn;
    }


    // ---- the show as a whole ----

    /** The show running now. */
    public Optional<ShowRow> show() {
        return shows.show();
    }

    /**
     * Starts a show: stored (the request waits for the database), recorded (the studio's mix and a stem per
     * participant), and from now on owning the studio's turns and chapters: an opening, then one per caller on air.
     *
     * @throws IllegalStateException when a show is running already
     */
    public ShowRow startShow(String title) {
        ShowRow row = shows.start(title);
        followUps.reset();
        shows.chapter("Opening", null, null);
        people.values().stream().filter(p -> p.speaker().kind() == Speaker.Kind.CALLER)
                .sorted(Comparator.comparingLong(Present::since))
                .forEach(p -> shows.chapter(p.speaker().label(), p.speaker().key(), null));
        events.fire(new StudioEvent.Changed("show started"));
        return row;
    }

    /**
     * Ends the show {@code id} (its recording is finished: the request waits for the disk and the database). Empty
     * when there is no such show; a show that has ended already is given as it is.
     */
    public Optional<ShowRow> endShow(long id) {
        boolean running = shows.show().map(r -> r.id() == id).orElse(false);
        Optional<ShowRow> ended = shows.end(id);
        if (running) {
            events.fire(new StudioEvent.Changed("show ended"));
        }
        return ended;
    }

    private void chapter(String title, String callSid) {
        shows.chapter(title, callSid, null);
    }

    /** Names a leg's stem in the show's recording: the speaker's label (a caller's with their call's last digits). */
    private String stemName(Leg leg) {
        if (leg instanceof AiVoice voice) {
            return voice.persona().name();
        }
        if ("host".equals(leg.kind())) {
            return Speaker.HOST.label();
        }
        String id = leg.id();
        String callSid = id.startsWith("phone ") ? id.substring(6) : id;
        Present present = people.get(callSid);
        String label = present == null ? "Caller" : present.speaker().label();
        return label + " " + callSid.substring(Math.max(0, callSid.length() - 6));
    }

    private void moodRead(StudioTurn turn, Mood mood) {
        StudioTurn read = log.mood(turn, mood);
        if (people.containsKey(turn.speaker().key())) {
            moods.put(turn.speaker().key(), mood);
        }
        shows.save(read);
        events.fire(new StudioEvent.MoodRead(turn.speaker(), turn.seq(), mood));
    }

    /** What the voices tell the studio, on their executors. */
    private final class VoiceListener implements AiVoice.Listener {
        @Override
        public void sounded(AiVoice voice, long nanos) {
            voiceStarts.put(voice.speaker().key(), Instant.now());
            firstAudio.add(nanos);
            long ended = autoTurnEndNanos;
            if (ended != 0) {
                autoTurnEndNanos = 0;
                autoReplies.add(System.nanoTime() - ended);
            }
            LOG.fine(() -> voice.speaker().label() + ": first audio " + nanos / 1_000_000 + " ms after the request");
        }

        @Override
        public void heard(AiVoice voice, String heard) {
            if (!heard.isBlank()) {
                events.fire(new StudioEvent.Transcript(voice.speaker(), heard.strip(), false, false, Instant.now(), 0));
            }
        }

        @Override
        public void silenced(AiVoice voice, long nanos) {
            bargeIns.add(nanos);
            LOG.info(() -> voice.speaker().label() + " was spoken over and fell silent " + nanos / 1_000_000
                    + " ms after the speech began");
        }

        @Override
        public void finished(AiVoice voice, String heard, boolean interrupted, String failure) {
            pilot.aiFinished(System.nanoTime());
            voices.finished(voice);
            if (failure != null) {
                LOG.warning(() -> voice.speaker().label() + ": " + failure);
            }
            Instant began = voiceStarts.remove(voice.speaker().key());
            if (heard != null && !heard.isBlank()) {
                Instant now = Instant.now();
                published(log.add(voice.speaker(), heard.strip(), interrupted, began == null ? now : began, now));
            }
            events.fire(new StudioEvent.Changed(voice.persona().name() + (interrupted ? " cut off" : " finished")));
        }
    }
}
