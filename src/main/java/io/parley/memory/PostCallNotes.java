package io.parley.memory;

import io.parley.call.CallEvent;
import io.parley.models.ModelSettings;
import io.parley.models.Models;
import io.parley.store.Store;
import io.parley.store.StoreWrite;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * After each call, its notes: written on a pool thread once the call has ended, never on a call's path, and
 * stored through the write-behind path. The remote model is asked under the models' fault tolerance (timeouts,
 * circuit breaker, bulkhead); whatever it does, the notes fall back to the caller's own words.
 */
@ApplicationScoped
public class PostCallNotes {

    /** What the language model is asked, with the call's transcript as the user's message. */
    public static final String PROMPT = "You keep the notes of a phone line. From the call's transcript, write two "
            + "lines and nothing else.\nName: the caller's name if they said it, else unknown\nSummary: one or two "
            + "sentences on what the caller wanted and what they were told";

    private static final Logger LOG = Logger.getLogger(PostCallNotes.class.getName());

    @Inject
    Models models;

    @Inject
    ModelSettings modelSettings;

    @Inject
    Store store;

    @Resource
    ManagedExecutorService executor;

    void write(@Observes CallEvent.Ended ended) {
        if (ended.call().turns().stream().noneMatch(t -> "caller".equals(t.speaker()))) {
            return;
        }
        String callSid = ended.call().callSid();
        executor.execute(() -> CallSummarizer.notes(ended.call(), modelSettings.llm().map(s -> models.languageModel()))
                .whenComplete((notes, error) -> {
                    if (error != null) {
                        LOG.warning(() -> "Call " + callSid + ": its notes could not be written: " + error);
                    } else {
                        notes.ifPresent(n -> store.write(new StoreWrite.Summarise(callSid, n.summary(), n.name())));
                    }
                }));
    }
}
