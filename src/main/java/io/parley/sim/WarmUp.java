package io.parley.sim;

import io.parley.telephony.media.StreamCommand;
import io.parley.telephony.media.TwilioMessages;

/**
 * Runs the simulator's per-frame code a few thousand times before the first call, so that the JIT compiles
 * it on a quiet machine rather than in the first seconds of the calls, where its pauses would show as
 * underruns the server did not cause.
 */
final class WarmUp {

    private static final int ROUNDS = 30_000;

    private WarmUp() {
    }

    static void run(CallerAudio caller, SimOptions options) {
        String media = TwilioMessages.write(new StreamCommand.SendMedia("MZwarm", caller.frame(0)));
        String mark = TwilioMessages.write(new StreamCommand.SendMark("MZwarm", "seg-1"));
        Playout playout = new Playout(3, new Histogram(), new Histogram());
        SimulatedCall call = new SimulatedCall(options, null, caller, new Histogram(), new Histogram());
        long now = System.nanoTime();
        long sink = 0;
        for (int i = 0; i < ROUNDS; i++) {
            try {
                StreamCommand command = TwilioMessages.parseCommand(i % 50 == 49 ? mark : media);
                if (command instanceof StreamCommand.SendMedia m) {
                    playout.media(m.payload(), now);
                } else {
                    sink += playout.mark("seg-1", now).size();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            sink += playout.tick(now).size();
            sink += call.mediaJson(i, i, caller.frameBase64(i)).length();
            now += 20_000_000L;
        }
        if (sink == 42) {
            System.out.print("");
        }
    }
}
