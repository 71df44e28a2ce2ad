package io.parley.call;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One turn of a call's conversation, as {@code GET /api/calls/{sid}} shows it.
 *
 * @param speaker     "caller" or "agent"
 * @param text        what the caller said (the final transcript), or what the caller heard of the agent
 * @param interrupted the caller spoke before the agent's reply was over (the text is what was heard)
 * @param unheard     for an interrupted agent turn: what the model had said that the caller did not hear
 * @param keys        for a caller turn made on the keypad: the keys pressed (the text says so in words)
 * @param failure     for an agent turn in which a model failed: what failed (the caller heard the apology)
 * @param timings     for an agent turn: how long each stage took, null for the greeting and caller turns
 */
public record ConversationTurn(String speaker, String text, Instant at, boolean interrupted, String unheard,
                               String keys, String failure, Timings timings) {

    /** Times are kept to the microsecond, as the database keeps them, so a turn reads back as it was. */
    public ConversationTurn {
        at = at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
    }

    public static final String CALLER = "caller";
    public static final String AGENT = "agent";

    /**
     * Milliseconds from the end of the caller's speech (as the voice activity detector placed it) to each stage;
     * null where a stage did not happen.
     *
     * @param transcript     end of speech → final transcript
     * @param firstToken     final transcript → the language model's first text
     * @param firstAudio     first text → the first audio from text-to-speech
     * @param voiceToVoice   end of speech → the first reply audio sent towards the caller
     * @param turnCommitted  end of speech → the turn was committed (the end-of-turn policy's wait)
     */
    public record Timings(Long transcript, Long firstToken, Long firstAudio, Long voiceToVoice, Long turnCommitted) {
    }
}
