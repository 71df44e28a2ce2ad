package io.parley.api;

import io.parley.call.CallRecord;
import io.parley.call.CallRegistry;
import io.parley.http.RequestRefusedException;
import io.parley.recording.Recordings;
import io.parley.store.CallHistory;
import io.parley.store.Recording;
import io.parley.store.Store;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * A call's transcript and recording as responses, for the calls API and the show's console alike: the transcript
 * in the format asked for ({@code ?format=} or {@code Accept}), the recording as a WAV with {@code Range}.
 */
@ApplicationScoped
public class CallDocuments {

    @Inject
    CallRegistry registry;

    @Inject
    Store store;

    @Inject
    Recordings recordings;

    public Response transcript(String callSid, String format, HttpHeaders headers) {
        Transcript.Format chosen = format != null && !format.isBlank()
                ? Transcript.Format.named(format.strip()).orElseThrow(() -> new RequestRefusedException(400,
                        "format: one of " + Transcript.Format.names()))
                : headers.getAcceptableMediaTypes().stream()
                        .map(t -> t.isWildcardType() ? Optional.of(Transcript.Format.TEXT)
                                : Transcript.Format.named(t.getType() + "/" + t.getSubtype()))
                        .flatMap(Optional::stream).findFirst()
                        .orElseThrow(() -> new RequestRefusedException(406, "Accept: a transcript is served as "
                                + "text/plain, text/markdown, application/json, text/vtt or application/x-subrip"));
        CallRecord call = registry.find(callSid).or(() -> store.find(callSid))
                .orElseThrow(() -> new RequestRefusedException(404, "No call " + callSid));
        return Response.ok(new Transcript(call).render(chosen), chosen.mediaType()).build();
    }

    public Response recording(String callSid, String range) {
        Optional<CallHistory.Extras> extras = store.extras(callSid);
        Optional<CallRecord> live = registry.find(callSid);
        if (extras.isEmpty() && live.isEmpty()) {
            throw new RequestRefusedException(404, "No call " + callSid);
        }
        Recording recording = extras.map(CallHistory.Extras::recording).orElse(null);
        if (recording == null) {
            throw new RequestRefusedException(404, live.map(CallRecord::active).orElse(false) && recordings.enabled()
                    ? "The call " + callSid + " is still being recorded; its recording is here once it has ended"
                    : "The call " + callSid + " has no recording (recording was off, or it was deleted after "
                    + recordings.retentionDays() + " days)");
        }
        java.nio.file.Path file = recordings.file(recording).orElseThrow(() -> new RequestRefusedException(404,
                "The recording of " + callSid + " is no longer on disk"));
        return WavBody.serve(file, range, callSid + ".wav", "The recording of " + callSid);
    }
}
