package io.parley.conversation;

import io.parley.audio.Pcm16;
import io.parley.call.Agent;
import io.parley.call.CallControl;
import io.parley.call.CallRegistry;
import io.parley.call.CallScoped;
import io.parley.call.CallState;
import io.parley.call.ConversationTurn;
import io.parley.models.ChatMessage;
import io.parley.models.Models;
import io.parley.models.SpeechToText;
import io.parley.ops.ConversationMetrics;
import io.parley.telephony.CallHangUp;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The AI agent ({@code parley.agent=assistant}). It greets the caller, then for every turn: the voice activity
 * detector and the {@link TurnDetector} follow the caller's speech; at the first pause the transcript is
 * settled and a reply is drafted speculatively (transcription, the language model's stream and the first
 * clauses' speech); when the turn is committed the draft is released to the caller, and when the caller went on
 * instead it is thrown away. The caller's speech during a reply interrupts it: the audio is cleared and the
 * history keeps only the clauses the caller heard.
 *
 * <p>One instance per call, on the call's executor (see {@link Agent}).
 */
@Named("assistant")
@CallScoped
public class AssistantAgent implements Agent {

    private static final Logger LOG = Logger.getLogger(AssistantAgent.class.getName());
    /** Caller audio kept from before the detector noticed speech, so the transcript has the first syllable. */
    private static final int PRE_ROLL_FRAMES = 15;

    @Inject
    Models models;

    @Inject
    ConversationSettings settings;

    @Inject
    CallRegistry registry;

    @Inject
    ConversationMetrics metrics;

    @Inject
    CallHangUp hangUp;

    private CallControl call;
    private String who;
    private VoiceActivityDetector vad;
    private TurnDetector turns;
    private final List<ChatMessage> history = new ArrayList<>();
    private final Deque<Pcm16> preRoll = new ArrayDeque<>();
    private long streamMillis;
    private SpeechToText.Utterance utterance;
    private boolean paused;

    /** The turn being listened to: its pause's speculation, and what is known of it. */
    private int pauseGeneration;
    private long speechEndNanos;
    private String settled;
    private String sttFailure;
    private long transcriptAt;
    private Reply draft;
    private boolean committed;
    private long committedAt;

    /** The reply the caller is hearing (or will hear next). */
    private Reply speaking;
    private ConversationTurn.Timings speakingTimings;
    private boolean farewell;
    private boolean hangingUp;

    @Override
    public void start(CallControl call) {
        this.call = call;
        this.who = "Call " + call.callSid();
        turns = new TurnDetector(settings.turn(), this::onTurn);
        vad = new VoiceActivityDetector(models.vad().newStream(), settings.vad(), turns::onVad);
        history.add(ChatMessage.system(settings.systemPrompt()));
        String greeting = Optional.ofNullable(call.parameters().get("Greeting")).filter(g -> !g.isBlank())
                .orElse(settings.greeting());
        LOG.info(() -> who + ": assistant with " + models.languageModel().describe());
        speak(newReply().say(greeting));
    }

    @Override
    public void hear(Pcm16 audio) {
        streamMillis += audio.sampleCount() * 1000L / audio.sampleRate();
        if (utterance == null) {
            preRoll.add(audio);
            if (preRoll.size() > PRE_ROLL_FRAMES) {
                preRoll.poll();
            }
        } else {
            utterance.accept(audio);
            if (!paused) {
                utterance.partial().ifPresent(turns::onTranscript);
            }
        }
        vad.accept(audio);
        turns.advance(streamMillis);
    }

    @Override
    public void heard(String mark) {
        if (speaking != null && speaking.heard(mark) && speaking.fullyHeard()) {
            finishReply(false);
        }
    }

    @Override
    public void end() {
        discardTurn();
        if (speaking != null) {
            speaking.cancel();
            speaking = null;
        }
    }

    // ---- the caller's turn ----

    private void onTurn(TurnEvent event) {
        if (event instanceof TurnEvent.Started) {
            if (committed) {
                // The caller went on after the commit, before the transcript came back: one turn after all.
                committed = false;
                pauseGeneration++;
                discardDraft();
            } else if (speaking != null) {
                interrupt();
            }
            paused = false;
            if (utterance == null) {
                utterance = models.speechToText().begin();
                preRoll.forEach(utterance::accept);
                preRoll.clear();
            }
        } else if (event instanceof TurnEvent.Paused p) {
            paused = true;
            // The frame being heard arrived at frameArrivedNanos, streamMillis into the call; speech ended earlier.
            speechEndNanos = call.frameArrivedNanos() - (streamMillis - p.speechEndMillis()) * 1_000_000L;
            speculate();
        } else if (event instanceof TurnEvent.Resumed) {
            paused = false;
            pauseGeneration++;
            discardDraft();
            LOG.fine(() -> who + ": the caller went on; the speculative reply is discarded");
        } else if (event instanceof TurnEvent.Committed) {
            committed = true;
            committedAt = call.frameArrivedNanos();
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
        transcriptAt = System.nanoTime();
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            sttFailure = "speech-to-text: " + cause;
            LOG.log(Level.WARNING, who + ": transcription failed (" + cause + "); the caller hears the apology");
            turns.onTranscript("(transcription failed)");
        } else {
            settled = text.strip();
            LOG.info(() -> who + ": caller (" + (committed ? "final" : "at the pause") + "): \"" + settled + "\"");
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
        closeUtterance();
        if (failure != null) {
            speakingTimings = new ConversationTurn.Timings(null, null, null, null, wait);
            speak(newReply().apologise(failure));
            return;
        }
        if (text == null || text.isEmpty()) {
            LOG.info(() -> who + ": the turn had no words; still listening");
            return;
        }
        history.add(ChatMessage.user(text));
        record(new ConversationTurn(ConversationTurn.CALLER, text, Instant.now(), false, null, null));
        farewell = Farewell.isFarewell(text);
        speakingTimings = new ConversationTurn.Timings(transcript, null, null, null, wait);
        call.moveTo(CallState.THINKING);
        speak(reply);
    }

    private void discardTurn() {
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
    }

    // ---- the agent's reply ----

    private Reply newReply() {
        return new Reply(who, models.textToSpeech(), models.apology(), call.executor(), call.audio(),
                new Reply.Listener() {
                    @Override
                    public void speaking(Reply reply) {
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
        String heard = reply.heardText();
        if (!heard.isEmpty()) {
            history.add(ChatMessage.assistant(heard));
        }
        ConversationTurn.Timings timings = timings(reply);
        speakingTimings = null;
        ConversationTurn turn = new ConversationTurn(ConversationTurn.AGENT, heard, Instant.now(), interrupted,
                reply.failure(), timings);
        record(turn);
        LOG.info(() -> who + ": agent" + (interrupted ? " (interrupted)" : "") + ": \"" + heard + "\""
                + (timings == null ? "" : " " + timings));
        if (!interrupted) {
            call.moveTo(CallState.LISTENING);
            if (farewell && !hangingUp) {
                hangingUp = true;
                hangUp.hangUp(call.callSid()).whenComplete((viaTwilio, e) -> call.hangUp("the caller said goodbye"));
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

    /** The caller spoke over the reply: stop it; only what was heard stays in the conversation. */
    private void interrupt() {
        var report = call.audio().clear();
        speaking.cancel();
        LOG.info(() -> who + ": the caller interrupted; " + report.framesUnheard() * 20 + " ms of the reply were not heard");
        farewell = false;
        finishReply(true);
        call.moveTo(CallState.LISTENING);
    }

    private void record(ConversationTurn turn) {
        registry.addTurn(call.callSid(), turn);
        metrics.record(turn);
    }
}
