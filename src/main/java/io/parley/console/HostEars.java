package io.parley.console;

import io.parley.audio.Pcm16;
import io.parley.call.SerialExecutor;
import io.parley.conversation.ConversationSettings;
import io.parley.conversation.Ears;
import io.parley.models.Models;
import io.parley.studio.Speaker;
import io.parley.studio.Studio;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.logging.Logger;

/**
 * The host's own ears in the studio: voice activity and speech-to-text over the host's microphone, so that the
 * studio knows when the host speaks (an AI voice falls silent) and what they said (a turn labelled "Host"). The
 * socket's thread only hands each frame over; the ears work on their own serial executor.
 */
final class HostEars {

    /** At most 2 s of the host's audio waits for the ears; beyond that frames are dropped (and counted). */
    private static final int CAPACITY = 100;
    private static final Logger LOG = Logger.getLogger(HostEars.class.getName());

    private final SerialExecutor executor;
    private final Studio studio;
    private final Ears ears;
    private long arrivedNanos;
    private long dropped;

    HostEars(Models models, ConversationSettings settings, Executor pool, Studio studio) {
        this((executor, listener) -> new Ears(models, settings, executor, listener), pool, studio);
    }

    /** @param ears makes the host's ears, given the executor they live on and whom they tell */
    HostEars(BiFunction<Executor, Ears.Listener, Ears> ears, Executor pool, Studio studio) {
        this.executor = new SerialExecutor("host's ears", pool, CAPACITY, Runnable::run);
        this.studio = studio;
        this.ears = ears.apply(executor, new Ears.Listener() {
            @Override
            public void partial(String text) {
                studio.partial(Speaker.HOST, text);
            }

            @Override
            public void started(long atMillis, long nowMillis) {
                studio.started(Speaker.HOST, arrivedNanos - (nowMillis - atMillis) * 1_000_000L);
            }

            @Override
            public void stopped(long atMillis) {
                studio.stopped(Speaker.HOST);
            }

            @Override
            public void said(String text) {
                studio.said(Speaker.HOST, text);
            }

            @Override
            public void failed(String why) {
                LOG.warning(() -> "The host's turn was not transcribed: " + why);
            }
        });
    }

    /** A frame of the host's voice at 8 kHz, which reached the server at {@code arrived}; on the socket's thread. */
    void hear(short[] narrow, long arrived) {
        Pcm16 audio = new Pcm16(Pcm16.RATE_8K, narrow);
        if (!executor.offer(() -> {
            arrivedNanos = arrived;
            ears.hear(audio);
        })) {
            dropped++;
        }
    }

    /** Frames the ears could not keep up with. */
    long dropped() {
        return dropped;
    }

    /**
     * The host's microphone is gone (the console closed): after the frames already handed over, the host's last
     * words, if they were mid-sentence, still reach the studio's transcript; then the ears stop. (The executor is
     * shut down by that last task: shut down at once, it would drop it, and with it the turn's recogniser.)
     */
    void close() {
        executor.execute(() -> {
            ears.close(text -> studio.said(Speaker.HOST, text));
            studio.stopped(Speaker.HOST);
            executor.shutdown();
        });
    }
}
