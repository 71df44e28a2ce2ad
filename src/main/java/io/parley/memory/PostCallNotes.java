package io.parley.memory;

import io.parley.call.CallEvent;
import io.parley.call.CallRecord;
import io.parley.call.CallRegistry;
import io.parley.call.ConversationTurn;
import io.parley.models.ModelSettings;
import io.parley.models.Models;
import io.parley.store.Store;
import io.parley.store.StoreWrite;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * After each call, its notes: written on a pool thread a moment after the call has ended (the caller's last words
 * may still be on their way), never on a call's path, and stored through the write-behind path. The remote model
 * is asked under the models' fault tolerance (timeouts, circuit breaker, bulkhead); whatever it does, the notes
 * fall back to the caller's own words.
 */
@ApplicationScoped
public class PostCallNotes {

    /** What the language model is asked, with the call's transcript as the user's message. */
    public static final String PROMPT = "You keep the notes of a phone line. From the call's transcript, write two "
            + "lines and nothing else.\nName: the caller's name if they said it, else unknown\nSummary: one or two "
            + "sentences on what the caller wanted and what they were told";

    /**
     * How long after a call ends its notes are written: words the caller said as they hung up are transcribed
     * after the call and recorded by then (a GPU speech-to-text answers in a few hundred milliseconds).
     */
    static final long LAST_WORDS_MILLIS = 2000;

    private static final Logger LOG = Logger.getLogger(PostCallNotes.class.getName());

    @Inject
    Models models;

    @Inject
    ModelSettings modelSettings;

    @Inject
    Store store;

    @Inject
    CallRegistry registry;

    @Resource
    ManagedScheduledExecutorService scheduler;

    void write(@Observes CallEvent.Ended ended) {
        String callSid = ended.call().callSid();
        try {
            scheduler.schedule(() -> write(registry.find(callSid).orElse(ended.call())), LAST_WORDS_MILLIS,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.warning(() -> "Call " + callSid + ": no notes, the server is stopping");
        }
    }

    private void write(CallRecord call) {
        if (call.turns().stream().noneMatch(t -> ConversationTurn.CALLER.equals(t.speaker()))) {
            return;
        }
        String callSid = call.callSid();
        CallSummarizer.notes(call, modelSettings.llm().map(s -> models.languageModel()))
                .whenComplete((notes, error) -> {
                    if (error != null) {
                        LOG.warning(() -> "Call " + callSid + ": its notes could not be written: " + error);
                    } else {
                        notes.ifPresent(n -> store.write(new StoreWrite.Summarise(callSid, n.summary(), n.name())));
                    }
                });
    }
}
