package io.parley.store;

import io.parley.call.CallEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Every change of a call, and every turn when it is taken, handed to the store's write-behind path. Runs on the
 * thread that changed the call and only queues.
 */
@ApplicationScoped
public class CallJournal {

    @Inject
    Store store;

    void record(@Observes CallEvent event) {
        if (event instanceof CallEvent.TurnTaken taken) {
            store.write(new StoreWrite.AddTurn(taken.call().callSid(), taken.seq(), taken.turn()));
        } else {
            store.write(new StoreWrite.SaveCall(event.call()));
        }
    }
}
