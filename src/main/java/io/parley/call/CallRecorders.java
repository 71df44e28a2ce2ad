package io.parley.call;

/** Starts a call's recording (or not: {@link CallRecorder#NONE} when recording is off). */
@FunctionalInterface
public interface CallRecorders {

    CallRecorders NONE = (call, startNanos) -> CallRecorder.NONE;

    /**
     * @param call the call, as its stream starts
     * @param startNanos the stream's start ({@link System#nanoTime()}), the recording's time zero
     */
    CallRecorder open(CallRecord call, long startNanos);
}
