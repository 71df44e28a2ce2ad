package io.parley.store;

import io.parley.call.CallRecord;
import io.parley.call.ConversationTurn;

/** What the write-behind path carries to the database: each is idempotent, so a retried batch lands once. */
public sealed interface StoreWrite {

    /** What the write is about, for the log: a call's SID, or a show. */
    String about();

    /** The call's row as the record now stands (created on the first, rewritten on each later one). */
    record SaveCall(CallRecord call) implements StoreWrite {
        @Override
        public String about() {
            return call.callSid();
        }
    }

    /** One turn of the call's conversation, at its place {@code seq} (0 is the greeting). */
    record AddTurn(String callSid, int seq, ConversationTurn turn) implements StoreWrite {
        @Override
        public String about() {
            return callSid;
        }
    }

    /** A call's notes once it has ended, and the caller's name if they gave it (kept only where none is known). */
    record Summarise(String callSid, String summary, java.util.Optional<String> name) implements StoreWrite {
        @Override
        public String about() {
            return callSid;
        }
    }

    /** The call's recording is finished (or was repaired after a crash): where it is, how long, how big. */
    record SaveRecording(String callSid, Recording recording) implements StoreWrite {
        @Override
        public String about() {
            return callSid;
        }
    }

    /** A caller joined the show's hold queue, or something about them changed (upserted by call SID). */
    record SaveQueued(QueueRow row) implements StoreWrite {
        @Override
        public String about() {
            return row.callSid();
        }
    }

    /** The caller has left the show's queue (hung up, dropped, or their message is recorded). */
    record LeaveQueue(String callSid) implements StoreWrite {
        @Override
        public String about() {
            return callSid;
        }
    }

    /**
     * A message left on the show line is complete. Written once per call (its SID is unique), so a retried batch
     * changes nothing.
     */
    record SaveVoicemail(VoicemailRow row) implements StoreWrite {
        @Override
        public String about() {
            return row.callSid();
        }
    }

    /** The call's recording was deleted from disk (retention); the call keeps everything else. */
    record ForgetRecording(String callSid) implements StoreWrite {
        @Override
        public String about() {
            return callSid;
        }
    }

    /** A turn of a show's studio conversation (written again, whole, when its mood is read). */
    record SaveShowTurn(ShowTurnRow row) implements StoreWrite {
        @Override
        public String about() {
            return "show " + row.showId();
        }
    }

    /** A chapter of a show, as it now stands (its summary comes once its segment is over). */
    record SaveChapter(ChapterRow row) implements StoreWrite {
        @Override
        public String about() {
            return "show " + row.showId();
        }
    }

    /** A call came in on the show line while the show ran. */
    record AddShowCall(long showId, String callSid) implements StoreWrite {
        @Override
        public String about() {
            return callSid;
        }
    }
}
