package io.parley.conversation;

import io.parley.audio.LeadingSilence;
import io.parley.audio.Pcm16;
import io.parley.audio.RateConverter;
import io.parley.models.ChatMessage;
import io.parley.models.LanguageModel;
import io.parley.models.TextToSpeech;
import io.parley.media.OutboundAudio;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One reply of the agent, from text to the caller's ear. Text (streamed from the language model, or fixed, as
 * the greeting) is cut into clauses; each clause is synthesised as soon as it is complete, while the model goes
 * on; its audio is resampled to 8 kHz and queued for the caller, followed by a mark. A reply may be prepared
 * speculatively and held: nothing reaches the caller before {@link #release()}.
 *
 * <p>When the caller starts speaking over the reply it is {@link #pause() paused}: the caller's audio is
 * cleared at once, while the models go on. What happens next is the agent's decision: {@link #cancel()} (a
 * real interruption: the models stop, and the history keeps {@link #heardText()}) or {@link #resume()} (a
 * cough or a door: the reply goes on from where the caller stopped hearing it). So the reply keeps each
 * clause's audio until Twilio's mark says it was heard.
 *
 * <p>Every method runs on the call's executor; the models' callbacks come back through it. When a model fails,
 * the caller hears the pre-rendered apology instead of what is missing, and the reply ends normally: the
 * conversation goes on.
 */
public final class Reply {

    /** What the reply tells its owner. Called on the call's executor. */
    public interface Listener {
        /** The first audio of the reply was queued for the caller. */
        default void speaking(Reply reply) {
        }

        /** All audio of the reply is queued (and the text is complete): it now only has to be heard. */
        default void queued(Reply reply) {
        }
    }

    private static final Logger LOG = Logger.getLogger(Reply.class.getName());
    /**
     * How far ahead of the caller's ear clauses are synthesised: enough that the voice never waits for the
     * server, little enough that an interruption wastes little GPU time.
     */
    static final int SYNTHESIS_AHEAD_MILLIS = 4000;

    private final String who;
    private final TextToSpeech tts;
    private final Pcm16 apology;
    private final Executor call;
    private final OutboundAudio audio;
    private final Listener listener;
    private final LongSupplier nanoTime;
    private final ClauseChunker chunker = new ClauseChunker(this::clause);
    private final Deque<String> toSynthesize = new ArrayDeque<>();
    private final Deque<Object> outgoing = new ArrayDeque<>();
    private final PlayedClauses played = new PlayedClauses();
    private final StringBuilder allText = new StringBuilder();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private LanguageModel.Reply generating;
    private TextToSpeech.Synthesis synthesizing;
    private String synthesizingText;
    private boolean starting;
    private final RateConverter toLine = new RateConverter(Pcm16.RATE_8K);
    private boolean textComplete;
    private boolean released;
    private boolean cancelled;
    private boolean waitingForRoom;
    private boolean voiced;
    private boolean paused;
    private boolean announced;
    private String failure;
    private long firstTextAt;
    private long firstAudioAt;
    private long firstSentAt;

    /** A queued marker: the clause's audio is complete, its mark follows. */
    private record ClauseEnd(String text) {
    }

    public Reply(String who, TextToSpeech tts, Pcm16 apology, Executor call, OutboundAudio audio, Listener listener,
                 LongSupplier nanoTime) {
        this.who = who;
        this.tts = tts;
        this.apology = apology;
        this.call = call;
        this.audio = audio;
        this.listener = listener;
        this.nanoTime = nanoTime;
    }

    /** Speaks a reply the language model streams for {@code conversation}. */
    public Reply generate(LanguageModel model, List<ChatMessage> conversation) {
        try {
            generating = model.reply(conversation, piece -> call.execute(() -> onText(piece)));
            generating.done().whenComplete((all, error) -> call.execute(() -> onTextDone(error)));
        } catch (RuntimeException e) {
            onTextDone(e);
        }
        return this;
    }

    /** Speaks fixed text (the greeting). */
    public Reply say(String fixedText) {
        onText(fixedText);
        onTextDone(null);
        return this;
    }

    /** Speaks only the apology: a model failed before there was anything to say. */
    public Reply apologise(String why) {
        failure = why;
        firstAudioAt = nanoTime.getAsLong();
        textComplete = true;
        outgoing.add(apology);
        outgoing.add(new ClauseEnd(PlayedClauses.APOLOGY));
        return this;
    }

    /** The turn is committed: the caller may hear this reply; held audio goes out now. */
    public void release() {
        if (!released && !cancelled) {
            released = true;
            pump();
        }
    }

    /**
     * The caller spoke over the reply: their audio is cleared at once, nothing more is queued, and what the
     * caller heard of the clause under way is estimated from the playback time (Twilio plays what it gets in
     * real time). The models go on until {@link #cancel()}; {@link #resume()} plays on.
     */
    public OutboundAudio.ClearReport pause() {
        OutboundAudio.ClearReport report = audio.clear();
        if (paused || cancelled) {
            return report;
        }
        paused = true;
        announced = false;
        // The clause under way, if its audio is still arriving: what waits here, and its text.
        int pendingSamples = 0;
        String pendingText = synthesizingText;
        for (Object item : outgoing) {
            if (item instanceof Pcm16 pcm) {
                pendingSamples += pcm.sampleCount();
            } else {
                pendingText = ((ClauseEnd) item).text();
                break;
            }
        }
        played.cut(report, pendingSamples, pendingText);
        return report;
    }

    public boolean paused() {
        return paused;
    }

    /**
     * The pause was a false alarm: the reply plays on from where the caller stopped hearing it (a fifth of a
     * second earlier, so the syllable cut by the pause is heard whole).
     */
    public void resume() {
        if (!paused || cancelled) {
            return;
        }
        paused = false;
        Deque<Object> replay = new ArrayDeque<>();
        played.replay(replay::add, text -> replay.add(new ClauseEnd(text)));
        while (!replay.isEmpty()) {
            outgoing.addFirst(replay.pollLast());
        }
        pump();
    }

    /**
     * The caller has waited too long for the first sound: whatever model is still working is stopped, and the
     * apology plays instead. Does nothing once the caller has heard the reply start.
     */
    public void giveUp(long waitedMillis) {
        if (cancelled || firstSentAt != 0 || failure != null) {
            return;
        }
        String stage = firstTextAt == 0 ? "language model" : "text-to-speech";
        fail(stage, new java.util.concurrent.TimeoutException("no reply audio " + waitedMillis
                + " ms after the caller's turn (parley.reply.deadline-ms)"));
    }

    /** Abandons the reply: the model's stream and the synthesis stop; nothing more is queued. */
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        if (generating != null) {
            generating.cancel();
        }
        if (synthesizing != null) {
            synthesizing.cancel();
        }
        toSynthesize.clear();
        outgoing.clear();
        done.complete(null);
    }

    /** Twilio echoed {@code mark}: the caller heard every clause up to and including it. */
    public boolean heard(String mark) {
        if (paused) {
            return false;
        }
        if (played.heard(mark)) {
            synthesizeNext();
            return true;
        }
        return false;
    }

    /** Whether everything is queued and the caller has heard all of it. */
    public boolean fullyHeard() {
        return done.isDone() && !cancelled && !paused && outgoing.isEmpty() && played.allHeard();
    }

    /**
     * What the caller heard, as one text (what the conversation history keeps): the clauses whose marks Twilio
     * echoed, and, after a {@link #pause()}, the words of the next clause that had played before the clear.
     */
    public String heardText() {
        return played.heardText();
    }

    /** What the model said (so far) that the caller did not hear: the rest after {@link #heardText()}. */
    public String unheardText() {
        String[] all = allText.toString().strip().split("\\s+");
        String heard = heardText();
        int skip = heard.isEmpty() ? 0 : heard.split("\\s+").length;
        if (allText.length() == 0 || skip >= all.length) {
            return "";
        }
        return String.join(" ", Arrays.asList(all).subList(skip, all.length));
    }

    /** Why a model failed during this reply, if one did. */
    public String failure() {
        return failure;
    }

    /** Completes when the reply is wholly queued (or cancelled). */
    public CompletionStage<Void> done() {
        return done;
    }

    /** Nanos when the first text arrived, 0 if none yet. */
    public long firstTextAt() {
        return firstTextAt;
    }

    public long firstAudioAt() {
        return firstAudioAt;
    }

    public long firstSentAt() {
        return firstSentAt;
    }

    // ---- text ----

    private void onText(String piece) {
        if (cancelled || textComplete) {
            return;
        }
        if (firstTextAt == 0) {
            firstTextAt = nanoTime.getAsLong();
        }
        allText.append(piece);
        chunker.add(piece);
    }

    private void onTextDone(Throwable error) {
        if (cancelled || textComplete) {
            return;
        }
        textComplete = true;
        if (error != null) {
            fail("language model", error);
        } else {
            chunker.finish();
        }
        maybeDone();
    }

    private void clause(String clauseText) {
        toSynthesize.add(clauseText);
        synthesizeNext();
    }

    // ---- speech ----

    private void synthesizeNext() {
        if (synthesizing != null || starting || toSynthesize.isEmpty() || cancelled
                || bufferedMillis() > SYNTHESIS_AHEAD_MILLIS) {
            return;
        }
        String clauseText = toSynthesize.poll();
        try {
            // A voice may deliver audio before speak() returns (on this thread): no second clause meanwhile.
            starting = true;
            TextToSpeech.Synthesis synthesis;
            try {
                synthesis = tts.speak(clauseText, chunk -> call.execute(() -> onAudio(chunk)));
            } finally {
                starting = false;
            }
            synthesizing = synthesis;
            synthesizingText = clauseText;
            synthesis.done().whenComplete((v, error) -> call.execute(() -> onSynthesized(synthesis, clauseText, error)));
        } catch (RuntimeException e) {
            onSynthesized(null, clauseText, e);
        }
    }

    /** Audio synthesised and not yet played: waiting here, and queued for the caller. */
    private long bufferedMillis() {
        long samples = 0;
        for (Object item : outgoing) {
            if (item instanceof Pcm16 pcm) {
                samples += pcm.sampleCount();
            }
        }
        return samples * 1000 / Pcm16.RATE_8K + audio.queuedMillis();
    }

    private void onAudio(Pcm16 chunk) {
        if (cancelled || failure != null) {
            return;
        }
        if (firstAudioAt == 0) {
            firstAudioAt = nanoTime.getAsLong();
        }
        Pcm16 narrow = toLine.convert(chunk);
        if (!voiced) {
            // Voices pad the start with silence (FreeTTS about a fifth of a second): the caller would wait for it.
            narrow = LeadingSilence.trim(narrow);
            if (narrow.sampleCount() == 0) {
                return;
            }
            voiced = true;
        }
        outgoing.add(narrow);
        pump();
    }

    private void onSynthesized(TextToSpeech.Synthesis synthesis, String clauseText, Throwable error) {
        if (synthesis != null && synthesis != synthesizing) {
            return;
        }
        synthesizing = null;
        if (cancelled) {
            return;
        }
        if (error != null) {
            fail("text-to-speech", error);
        } else if (failure == null) {
            outgoing.add(new ClauseEnd(clauseText));
            pump();
            synthesizeNext();
        }
        maybeDone();
    }

    /** A model failed: what is not yet synthesised is dropped, and the caller hears the apology instead. */
    private void fail(String stage, Throwable error) {
        if (failure != null) {
            return;
        }
        Throwable cause = Failures.unwrap(error);
        failure = Failures.describe(stage, cause);
        LOG.log(Level.WARNING, who + ": the " + stage + " failed (" + cause + "); the caller hears the apology");
        textComplete = true;
        toSynthesize.clear();
        if (synthesizing != null) {
            synthesizing.cancel();
            synthesizing = null;
        }
        if (generating != null) {
            generating.cancel();
        }
        // Audio of the clause being synthesised is incomplete: drop it, keep whole clauses.
        while (!outgoing.isEmpty() && !(outgoing.peekLast() instanceof ClauseEnd)) {
            outgoing.pollLast();
        }
        if (firstAudioAt == 0) {
            firstAudioAt = nanoTime.getAsLong();
        }
        outgoing.add(apology);
        outgoing.add(new ClauseEnd(PlayedClauses.APOLOGY));
        pump();
    }

    // ---- to the caller ----

    private void pump() {
        if (!released || cancelled || waitingForRoom || paused) {
            return;
        }
        while (!outgoing.isEmpty()) {
            Object item = outgoing.poll();
            if (item instanceof Pcm16 pcm) {
                if (firstSentAt == 0) {
                    firstSentAt = nanoTime.getAsLong();
                }
                if (!announced) {
                    announced = true;
                    listener.speaking(this);
                }
                played.played(pcm);
                if (!audio.play(pcm.toMuLaw())) {
                    waitingForRoom = true;
                    audio.whenReady().thenRun(() -> call.execute(() -> {
                        waitingForRoom = false;
                        pump();
                        synthesizeNext();
                    }));
                    return;
                }
            } else {
                String clauseText = ((ClauseEnd) item).text();
                played.marked(clauseText, audio.mark(clauseText));
            }
        }
        synthesizeNext();
        maybeDone();
    }

    private void maybeDone() {
        if (textComplete && synthesizing == null && toSynthesize.isEmpty() && outgoing.isEmpty() && released
                && !done.isDone()) {
            done.complete(null);
            listener.queued(this);
        }
    }
}
