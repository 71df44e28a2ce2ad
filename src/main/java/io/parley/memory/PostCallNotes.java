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
        executor.execute(() -> {
            try {
                CallSummarizer.notes(ended.call(), modelSettings.llm().map(s -> models.languageModel()))
                        .ifPresent(notes -> store.write(new StoreWrite.Summarise(ended.call().callSid(),
                                notes.summary(), notes.name())));
            } catch (RuntimeException e) {
                LOG.warning(() -> "Call " + ended.call().callSid() + ": its notes could not be written: " + e);
            }
        });
    }
}
