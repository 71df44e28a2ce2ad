package io.parley.show;

import io.parley.audio.Pcm16;
import java.time.Duration;

/**
 * A message being recorded: the caller's audio from the tone on, up to a length, ending once they have spoken
 * and then been silent for a while. Silence before they speak is kept (it is short: they were told to go ahead).
 */
final class VoicemailTake {

    private final int maxSamples;
    private final long silenceMillis;
    private short[] samples = new short[8000 * 10];
    private int length;
    private boolean heardSpeech;
    private long silentMillis;

    VoicemailTake(Duration max, Duration silence) {
        this.maxSamples = (int) Math.min(Integer.MAX_VALUE, max.toMillis() * 8);
        this.silenceMillis = silence.toMillis();
    }

    /** More of the message; true when it is over (long enough, or spoken and then silent). */
    boolean add(Pcm16 audio, boolean speaking) {
        short[] in = audio.requireRate(Pcm16.RATE_8K).samples();
        int take = Math.min(in.length, maxSamples - length);
        if (length + take > samples.length) {
            samples = java.util.Arrays.copyOf(samples, Math.min(maxSamples, Math.max(samples.length * 2, length + take)));
        }
        System.arraycopy(in, 0, samples, length, take);
        length += take;
        long millis = in.length * 1000L / Pcm16.RATE_8K;
        if (speaking) {
            heardSpeech = true;
            silentMillis = 0;
        } else if (heardSpeech) {
            silentMillis += millis;
        }
        return length >= maxSamples || (heardSpeech && silentMillis >= silenceMillis);
    }

    boolean heardSpeech() {
        return heardSpeech;
    }

    /** The message, without the silence that ended it (a little is left, so it does not end abruptly). */
    Pcm16 audio() {
        int trailing = (int) Math.max(0, silentMillis - 500) * 8;
        return new Pcm16(Pcm16.RATE_8K, java.util.Arrays.copyOf(samples, Math.max(0, length - trailing)));
    }
}
