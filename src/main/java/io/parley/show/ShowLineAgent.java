package io.parley.show;

import io.parley.audio.Pcm16;
import io.parley.call.Agent;
import io.parley.call.CallControl;
import io.parley.call.CallRegistry;
import io.parley.call.CallScoped;
import io.parley.call.CallState;
import io.parley.call.CallerMemories;
import io.parley.call.CallerMemory;
import io.parley.call.Carrier;
import io.parley.call.ConversationTurn;
import io.parley.conversation.ConversationSettings;
import io.parley.conversation.Ears;
import io.parley.conversation.Reply;
import io.parley.logging.LogSafe;
import io.parley.media.MixingRoom;
import io.parley.models.Models;
import io.parley.store.Store;
import io.parley.studio.Speaker;
import io.parley.studio.Studio;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A caller on the show line, from the first ring: the screener asks their name and topic, then they wait in line
 * with the hold audio and an announcement of their place now and then, until the host takes them on air (the
 * call joins the studio), puts them back on hold, drops them, or sends them to voicemail. Off air, with the
 * queue full or after the longest wait, they are asked to leave a message, which Parley records itself.
 *
 * <p>Everything here runs on the call's executor; the show's operations ({@link Show.Line}) hand off to it.
 */
@Named(ShowLineAgent.NAME)
@CallScoped
public class ShowLineAgent implements Agent, Show.Line {

    /** The agent's name: the voice webhook's show line asks for it. */
    public static final String NAME = io.parley.call.AgentFactory.SHOW_LINE;
    /** The speaker of the screener's lines in transcripts. */
    static final String SCREENER = "Screener";
    /** Hold audio kept queued ahead of the caller's ear. */
    private static final int MUSIC_AHEAD_MILLIS = 400;
    private static final int MUSIC_CHUNK_SAMPLES = 1600;
    private static final Pcm16 BEEP = tone(1000, 450);
    private static final Logger LOG = Logger.getLogger(ShowLineAgent.class.getName());

    enum Phase {
        SCREENING, IN_LINE, ON_AIR, VOICEMAIL_PROMPT, RECORDING, LEAVING
    }

    @Inject
    Show show;

    @Inject
    ShowSettings settings;

    @Inject
    Models models;

    @Inject
    ConversationSettings conversation;

    @Inject
    CallRegistry registry;

    @Inject
    CallerMemories memories;

    @Inject
    Carrier carrier;

    @Inject
    HoldAudio hold;

    @Inject
    VoicemailBox voicemails;

    @Inject
    Store store;

    @Inject
    Studio studio;

    private CallControl call;
    private String who;
    private Phase phase;
    private Ears ears;
    private Screening screening;
    private AnswerReader reader;
    private int readGeneration;
    private QueuedCall arrival;
    private boolean queued;
    private long streamMillis;
    private Reply speaking;
    private Runnable afterSpeaking;
    private boolean music;
    private long musicPosition;
    private long inLineSinceMillis;
    private long nextAnnouncementMillis;
    private String voicemailReason;
    private String beepMark;
    private VoicemailTake take;
    /** Who the caller is in the studio while on air; null off air. */
    private Speaker onAirAs;

    @Override
    public void start(CallControl call) {
        this.call = call;
        this.who = "Call " + call.callSid();
        CallerMemory memory = memories.take(call.callSid()).orElse(CallerMemory.NONE);
        arrival = QueuedCall.arrived(call.callSid(), call.parameters().get("From"), null, memory.name().orElse(null),
                memory.summaries().isEmpty() ? null : memory.summaries().get(0), Instant.now(), store.serverId());
        ears = new Ears(models, conversation, call.executor(), new Ears.Listener() {
            @Override
            public void started(long atMillis, long nowMillis) {
                if (phase == Phase.ON_AIR) {
                    studio.started(onAirSpeaker(), call.frameArrivedNanos() - (nowMillis - atMillis) * 1_000_000L);
                }
            }

            @Override
            public void stopped(long atMillis) {
                if (phase == Phase.ON_AIR) {
                    studio.stopped(onAirSpeaker());
                }
            }

            @Override
            public void partial(String text) {
                if (phase == Phase.ON_AIR) {
                    studio.partial(onAirSpeaker(), text);
                } else if (phase == Phase.SCREENING) {
                    show.transcript(call.callSid(), speaker(), text, false);
                }
            }

            @Override
            public void said(String text) {
                callerSaid(text);
            }

            @Override
            public void failed(String why) {
                LOG.warning(() -> who + ": " + why);
                if (phase == Phase.SCREENING) {
                    answered(++readGeneration, ScreeningAnswers.NONE);
                }
            }
        });
        Show.Arrival admitted = show.arrive(arrival, this);
        switch (admitted) {
            case ACCEPTED -> {
                queued = true;
                phase = Phase.SCREENING;
                screening = new Screening(settings, memory.name());
                reader = new AnswerReader(models.languageModel());
                String opening = screening.opening();
                LOG.info(() -> who + ": on the show line, screening" + (reader.usesModel() ? " with "
                        + models.languageModel().describe() : " by patterns"));
                say(settings.greeting() + " " + opening, null);
            }
            case OFF_AIR -> toVoicemail(Voicemail.OFF_AIR, settings.offAir());
            case QUEUE_FULL -> toVoicemail(Voicemail.QUEUE_FULL, settings.queueFull());
        }
    }

    @Override
    public void hear(Pcm16 audio) {
        streamMillis += audio.sampleCount() * 1000L / audio.sampleRate();
        switch (phase) {
            case SCREENING, ON_AIR -> ears.hear(audio);
            case IN_LINE -> waitInLine();
            case RECORDING -> record(audio);
            default -> {
            }
        }
        if (music && speaking == null) {
            topUpMusic();
        }
    }

    @Override
    public void heard(String mark) {
        if (mark.equals(beepMark)) {
            beepMark = null;
            startRecording();
            return;
        }
        if (speaking != null && speaking.heard(mark) && speaking.fullyHeard()) {
            finishSpeaking();
        }
    }

    @Override
    public void end() {
        if (take != null) {
            keepMessage();
        }
        if (speaking != null) {
            speaking.cancel();
            speaking = null;
        }
        if (ears != null && (phase == Phase.SCREENING || phase == Phase.ON_AIR)) {
            keepLastWords(onAirAs);
        } else if (ears != null) {
            ears.close();
        }
        offAir();
        show.left(call.callSid());
    }

    /**
     * The caller hung up while being screened or on air, perhaps mid-sentence: what they said last still goes on
     * their call's record and, on air, into the studio's transcript (their segment's summary waits long enough to
     * include it), after the call.
     *
     * @param onAir who the caller is in the studio; null when they were not on air
     */
    private void keepLastWords(Speaker onAir) {
        String callSid = call.callSid();
        String logName = who;
        CallRegistry calls = registry;
        Studio room = studio;
        ears.close(text -> {
            LOG.info(() -> logName + ": hung up while speaking; their last words are kept: \""
                    + LogSafe.text(text, 200) + "\"");
            calls.addTurn(callSid, turn(ConversationTurn.CALLER, text));
            if (onAir != null) {
                room.said(onAir, text);
            }
        });
    }

    // ---- the show's operations: from any thread, onto the call's executor ----

    @Override
    public void take(MixingRoom studio) {
        call.executor().execute(() -> {
            if (phase == Phase.LEAVING || phase == Phase.RECORDING || phase == Phase.VOICEMAIL_PROMPT) {
                return;
            }
            silence();
            phase = Phase.ON_AIR;
            ears.reset();
            onAirAs = onAirSpeaker();
            this.studio.entered(onAirAs, about(), show.find(call.callSid()).map(QueuedCall::topic).orElse(null),
                    null);
            call.joinRoom(studio);
            LOG.info(() -> who + ": on air");
        });
    }

    @Override
    public void hold(String message) {
        call.executor().execute(() -> {
            if (phase != Phase.ON_AIR) {
                return;
            }
            call.leaveRoom();
            offAir();
            ears.reset();
            inLine();
            sayThenHoldMusic(message);
            LOG.info(() -> who + ": back on hold");
        });
    }

    @Override
    public void drop() {
        call.executor().execute(() -> {
            if (phase == Phase.LEAVING) {
                return;
            }
            call.leaveRoom();
            offAir();
            if (take != null) {
                keepMessage();
            }
            silence();
            phase = Phase.LEAVING;
            say(settings.goodbye(), () -> hangUp("dropped from the show"));
        });
    }

    @Override
    public void voicemail(String reason) {
        call.executor().execute(() -> {
            if (phase == Phase.LEAVING || phase == Phase.RECORDING || phase == Phase.VOICEMAIL_PROMPT) {
                return;
            }
            call.leaveRoom();
            offAir();
            toVoicemail(reason, "");
        });
    }

    // ---- screening ----

    private void callerSaid(String text) {
        if (text.isEmpty()) {
            return;
        }
        if (phase == Phase.ON_AIR) {
            record(ConversationTurn.CALLER, text);
            studio.said(onAirSpeaker(), text);
            return;
        }
        if (phase != Phase.SCREENING) {
            return;
        }
        record(ConversationTurn.CALLER, text);
        show.transcript(call.callSid(), speaker(), text, true);
        screening.heard(text);
        int generation = ++readGeneration;
        reader.read(screening.callerTurns(), screening.askedFor() == null ? Screening.TOPIC : screening.askedFor(), who)
                .thenAccept(answers -> call.executor().execute(() -> answered(generation, answers)));
    }

    private void answered(int generation, ScreeningAnswers read) {
        if (phase != Phase.SCREENING || generation != readGeneration) {
            return;
        }
        Optional<String> next = screening.next(read);
        ScreeningAnswers known = screening.answers();
        show.update(call.callSid(), c -> c.withScreening(known.name().orElse(null), known.topic().orElse(null)),
                "screening");
        if (next.isPresent()) {
            say(next.get(), null);
            return;
        }
        LOG.info(() -> who + ": screened: name " + LogSafe.quoted(known.name().orElse("?")) + ", topic "
                + LogSafe.quoted(known.topic().orElse("?")));
        show.update(call.callSid(), c -> c.withStatus(QueueStatus.WAITING), "screened");
        inLine();
        String inLine = screening.fill(settings.inLine()).replace("{position}",
                String.valueOf(Math.max(1, show.position(call.callSid()))));
        sayThenHoldMusic(inLine);
    }

    // ---- waiting in line ----

    private void inLine() {
        phase = Phase.IN_LINE;
        inLineSinceMillis = streamMillis;
        nextAnnouncementMillis = streamMillis + settings.announceEvery().toMillis();
    }

    private void waitInLine() {
        if (streamMillis - inLineSinceMillis >= settings.maxWait().toMillis()) {
            LOG.info(() -> who + ": waited " + settings.maxWait().toSeconds() + " s in line; offering voicemail");
            toVoicemail(Voicemail.LONG_WAIT, settings.longWait());
            return;
        }
        if (streamMillis >= nextAnnouncementMillis && speaking == null) {
            nextAnnouncementMillis = streamMillis + settings.announceEvery().toMillis();
            announce();
        }
    }

    private void announce() {
        int position = Math.max(1, show.position(call.callSid()));
        Duration waited = show.find(call.callSid()).map(c -> c.waited(Instant.now())).orElse(Duration.ZERO);
        String text = settings.announcement().replace("{position}", String.valueOf(position))
                .replace("{waited}", inWords(waited));
        music = false;
        call.audio().clear();
        sayThenHoldMusic(text);
    }

    static String inWords(Duration waited) {
        long minutes = Math.round(waited.toSeconds() / 60.0);
        return minutes < 1 ? "less than a minute" : minutes == 1 ? "one minute" : minutes + " minutes";
    }

    private void startMusic() {
        if (phase == Phase.IN_LINE) {
            music = true;
            topUpMusic();
        }
    }

    private void topUpMusic() {
        while (call.audio().queuedMillis() < MUSIC_AHEAD_MILLIS) {
            call.audio().play(hold.slice(musicPosition, MUSIC_CHUNK_SAMPLES));
            musicPosition += MUSIC_CHUNK_SAMPLES;
        }
    }

    // ---- voicemail ----

    private void toVoicemail(String reason, String preface) {
        silence();
        phase = Phase.VOICEMAIL_PROMPT;
        voicemailReason = reason;
        if (queued) {
            show.update(call.callSid(), c -> c.withStatus(QueueStatus.VOICEMAIL), "voicemail");
        }
        LOG.info(() -> who + ": to voicemail (" + reason + ")");
        say((preface.isBlank() ? "" : preface + " ") + settings.voicemailPrompt(), () -> {
            call.audio().play(BEEP.toMuLaw());
            beepMark = call.audio().mark("beep");
        });
    }

    private void startRecording() {
        if (phase != Phase.VOICEMAIL_PROMPT) {
            return;
        }
        phase = Phase.RECORDING;
        take = new VoicemailTake(settings.voicemailMax(), settings.voicemailSilence());
        ears.reset();
    }

    private void record(Pcm16 audio) {
        ears.hear(audio);
        if (take.add(audio, ears.speaking())) {
            keepMessage();
            phase = Phase.LEAVING;
            say(settings.voicemailThanks(), () -> hangUp("voicemail left"));
        }
    }

    private void keepMessage() {
        VoicemailTake done = take;
        take = null;
        if (done == null || !done.heardSpeech()) {
            LOG.info(() -> who + ": no message was left");
            return;
        }
        QueuedCall known = show.find(call.callSid()).orElse(arrival);
        voicemails.keep(new Voicemail(call.callSid(), known.from(), known.callerId(), known.name(), known.topic(),
                voicemailReason, done.audio(), Instant.now()));
    }

    // ---- speaking ----

    /** Says {@code text}, in place of anything being said; {@code then} runs once the caller has heard it all. */
    private void say(String text, Runnable then) {
        say(text, then, false);
    }

    /**
     * Says {@code text}, then the hold audio, queued right behind the last of the words so that no gap opens
     * between them (waiting for the words to be heard would leave the line silent for a mark's round trip).
     */
    private void sayThenHoldMusic(String text) {
        say(text, this::startMusic, true);
    }

    private void say(String text, Runnable then, boolean thenOnceQueued) {
        silence();
        record(ConversationTurn.AGENT, text);
        show.transcript(call.callSid(), SCREENER, text, true);
        afterSpeaking = then;
        speaking = new Reply(who, models.textToSpeech(), models.apology(), call.executor(), call.audio(),
                new Reply.Listener() {
                    @Override
                    public void speaking(Reply reply) {
                        call.moveTo(CallState.SPEAKING);
                    }

                    @Override
                    public void queued(Reply reply) {
                        if (reply == speaking && (thenOnceQueued || reply.fullyHeard())) {
                            finishSpeaking();
                        }
                    }
                }, System::nanoTime).say(text);
        speaking.release();
    }

    private void finishSpeaking() {
        speaking = null;
        call.moveTo(CallState.LISTENING);
        Runnable then = afterSpeaking;
        afterSpeaking = null;
        if (then != null) {
            then.run();
        }
    }

    /** Stops whatever the caller hears from the line (a line, the hold audio). */
    private void silence() {
        music = false;
        afterSpeaking = null;
        if (speaking != null) {
            speaking.pause();
            speaking.cancel();
            speaking = null;
        }
        if (call.room().isEmpty()) {
            call.audio().clear();
        }
    }

    private void hangUp(String reason) {
        carrier.hangUp(call.callSid()).whenComplete((viaCarrier, e) -> call.hangUp(reason));
    }

    private void record(String speaker, String text) {
        registry.addTurn(call.callSid(), turn(speaker, text));
    }

    private static ConversationTurn turn(String speaker, String text) {
        return new ConversationTurn(speaker, text, Instant.now(), false, null, null, null, null);
    }

    /** The caller as the studio knows them while on air. */
    private Speaker onAirSpeaker() {
        return Speaker.caller(speaker(), call.callSid());
    }

    /** What the personas are told of the caller. */
    private String about() {
        String topic = show.find(call.callSid()).map(QueuedCall::topic).orElse(null);
        return topic == null || topic.isBlank() ? "a caller" : "a caller, on " + topic;
    }

    /** Out of the studio's company (the call's leg has left the room already, or leaves with the call). */
    private void offAir() {
        if (onAirAs != null) {
            studio.left(onAirAs, null);
            onAirAs = null;
        }
    }

    private String speaker() {
        return show.find(call.callSid()).map(QueuedCall::displayName).orElse("Caller");
    }

    private static Pcm16 tone(int hz, int millis) {
        int n = Pcm16.RATE_8K * millis / 1000;
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            double fade = Math.min(1, Math.min(i, n - i) / 80.0);
            s[i] = (short) (Math.sin(2 * Math.PI * hz * i / Pcm16.RATE_8K) * 9000 * fade);
        }
        return new Pcm16(Pcm16.RATE_8K, s);
    }

    /** For tests and logs. */
    Phase phase() {
        return phase;
    }
}
