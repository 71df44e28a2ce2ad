package io.parley.studio;

import io.parley.logging.LogSafe;
import io.parley.media.Leg;
import io.parley.media.MixingRoom;
import io.parley.store.ChapterRow;
import io.parley.store.ShowRow;
import io.parley.store.ShowTurnRow;
import io.parley.store.Store;
import io.parley.store.StoreWrite;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The show that is running, if one is: its stored row, its chapters and its recording. Starting and ending one
 * wait for the database and the disk (they are requests), outside the keeper's lock; everything else (a turn, a
 * chapter) is written behind and never waits, so the calls and voices that report to it never do either.
 */
final class ShowKeeper {

    private static final Logger LOG = Logger.getLogger(ShowKeeper.class.getName());

    /** The show running now: its stored row, its latest chapter, and its recording (null if it cannot record). */
    private static final class Run {
        final ShowRow row;
        final ShowTape tape;
        ChapterRow chapter;
        /** Each caller's latest chapter, by their call's SID. */
        final Map<String, ChapterRow> byCall = new ConcurrentHashMap<>();
        /** Under the keeper's lock. */
        final ChapterTitles titles = new ChapterTitles();

        Run(ShowRow row, ShowTape tape) {
            this.row = row;
            this.tape = tape;
        }
    }

    private final Store store;
    private final MixingRoom room;
    private final Path recordings;
    private final Executor executor;
    /** The stem each leg's audio goes to, named once per leg (on the clock's thread: a lookup, then a map hit). */
    private final Map<String, String> stems = new ConcurrentHashMap<>();
    private final Function<Leg, String> stemName;
    private volatile Run run;
    private boolean starting;

    /**
     * @param stemName names a leg's stem (called once per leg)
     */
    ShowKeeper(Store store, MixingRoom room, Path recordings, Executor executor, Function<Leg, String> stemName) {
        this.store = store;
        this.room = room;
        this.recordings = recordings;
        this.executor = executor;
        this.stemName = stemName;
    }

    Optional<ShowRow> show() {
        return Optional.ofNullable(run).map(r -> r.row);
    }

    /**
     * Starts a show: stored, recorded (the studio's mix and a stem per participant), and given its first chapter.
     *
     * @throws IllegalStateException when a show is running (or starting) already
     */
    ShowRow start(String title) {
        synchronized (this) {
            if (run != null || starting) {
                throw new IllegalStateException(run == null ? "another show is starting" : "the show \""
                        + run.row.title() + "\" (" + run.row.id() + ") is running; end it first");
            }
            starting = true;
        }
        ShowRow row;
        ShowTape tape = null;
        try {
            row = store.shows().start(title);
            Path dir = recordings.resolve("shows").resolve(String.valueOf(row.id()));
            try {
                tape = new ShowTape(dir, this::stem, executor);
                store.shows().recordingDir(row.id(), dir.toString());
            } catch (java.io.IOException | RuntimeException e) {
                LOG.warning(() -> "The show " + row.id() + " is not recorded: " + e);
            }
        } finally {
            synchronized (this) {
                starting = false;
            }
        }
        synchronized (this) {
            run = new Run(row, tape);
        }
        if (tape != null) {
            room.tap(tape);
        }
        ShowTape recording = tape;
        LOG.info(() -> "Show " + row.id() + " " + LogSafe.quoted(row.title()) + " started" + (recording == null ? ""
                : ", recorded in " + recording.dir()));
        return row;
    }

    /**
     * Ends the show {@code id}, finishing its recording. Empty when there is no such show; a show that has ended
     * already is given as it is.
     */
    Optional<ShowRow> end(long id) {
        Run ending;
        synchronized (this) {
            ending = run != null && run.row.id() == id ? run : null;
            if (ending != null) {
                run = null;
            }
        }
        if (ending != null && ending.tape != null) {
            room.tap(null);
            ending.tape.close();
        }
        Optional<ShowRow> ended = store.shows().end(id);
        if (ending != null) {
            LOG.info(() -> "Show " + id + " ended");
        }
        return ended;
    }

    /** A new chapter of the running show, from now (nothing without a show); a title used before is numbered. */
    synchronized void chapter(String title, String callSid, Long personaId) {
        Run show = run;
        if (show == null) {
            return;
        }
        long seq = show.chapter == null ? 1 : show.chapter.seq() + 1;
        show.chapter = new ChapterRow(show.row.id(), seq, show.titles.next(title), Instant.now(), callSid, personaId,
                null);
        if (callSid != null) {
            show.byCall.put(callSid, show.chapter);
        }
        store.write(new StoreWrite.SaveChapter(show.chapter));
    }

    /** The summary of the caller's segment into their chapter of the running show (nothing without one). */
    synchronized void summarise(String callSid, String summary) {
        Run show = run;
        ChapterRow chapter = show == null ? null : show.byCall.get(callSid);
        if (chapter != null) {
            ChapterRow summed = chapter.withSummary(summary);
            show.byCall.put(callSid, summed);
            if (show.chapter.seq() == summed.seq()) {
                show.chapter = summed;
            }
            store.write(new StoreWrite.SaveChapter(summed));
        }
    }

    /** A turn (or its mood, read later) into the running show's record. */
    void save(StudioTurn turn) {
        Run show = run;
        if (show != null) {
            store.write(new StoreWrite.SaveShowTurn(new ShowTurnRow(show.row.id(), turn.seq(), turn.speaker().label(),
                    turn.speaker().kind().label(), turn.speaker().key(), turn.text(), turn.at(), turn.end(),
                    turn.interrupted(), turn.mood() == null ? null : turn.mood().label())));
        }
    }

    private String stem(Leg leg) {
        return stems.computeIfAbsent(leg.id(), id -> stemName.apply(leg));
    }
}
