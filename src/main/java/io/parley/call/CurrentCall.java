package io.parley.call;

/**
 * The call whose task is running, for {@code @CallScoped} beans deep in the conversation code that need the
 * call without having it passed down. Bound by the session when the stream starts.
 */
@CallScoped
public class CurrentCall {

    private CallControl control;

    void bind(CallControl control) {
        this.control = control;
    }

    public CallControl control() {
        if (control == null) {
            throw new IllegalStateException("the call's stream has not started yet");
        }
        return control;
    }

    public String callSid() {
        return control().callSid();
    }
}
