package io.parley.conversation;

import io.parley.audio.Pcm16;
import io.parley.call.Agent;
import io.parley.call.CallControl;
import io.parley.call.CallRegistry;
import io.parley.call.CallerMemories;
import io.parley.call.CallerMemory;
import io.parley.call.CallScoped;
import io.parley.call.CallState;
import io.parley.call.Carrier;
import io.parley.call.ConversationTurn;
import io.parley.logging.LogSafe;
import io.parley.models.ChatMessage;
import io.parley.models.Models;
import io.parley.models.SpeechToText;
import io.parley.ops.ConversationMetrics;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The AI agent ({@code parley.agent=assistant}). It greets the caller, then for every turn: the voice activity
 * detector and the {@link TurnDetector} follow the caller's speech; at the first pause the transcript is
 * settled and a reply is drafted speculatively (transcription, the language model's stream and the first
 * clauses' speech); when the turn is committed the draft is released to the caller, and when the caller went on
 * instead it is thrown away.
 *
 * <p>The caller's speech during a reply pauses it at once (their audio is cleared); {@link BargeIn} then decides
 * whether they interrupted (the reply stops, its models are cancelled, and the history keeps what the caller
 * heard, flagged as interrupted) or it was a cough (the reply resumes). Keys pressed on the keypad are a turn
 * of their own ({@link Keypad}); a caller who goes quiet is checked on and, in the end, said goodbye to
 * ({@link IdleWatch}).
 *
 * <p>One instance per call, on the call's executor (see {@link Agent}).
 */
@Named("assistant")
@CallScoped
public class AssistantAgent implements Agent {

    private static final Logger LOG = Logger.getLogger(AssistantAgent.class.getName());
    /** Caller audio kept from before the detector noticed speech, so the transcript has the first syllable. */
    private static final int PRE_ROLL_FRAMES = 15;
    /** How long a sound too short to be speech must stay alone before the paused reply resumes. */
    private static final int BLIP_GRACE_MILLIS = 160;

    @Inject
    Models models;

    @Inject
    ConversationSettings settings;

    @Inject
    CallRegistry registry;

    @Inject
    CallerMemories memories;

    @Inject
    ConversationMetrics metrics;

    @Inject
    Carrier carrier;

    private CallControl call;
    private String who;
    private VoiceActivityDetector vad;
    private TurnDetector turns;
    private BargeIn bargeIn;
    private IdleWatch idle;
    private Keypad keypad;
    private String partial = "";
    /** Stream time at which a reply paused for a mere blip resumes; -1 when none is due. */
    private long resumeAtMillis = -1;
    private final List<ChatMessage> history = new ArrayList<>();
    private final Deque<Pcm16> preRoll = new ArrayDeque<>();
    private long streamMillis;
    private SpeechToText.Utterance utterance;
    private boolean paused;

    /** The turn being listened to: its pause's speculation, and what is known of it. */
    private int pauseGeneration;
    private long speechEndNanos;
    private long speechEndMillis;
    private String settled;
    private String sttFailure;
    private long transcriptAt;
    private Reply draft;
    private boolean committed;
    private long committedAt;
    /** Stream time by which the caller must hear the reply to their committed turn; -1 when nobody waits. */
    private long answerDueMillis = -1;
    /**
     * The committed turn whose reply has not sounded yet, or has sounded for less than the resume grace. Until
     * then the caller keeps the floor: if they go on, the reply is dropped and their words so far are the start of
     * a longer turn.
     */
    private Answered answered;
    /** Stream time at which the answer's first audio went out; -1 while it has not. */
    private long answerSoundedAtMillis = -1;
    private int resumeGraceMillis;

    /** A caller's turn being answered: their words ({@code null} when the answer is the apology), when, and by what. */
    private record Answered(String text, Instant at, Reply reply) {
    }

    /** The reply the caller is hearing (or will hear next). */
    private Reply speaking;
    private ConversationTurn.Timings speakingTimings;
    private boolean farewell;
    private String farewellReason;
    private boolean hangingUp;

    @Override
    public void start(CallControl call) {
        this.call = call;
        this.who = "Call " + call.callSid();
        turns = new TurnDetector(settings.turn(), this::onTurn);
        vad = new VoiceActivityDetector(models.vad().newStream(), settings.vad(), this::onVad);
        bargeIn = new BargeIn(settings.bargeIn());
        idle = new IdleWatch(settings.idle());
        keypad = new Keypad(settings.keypadInterDigitMillis());
        resumeGraceMillis = settings.resumeGraceMillis();
        CallerMemory memory = memories.take(call.callSid()).orElse(CallerMemory.NONE);
        history.add(ChatMessage.system(settings.systemPrompt() + memory.forPrompt()));
        String greeting = Optional.ofNullable(call.parameters().get("Greeting")).filter(g -> !g.isBlank())
                .or(() -> memory.name().map(settings::returningGreeting))
                .orElse(settings.greeting());
        LOG.info(() -> who + ": assistant with " + models.languageModel().describe());
        speak(newReply().say(call.recordingNotice().map(notice -> notice + " " + greeting).orElse(greeting)));
    }

    @Override
    public void hear(Pcm16 audio) {
        streamMillis += audio.sampleCount() * 1000L / audio.sampleRate();
        preRoll.add(audio); // always, as the next turn may begin while this one's recogniser still listens
        if (preRoll.size() > PRE_ROLL_FRAMES) {
            preRoll.poll();
        }
        if (utterance != null) {
            utterance.accept(audio);
            if (!paused) {
                utterance.partial().ifPresent(text -> {
                    partial = text;
                    turns.onTranscript(text);
                });
            }
        }
        vad.accept(audio);
        turns.advance(streamMillis);
        if (bargeIn.pending() && vad.speaking() && bargeIn.speaking(streamMillis, partial) == BargeIn.Verdict.YIELD) {
            yieldToCaller();
        }
        if (resumeAtMillis >= 0 && streamMillis >= resumeAtMillis) {
            resumeAtMillis = -1;
            if (bargeIn.pending() && utterance == null) {
                falseAlarm();
            }
        }
        if (answerDueMillis >= 0 && streamMillis >= answerDueMillis) {
            replyOverdue();
        }
        if (answered != null && answerSoundedAtMillis >= 0 && !speaking.paused()
                && streamMillis - answerSoundedAtMillis >= resumeGraceMillis) {
            callerTurnAnswered(); // the reply has sounded long enough for the caller to have heard it
        }
        String keys = keypad.complete(streamMillis);
        if (keys != null) {
            keypadTurn(keys);
        }
        watchSilence();
    }

    @Override
    public void dtmf(String digit) {
        idle.callerActive(streamMillis);
        if (speaking != null) {
            LOG.info(() -> who + ": the caller pressed " + digit + " during the reply");
            speaking.pause();
            yieldToCaller();
        }
        keypad.press(digit, streamMillis);
    }

    @Override
    public void heard(String mark) {
        if (speaking != null && speaking.heard(mark) && speaking.fullyHeard()) {
            finishReply(false);
        }
    }

    @Override
    public void end() {
        if (answered != null) {
            callerTurnAnswered(); // their last words are on the record, though the call ended before the reply
        } else {
            keepLastWords();
        }
        discardTurn();
        if (speaking != null) {
            speaking.cancel();
            speaking = null;
        }
    }

    // ---- the caller's turn ----

    /** The first window of speech pauses a reply at once; the turn detector decides the rest. */
    private void onVad(VadEvent event) {
        if (event instanceof VadEvent.SpeechLikely likely) {
            resumeAtMillis = -1;
            if (answered != null && answerSoundedAtMillis >= 0) {
                // Going on just as the reply began: silence it at once; the turn detector decides whether the
                // caller is still talking (the reply is dropped) or it was a click (the reply plays on).
                speaking.pause();
            } else if (speaking != null && !bargeIn.pending() && !committed && answered == null) {
                pauseForCaller(likely.atMillis());
            }
        } else if (event instanceof VadEvent.SpeechUnlikely && answered != null && answerSoundedAtMillis >= 0
                && speaking.paused()) {
            speaking.resume();
        } else if (event instanceof VadEvent.SpeechUnlikely && bargeIn.pending() && utterance == null) {
            // A click or a breath, not even the start of speech: the reply goes on, unless speech follows at once
            // (a pause and resume in between would let a snippet of the reply through).
            resumeAtMillis = streamMillis + BLIP_GRACE_MILLIS;
        }
        turns.onVad(event);
    }

    private void onTurn(TurnEvent event) {
        if (event instanceof TurnEvent.Started started) {
            idle.callerActive(streamMillis);
            answerDueMillis = -1;
            if (committed || answered != null) {
                // The caller went on after the commit, before hearing a word of the reply: one turn after all.
                if (answered != null) {
                    dropUnheardAnswer();
                }
                committed = false;
                pauseGeneration++;
                discardDraft();
            } else if (speaking != null && !bargeIn.pending()) {
                pauseForCaller(started.atMillis());
            }
            paused = false;
            if (utterance == null) {
                utterance = models.speechToText().begin();
                preRoll.forEach(utterance::accept);
                preRoll.clear();
            }
        } else if (event instanceof TurnEvent.Paused p) {
            BargeIn.Verdict verdict = bargeIn.paused(p.speechEndMillis());
            if (verdict == BargeIn.Verdict.RESUME) {
                falseAlarm();
                return;
            }
            paused = true;
            // The frame being heard arrived at frameArrivedNanos, streamMillis into the call; speech ended earlier.
            speechEndNanos = call.frameArrivedNanos() - (streamMillis - p.speechEndMillis()) * 1_000_000L;
            speechEndMillis = p.speechEndMillis();
            if (verdict == BargeIn.Verdict.YIELD) {
                yieldToCaller();
            }
            speculate();
        } else if (event instanceof TurnEvent.Resumed) {
            paused = false;
            pauseGeneration++;
            discardDraft();
            LOG.fine(() -> who + ": the caller went on; the speculative reply is discarded");
        } else if (event instanceof TurnEvent.Committed) {
            committed = true;
            committedAt = call.frameArrivedNanos();
            answerDueMillis = streamMillis + settings.replyDeadlineMillis();
            if (settled != null || sttFailure != null) {
                answer();
            }
        }
    }

    /** The caller paused: settle the transcript, and draft a reply to it. Nothing is played yet. */
    private void speculate() {
        int generation = ++pauseGeneration;
        SpeechToText.Utterance current = utterance;
        if (current == null) {
            return;
        }
        try {
            current.settle().whenComplete((text, error) -> call.executor().execute(() -> settled(generation, text, error)));
        } catch (RuntimeException e) {
            settled(generation, null, e);
        }
    }

    private void settled(int generation, String text, Throwable error) {
        if (generation != pauseGeneration) {
            return;
        }
        if (bargeIn.pending()) {
            BargeIn.Verdict verdict = bargeIn.transcribed(speechEndMillis, error == null ? text : null);
            if (verdict == BargeIn.Verdict.RESUME) {
                falseAlarm();
                return;
            }
            if (verdict == BargeIn.Verdict.YIELD) {
                yieldToCaller();
            }
        }
        transcriptAt = System.nanoTime();
        if (error != null) {
            Throwable cause = Failures.unwrap(error);
            sttFailure = Failures.describe("speech-to-text", cause);
            LOG.log(Level.WARNING, who + ": transcription failed (" + cause + "); the caller hears the apology");
            turns.onTranscript("(transcription failed)");
        } else {
            settled = text.strip();
            LOG.info(() -> who + ": caller (" + (committed ? "final" : "at the pause") + "): "
                    + "\"" + LogSafe.text(settled, 500) + "\"");
            turns.onTranscript(settled);
            if (!settled.isEmpty()) {
                List<ChatMessage> conversation = new ArrayList<>(history);
                conversation.add(ChatMessage.user(settled));
                draft = newReply().generate(models.languageModel(), conversation);
            }
        }
        if (committed) {
            answer();
        } else {
            turns.advance(streamMillis);
        }
    }

    /** The turn is committed and its transcript known: the caller hears the draft (or the apology). */
    private void answer() {
        String text = settled;
        String failure = sttFailure;
        Reply reply = draft;
        draft = null;
        long wait = (committedAt - speechEndNanos) / 1_000_000;
        long transcript = (transcriptAt - speechEndNanos) / 1_000_000;
        if (failure == null && (text == null || text.isEmpty())) {
            LOG.info(() -> who + ": the turn had no words; still listening");
            answerDueMillis = -1;
            closeUtterance();
            return;
        }
        // The recogniser keeps listening until the answer sounds (see callerTurnAnswered).
        committed = false;
        settled = null;
        sttFailure = null;
        if (failure != null) {
            Reply apology = newReply().apologise(failure);
            answered = new Answered(null, Instant.now(), apology);
            speakingTimings = new ConversationTurn.Timings(null, null, null, null, wait);
            speak(apology);
            return;
        }
        answered = new Answered(text, Instant.now(), reply);
        farewell = Farewell.isFarewell(text);
        farewellReason = "the caller said goodbye";
        speakingTimings = new ConversationTurn.Timings(transcript, null, null, null, wait);
        call.moveTo(CallState.THINKING);
        speak(reply);
    }

    /**
     * The answer has sounded for the resume grace (or is over, or the call ends): the caller's turn is over and
     * goes on the record.
     */
    private void callerTurnAnswered() {
        Answered turn = answered;
        answered = null;
        answerSoundedAtMillis = -1;
        closeUtterance();
        if (turn.text() != null) {
            history.add(ChatMessage.user(turn.text()));
            record(callerTurn(turn.text(), turn.at()));
        }
    }

    /**
     * The call ended while the caller was speaking, or before their turn was committed or transcribed: their words
     * still go on the record. The transcript settled at their pause is the turn's when nothing was said after it;
     * otherwise what was heard is transcribed now and recorded when the text comes, after the call (its notes wait
     * a moment for such words: {@code PostCallNotes}).
     */
    private void keepLastWords() {
        SpeechToText.Utterance last = utterance;
        if (last == null) {
            return;
        }
        utterance = null;
        Instant at = Instant.now();
        if (settled != null) {
            last.close();
            if (!settled.isEmpty()) {
                record(callerTurn(settled, at));
            }
            return;
        }
        String callSid = call.callSid();
        String logName = who;
        CallRegistry calls = registry;
        last.finishAndClose().whenComplete((text, error) -> {
            if (error != null) {
                LOG.info(() -> logName + ": the caller's last words were lost: " + Failures.describe(
                        "speech-to-text", Failures.unwrap(error)));
            } else if (!text.isBlank()) {
                LOG.info(() -> logName + ": hung up while speaking; their last words are kept: \""
                        + LogSafe.text(text.strip(), 200) + "\"");
                calls.addTurn(callSid, callerTurn(text.strip(), at));
            }
        });
    }

    private static ConversationTurn callerTurn(String text, Instant at) {
        return new ConversationTurn(ConversationTurn.CALLER, text, at, false, null, null, null, null);
    }

    /**
     * The caller went on before the answer sounded, or so soon after its first sound that they were still
     * finishing their sentence, not answering it: the reply is dropped (and what Twilio holds of it cleared), and
     * the caller keeps the floor. What they may have heard of it overlapped their own voice and is not kept.
     */
    private void dropUnheardAnswer() {
        if (answerSoundedAtMillis >= 0) {
            long after = streamMillis - answerSoundedAtMillis;
            LOG.info(() -> who + ": the caller went on " + after + " ms into the reply; it is dropped and their turn"
                    + " goes on");
        } else {
            LOG.fine(() -> who + ": the caller went on before the reply sounded; it is dropped");
        }
        answered = null;
        answerSoundedAtMillis = -1;
        farewell = false;
        speakingTimings = null;
        if (speaking != null) {
            speaking.pause();
            speaking.cancel();
            speaking = null;
        }
        call.moveTo(CallState.LISTENING);
    }

    private void discardTurn() {
        answerDueMillis = -1;
        pauseGeneration++;
        discardDraft();
        closeUtterance();
    }

    private void discardDraft() {
        if (draft != null) {
            draft.cancel();
            draft = null;
        }
        settled = null;
        sttFailure = null;
    }

    private void closeUtterance() {
        if (utterance != null) {
            utterance.close();
            utterance = null;
        }
        settled = null;
        sttFailure = null;
        committed = false;
        paused = false;
        partial = "";
    }

    // ---- interruptions, keys and silence ----

    /** The caller started speaking over the reply: it pauses at once, until {@link BargeIn} decides. */
    private void pauseForCaller(long onsetMillis) {
        var report = speaking.pause();
        bargeIn.onset(onsetMillis);
        call.moveTo(CallState.LISTENING);
        LOG.fine(() -> who + ": the caller spoke over the reply; paused, " + report.framesUnheard() * 20
                + " ms not heard");
    }

    /** A real interruption: the reply stops for good; the history keeps what the caller heard of it. */
    private void yieldToCaller() {
        bargeIn.reset();
        if (speaking == null) {
            return;
        }
        speaking.cancel();
        farewell = false;
        metrics.interruption(true);
        finishReply(true);
        call.moveTo(CallState.LISTENING);
    }

    /** The caller's sound was not an interruption (a cough, a door): it is forgotten and the reply goes on. */
    private void falseAlarm() {
        bargeIn.reset();
        resumeAtMillis = -1;
        discardTurn();
        turns.reset();
        metrics.interruption(false);
        if (speaking != null) {
            LOG.info(() -> who + ": not an interruption (too short, or no words); the reply goes on");
            speaking.resume();
        }
    }

    /** The caller keyed an entry: it is a turn of its own, which the model answers. */
    private void keypadTurn(String keys) {
        discardTurn();
        turns.reset();
        ChatMessage entry = ChatMessage.keypad(keys);
        history.add(entry);
        record(new ConversationTurn(ConversationTurn.CALLER, entry.content(), Instant.now(), false, null, keys, null,
                null));
        LOG.info(() -> who + ": caller pressed " + keys);
        farewell = false;
        speakingTimings = null;
        call.moveTo(CallState.THINKING);
        speak(newReply().generate(models.languageModel(), List.copyOf(history)));
    }

    /** The caller's turn is over and the reply has not started in time: they hear the apology now. */
    private void replyOverdue() {
        long waited = streamMillis - answerDueMillis + settings.replyDeadlineMillis();
        answerDueMillis = -1;
        if (committed && settled == null && sttFailure == null) {
            LOG.warning(() -> who + ": no transcript " + waited + " ms after the turn; the caller hears the apology");
            pauseGeneration++; // the transcript, if it ever comes, is not wanted any more
            sttFailure = "speech-to-text: no transcript " + waited + " ms after the caller's turn (parley.reply.deadline-ms)";
            answer();
        } else if (speaking != null && !speaking.paused()) {
            speaking.giveUp(waited);
        }
    }

    /** Checks on a caller who has gone quiet, and in the end says goodbye. */
    private void watchSilence() {
        boolean quiet = speaking == null && utterance == null && draft == null && !committed && !vad.speaking()
                && !keypad.collecting() && !hangingUp;
        if (!quiet) {
            idle.agentActive(streamMillis);
            return;
        }
        IdleWatch.Prompt prompt = idle.quiet(streamMillis);
        if (prompt == IdleWatch.Prompt.CHECK_IN) {
            LOG.info(() -> who + ": the caller has been quiet; checking in");
            speak(newReply().say(settings.idle().checkIn()));
        } else if (prompt == IdleWatch.Prompt.GOODBYE) {
            LOG.info(() -> who + ": the caller is still quiet; saying goodbye");
            farewell = true;
            farewellReason = "the caller was silent";
            speak(newReply().say(settings.idle().goodbye()));
        }
    }

    // ---- the agent's reply ----

    private Reply newReply() {
        return new Reply(who, models.textToSpeech(), models.apology(), call.executor(), call.audio(),
                new Reply.Listener() {
                    @Override
                    public void speaking(Reply reply) {
                        if (reply == speaking) {
                            answerDueMillis = -1;
                            if (answered != null && answered.reply() == reply && answerSoundedAtMillis < 0) {
                                answerSoundedAtMillis = streamMillis;
                            }
                        }
                        call.moveTo(CallState.SPEAKING);
                    }

                    @Override
                    public void queued(Reply reply) {
                        if (reply == speaking && reply.fullyHeard()) {
                            finishReply(false);
                        }
                    }
                }, System::nanoTime);
    }

    private void speak(Reply reply) {
        if (speaking != null) {
            speaking.pause();
            speaking.cancel();
            finishReply(true);
        }
        speaking = reply;
        reply.release();
    }

    /** The reply is over: heard in full, or interrupted. The history keeps what the caller heard. */
    private void finishReply(boolean interrupted) {
        Reply reply = speaking;
        speaking = null;
        if (reply == null) {
            return;
        }
        if (answered != null && answered.reply() == reply) {
            callerTurnAnswered(); // ended before it sounded (a key, or no words): the caller's turn comes first
        }
        String heard = reply.heardText();
        if (!heard.isEmpty()) {
            history.add(ChatMessage.assistant(heard));
        }
        String unheard = interrupted ? reply.unheardText() : "";
        ConversationTurn.Timings timings = timings(reply);
        speakingTimings = null;
        idle.agentActive(streamMillis);
        ConversationTurn turn = new ConversationTurn(ConversationTurn.AGENT, heard, Instant.now(), interrupted,
                unheard.isEmpty() ? null : unheard, null, reply.failure(), timings);
        record(turn);
        LOG.info(() -> who + ": agent" + (interrupted ? " (interrupted; not heard: \"" + LogSafe.text(unheard, 500)
                + "\")" : "") + ": \"" + LogSafe.text(heard, 500) + "\"" + (timings == null ? "" : " " + timings));
        if (!interrupted) {
            call.moveTo(CallState.LISTENING);
            if (farewell && !hangingUp) {
                hangingUp = true;
                String reason = farewellReason;
                carrier.hangUp(call.callSid()).whenComplete((viaTwilio, e) -> call.hangUp(reason));
            }
        }
    }

    private ConversationTurn.Timings timings(Reply reply) {
        ConversationTurn.Timings t = speakingTimings;
        if (t == null) {
            return null;
        }
        Long firstToken = reply.firstTextAt() == 0 || t.transcript() == null ? null
                : Math.max(0, (reply.firstTextAt() - speechEndNanos) / 1_000_000 - t.transcript());
        Long firstAudio = reply.firstAudioAt() == 0 || reply.firstTextAt() == 0 ? null
                : Math.max(0, (reply.firstAudioAt() - reply.firstTextAt()) / 1_000_000);
        Long voiceToVoice = reply.firstSentAt() == 0 ? null : (reply.firstSentAt() - speechEndNanos) / 1_000_000;
        return new ConversationTurn.Timings(t.transcript(), firstToken, firstAudio, voiceToVoice, t.turnCommitted());
    }

    private void record(ConversationTurn turn) {
        registry.addTurn(call.callSid(), turn);
        metrics.record(turn);
    }
}
