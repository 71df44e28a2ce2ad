package io.parley.store;

import io.parley.call.ConversationTurn;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code turns}: one turn of a call's conversation, written when it happens. */
@Entity
@Table(name = "turns")
@IdClass(TurnKey.class)
public class TurnEntity {

    @Id
    @Column(name = "call_sid")
    String callSid;

    @Id
    int seq;

    @Column(nullable = false)
    String speaker;

    @Column(nullable = false)
    String text;

    @Column(name = "said_at", nullable = false)
    Instant saidAt;

    boolean interrupted;

    String unheard;

    @Column(name = "dtmf_keys")
    String keys;

    String failure;

    @Column(name = "transcript_ms")
    Long transcriptMillis;

    @Column(name = "first_token_ms")
    Long firstTokenMillis;

    @Column(name = "first_audio_ms")
    Long firstAudioMillis;

    @Column(name = "voice_to_voice_ms")
    Long voiceToVoiceMillis;

    @Column(name = "turn_committed_ms")
    Long turnCommittedMillis;

    protected TurnEntity() {
        // for Jakarta Persistence
    }

    /** The stages' latencies, in the order of {@link LatencyReport#STAGES}; null where the turn has none. */
    Long[] stages() {
        return new Long[] {transcriptMillis, firstTokenMillis, firstAudioMillis, voiceToVoiceMillis,
                turnCommittedMillis};
    }

    static TurnEntity of(String callSid, int seq, ConversationTurn turn) {
        TurnEntity row = new TurnEntity();
        row.callSid = callSid;
        row.seq = seq;
        row.speaker = turn.speaker();
        row.text = turn.text();
        row.saidAt = turn.at();
        row.interrupted = turn.interrupted();
        row.unheard = turn.unheard();
        row.keys = turn.keys();
        row.failure = turn.failure();
        ConversationTurn.Timings t = turn.timings();
        if (t != null) {
            row.transcriptMillis = t.transcript();
            row.firstTokenMillis = t.firstToken();
            row.firstAudioMillis = t.firstAudio();
            row.voiceToVoiceMillis = t.voiceToVoice();
            row.turnCommittedMillis = t.turnCommitted();
        }
        return row;
    }

    ConversationTurn toTurn() {
        boolean timed = transcriptMillis != null || firstTokenMillis != null || firstAudioMillis != null
                || voiceToVoiceMillis != null || turnCommittedMillis != null;
        return new ConversationTurn(speaker, text, saidAt, interrupted, unheard, keys, failure,
                timed ? new ConversationTurn.Timings(transcriptMillis, firstTokenMillis, firstAudioMillis,
                        voiceToVoiceMillis, turnCommittedMillis) : null);
    }
}
