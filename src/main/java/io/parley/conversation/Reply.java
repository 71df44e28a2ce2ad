package io.parley.conversation;

import io.parley.audio.Pcm16;
import io.parley.audio.RateConverter;
import io.parley.models.ChatMessage;
import io.parley.models.LanguageModel;
import io.parley.models.TextToSpeech;
import io.parley.telephony.media.OutboundAudio;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 * <p>Every method runs on the call's executor; the models' callbacks come back through it. When a model fails,
 * the caller hears the pre-rendered apology instead of what is missing, and the reply ends normally: the
 * conversation goes on.
 */
public final class Reply {

    /** A clause handed to the caller's audio, and the mark that says it was heard. */
    public record Clause(String text, String mark) {
    }

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
    private static final String APOLOGY_MARK_LABEL = "(apology)";

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
    private final List<Clause> queuedClauses = new ArrayList<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private LanguageModel.Reply generating;
    private TextToSpeech.Synthesis synthesizing;
    private final RateConverter toLine = new RateConverter(Pcm16.RATE_8K);
    private boolean textComplete;
    private boolean released;
    private boolean cancelled;
    private boolean waitingForRoom;
    private boolean voiced;
    private String failure;
    private int heardClauses;
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
        outgoing.add(new ClauseEnd(APOLOGY_MARK_LABEL));
        return this;
    }

    /** The turn is committed: the caller may hear this reply; held audio goes out now. */
    public void release() {
        if (!released && !cancelled) {
            released = true;
            pump();
        }
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
        for (int i = heardClauses; i < queuedClauses.size(); i++) {
            if (queuedClauses.get(i).mark().equals(mark)) {
                heardClauses = i + 1;
                return true;
            }
        }
        return false;
    }

    /** Whether everything is queued and the caller has heard all of it. */
    public boolean fullyHeard() {
        return done.isDone() && !cancelled && heardClauses == queuedClauses.size();
    }

    /** The clauses the caller has heard, as one text (what the conversation history keeps). */
    public String heardText() {
        return String.join(" ", queuedClauses.subList(0, heardClauses).stream()
                .filter(c -> !APOLOGY_MARK_LABEL.equals(c.text())).map(Clause::text).toList());
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
        if (synthesizing != null || toSynthesize.isEmpty() || cancelled) {
            return;
        }
        String clauseText = toSynthesize.poll();
        try {
            TextToSpeech.Synthesis synthesis = tts.speak(clauseText, chunk -> call.execute(() -> onAudio(chunk)));
            synthesizing = synthesis;
            synthesis.done().whenComplete((v, error) -> call.execute(() -> onSynthesized(synthesis, clauseText, error)));
        } catch (RuntimeException e) {
            onSynthesized(null, clauseText, e);
        }
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
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        failure = stage + ": " + cause;
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
        outgoing.add(new ClauseEnd(APOLOGY_MARK_LABEL));
        pump();
    }

    // ---- to the caller ----

    private void pump() {
        if (!released || cancelled || waitingForRoom) {
            return;
        }
        while (!outgoing.isEmpty()) {
            Object item = outgoing.poll();
            if (item instanceof Pcm16 pcm) {
                if (firstSentAt == 0) {
                    firstSentAt = nanoTime.getAsLong();
                    listener.speaking(this);
                }
                if (!audio.play(pcm.toMuLaw())) {
                    waitingForRoom = true;
                    audio.whenReady().thenRun(() -> call.execute(() -> {
                        waitingForRoom = false;
                        pump();
                    }));
                    return;
                }
            } else {
                String clauseText = ((ClauseEnd) item).text();
                queuedClauses.add(new Clause(clauseText, audio.mark(clauseText)));
            }
        }
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
