package io.parley.studio;

import io.parley.audio.MuLaw;
import io.parley.audio.Pcm16;
import io.parley.conversation.Reply;
import io.parley.media.Leg;
import io.parley.media.OutboundAudio;
import io.parley.media.PhoneOutput;
import io.parley.models.ChatMessage;
import io.parley.models.LanguageModel;
import io.parley.models.TextToSpeech;
import io.parley.store.Persona;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * An AI persona's leg in the studio. It speaks the way the assistant speaks to a caller, through a {@link Reply}
 * (the language model streamed, clause by clause, into the voice's synthesiser) and paced {@link OutboundAudio};
 * here the "carrier" that plays the frames is the room itself: each mixed frame takes the next one, and a
 * segment's mark is echoed as soon as its last frame has been mixed, so the reply knows exactly what the room
 * heard. It hears nobody through the mix: every person in the studio has ears of their own.
 *
 * <p>When anyone speaks over it, {@link #hush} silences it from the next frame on, from whichever thread noticed;
 * the reply is then cut on the voice's executor, keeping what the room heard.
 *
 * <p>The paced output is driven by the room, not the clock: each frame the room mixes first lets the output hand
 * over what is due, then takes the next frame, so a reply's first frame is mixed on the first tick after its audio
 * arrives rather than a tick later (the clock ticks its streams in no fixed order).
 *
 * <p>Threads: {@link #speak} and the {@link PhoneOutput} side run on the clock's thread (the latter also on the
 * executor, for {@code clear}); the reply's work on the voice's own serial executor.
 */
final class AiVoice implements Leg, PhoneOutput {

    /** Told on the voice's executor. */
    interface Listener {
        /** The reply's first frame reached the room, {@code nanos} after it was asked for. */
        void sounded(AiVoice voice, long nanos);

        /** The room has heard {@code heard} of the reply so far (it grows clause by clause). */
        default void heard(AiVoice voice, String heard) {
        }

        /** Somebody spoke over the voice; it fell silent {@code nanos} after their speech began. */
        void silenced(AiVoice voice, long nanos);

        /** The reply is over: heard whole, cut short, or failed. {@code heard} is what the room heard of it. */
        void finished(AiVoice voice, String heard, boolean interrupted, String failure);
    }

    /** The room takes a frame every 20 ms; a little more than two are kept ready for it. */
    static final OutboundAudio.Settings PACING = new OutboundAudio.Settings(Duration.ofMillis(60),
            Duration.ofSeconds(2), Duration.ofSeconds(10));
    private static final Logger LOG = Logger.getLogger(AiVoice.class.getName());

    private final Persona persona;
    private final Speaker speaker;
    private final TextToSpeech tts;
    private final Pcm16 apology;
    private final Executor executor;
    private final Listener listener;
    private final OutboundAudio out;
    /** Frames (μ-law) and mark names as the paced output hands them over; guarded by itself. */
    private final ArrayDeque<Object> buffered = new ArrayDeque<>();

    private volatile boolean hushed;
    private volatile boolean released;
    private volatile long hushOnsetNanos;
    private boolean hushNoted;
    private volatile long askedAtNanos;
    private volatile boolean sounded;
    /** Answers asked for and not yet begun: a reply cut to make way for one is not the voice falling quiet. */
    private final java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();

    // the executor's
    private Reply reply;

    AiVoice(Persona persona, TextToSpeech tts, Pcm16 apology, Executor executor, Listener listener) {
        this.persona = persona;
        this.speaker = Speaker.persona(persona.name(), persona.id());
        this.tts = tts;
        this.apology = apology;
        this.executor = executor;
        this.listener = listener;
        this.out = new OutboundAudio(this, PACING, why -> executor.execute(() -> stalled(why)));
    }

    Persona persona() {
        return persona;
    }

    Speaker speaker() {
        return speaker;
    }

    /** Whether an answer has been asked for and has not begun yet. */
    boolean answerPending() {
        return asked.get() > 0;
    }

    // ---- the voice's executor ----

    /**
     * Answers {@code conversation}, in place of anything it was saying; asked at {@code askedAtNanos}. A polite
     * voice does not start over a person: while {@code floorFree} says no, what it has to say waits (the models
     * work on), until {@link #floorFree()}.
     */
    void answer(LanguageModel model, List<ChatMessage> conversation, long askedAtNanos,
                java.util.function.BooleanSupplier floorFree) {
        asked.incrementAndGet();
        executor.execute(() -> {
            if (reply != null) {
                cut();
            }
            asked.decrementAndGet();
            this.askedAtNanos = askedAtNanos;
            released = false;
            hushed = false;
            hushNoted = false;
            sounded = false;
            reply = new Reply(speaker.label(), tts, apology, executor, out, new Reply.Listener() {
                @Override
                public void queued(Reply r) {
                    if (r == reply && r.fullyHeard()) {
                        finish();
                    }
                }
            }, System::nanoTime).generate(model, conversation);
            if (floorFree.getAsBoolean()) {
                release();
            }
        });
    }

    /** Nobody is speaking now: an answer waiting for the floor goes out. */
    void floorFree() {
        executor.execute(() -> {
            if (reply != null && !released) {
                release();
            }
        });
    }

    private void release() {
        released = true;
        reply.release();
    }

    /**
     * Stops at the next frame: somebody began speaking at {@code onsetNanos}. Any thread. A voice that is quiet,
     * or still waiting for the floor, goes on waiting.
     */
    void hush(long onsetNanos) {
        if (hushed || !released) {
            return;
        }
        hushOnsetNanos = onsetNanos;
        hushed = true;
        executor.execute(() -> {
            if (reply != null) {
                cut();
            }
        });
    }

    /** Leaves: whatever it was saying stops, and its output closes. */
    void close() {
        hushed = true;
        executor.execute(() -> {
            if (reply != null) {
                cut();
            }
            out.close();
        });
    }

    private void cut() {
        Reply r = reply;
        reply = null;
        r.pause();
        r.cancel();
        listener.finished(this, r.heardText(), true, r.failure());
    }

    private void finish() {
        Reply r = reply;
        reply = null;
        listener.finished(this, r.heardText(), false, r.failure());
    }

    private void echoed(List<String> marks) {
        for (String mark : marks) {
            out.markEchoed(mark);
            if (reply != null && reply.heard(mark)) {
                if (reply.fullyHeard()) {
                    finish();
                } else {
                    listener.heard(this, reply.heardText());
                }
            }
        }
    }

    private void stalled(String why) {
        LOG.warning(() -> speaker.label() + ": " + why + "; the reply is dropped");
        if (reply != null) {
            cut();
        }
    }

    // ---- the room (the clock's thread) ----

    @Override
    public String id() {
        return speaker.key();
    }

    @Override
    public String kind() {
        return "agent";
    }

    @Override
    public boolean speak(short[] frame) {
        out.tick(System.nanoTime());
        if (hushed) {
            synchronized (buffered) {
                buffered.clear();
            }
            if (!hushNoted && askedAtNanos != 0) {
                hushNoted = true;
                long after = System.nanoTime() - hushOnsetNanos;
                if (sounded) {
                    executor.execute(() -> listener.silenced(this, after));
                }
            }
            return false;
        }
        byte[] next = null;
        List<String> marks = null;
        synchronized (buffered) {
            while (next == null && !buffered.isEmpty()) {
                Object item = buffered.poll();
                if (item instanceof byte[] audio) {
                    next = audio;
                } else {
                    marks = marks == null ? new ArrayList<>(2) : marks;
                    marks.add((String) item);
                }
            }
            while (buffered.peek() instanceof String mark) {
                buffered.poll();
                marks = marks == null ? new ArrayList<>(2) : marks;
                marks.add(mark);
            }
        }
        if (marks != null) {
            List<String> echoes = marks;
            executor.execute(() -> echoed(echoes));
        }
        if (next == null) {
            return false;
        }
        MuLaw.decode(next, 0, frame, 0, Math.min(next.length, FRAME_SAMPLES));
        if (!sounded) {
            sounded = true;
            long after = System.nanoTime() - askedAtNanos;
            executor.execute(() -> listener.sounded(this, after));
        }
        return true;
    }

    @Override
    public void hear(short[] frame, long nowNanos) {
        // Every person has ears of their own (see Studio): the mix is not listened to.
    }

    // ---- PhoneOutput: the paced output hands its frames and marks to the room ----

    @Override
    public void audio(byte[] mulaw) {
        synchronized (buffered) {
            buffered.add(mulaw);
        }
    }

    @Override
    public void mark(String name) {
        synchronized (buffered) {
            buffered.add(name);
        }
    }

    @Override
    public void clear() {
        synchronized (buffered) {
            buffered.clear();
        }
    }

    @Override
    public int pending() {
        return 0;
    }

    @Override
    public long busySince() {
        return 0;
    }

    @Override
    public void close(int code, String reason) {
        close();
    }
}
