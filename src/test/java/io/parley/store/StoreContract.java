package io.parley.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.call.CallRecord;
import io.parley.call.CallState;
import io.parley.call.CallStatus;
import io.parley.call.ConversationTurn;
import io.parley.call.Direction;
import io.parley.call.MediaStats;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The store against a real database, through Liberty's persistence provider (EclipseLink) and the real
 * migrations: what is written reads back the same, a retried batch lands once, pages and filters, and the
 * start-up's closing of calls a dead server left active. Run against H2 and against PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContract {

    private static final AtomicInteger SIDS = new AtomicInteger();

    TestDatabase db;
    EntityManagerFactory emf;
    JournalWriter writer;
    CallHistory history;

    abstract TestDatabase open();

    @BeforeAll
    void migrate() {
        db = open();
        assertEquals(Migrations.count(), Schema.migrate(db.dataSource, getClass().getClassLoader()),
                "the migrations applied");
        assertEquals(0, Schema.migrate(db.dataSource, getClass().getClassLoader()), "and nothing more the second time");
        emf = db.persistenceUnit();
        writer = new JournalWriter(emf, "test-server");
        history = new CallHistory(emf);
    }

    @AfterAll
    void drop() throws Exception {
        if (emf != null) {
            emf.close();
        }
        if (db != null) {
            db.close();
        }
    }

    static String sid(char prefix) {
        return String.format("CA%c%031x", prefix, SIDS.incrementAndGet());
    }

    static CallRecord call(String sid, String from, Instant at) {
        return CallRecord.newCall(sid, Direction.INBOUND, from, "+15005550006", at);
    }

    @Test
    void theShippedPersonasAreThereAndNamesAreUnique() {
        PersonaBook book = new PersonaBook(emf);
        assertTrue(book.all().stream().map(Persona::name).toList().containsAll(List.of("Max", "Dot", "Vince")),
                "the shipped co-host and AI callers");
        Instant now = Instant.parse("2026-12-04T10:00:00Z");
        String name = "Tess" + SIDS.incrementAndGet();
        Persona tess = book.add(new Persona(0, name, Persona.Role.CALLER, "af_sky", "kevin16-high", "A sailor."), now)
                .orElseThrow();
        assertTrue(tess.id() > 3, "new ids come after the shipped ones: " + tess.id());
        assertTrue(book.add(new Persona(0, name.toUpperCase(java.util.Locale.ROOT), Persona.Role.CO_HOST, "v",
                "kevin16", "x"), now).isEmpty(), "a name is taken whatever its case");
        Persona changed = book.change(new Persona(tess.id(), name, Persona.Role.CO_HOST, "af_sky", "kevin16-low",
                "A sailor who hosts."), now).orElseThrow();
        assertEquals(Persona.Role.CO_HOST, changed.role());
        assertEquals(changed, book.find(tess.id()).orElseThrow());
        assertTrue(book.remove(tess.id()));
        assertFalse(book.remove(tess.id()));
    }

    @Test
    void aShowKeepsItsTurnsChaptersAndCallsAndEndsOnce() {
        ShowBook shows = new ShowBook(emf);
        Instant t0 = Instant.parse("2026-12-04T20:00:00.000001Z");
        ShowRow show = shows.start("Late Night Call-In", "test-server", t0);
        assertTrue(show.running());
        ShowTurnRow host = new ShowTurnRow(show.id(), 1, "Host", "host", "host", "Good evening.", t0.plusSeconds(1),
                t0.plusSeconds(2), false, null);
        ShowTurnRow hostWithMood = new ShowTurnRow(show.id(), 1, "Host", "host", "host", "Good evening.",
                t0.plusSeconds(1), t0.plusSeconds(2), false, "calm");
        ShowTurnRow max = new ShowTurnRow(show.id(), 2, "Max", "persona", "persona-1", "Evening, all", t0.plusSeconds(3),
                t0.plusSeconds(4), true, null);
        ChapterRow opening = new ChapterRow(show.id(), 1, "Opening", t0, null, null, null);
        ChapterRow kate = new ChapterRow(show.id(), 2, "Kate: music", t0.plusSeconds(10), "CA" + "7".repeat(32), null,
                null);
        writer.write(List.of(new StoreWrite.SaveShowTurn(host), new StoreWrite.SaveShowTurn(max),
                new StoreWrite.SaveChapter(opening), new StoreWrite.SaveChapter(kate),
                new StoreWrite.AddShowCall(show.id(), kate.callSid())));
        writer.write(List.of(new StoreWrite.SaveShowTurn(hostWithMood), new StoreWrite.SaveShowTurn(max),
                new StoreWrite.SaveChapter(kate.withSummary("Kate plays the cello.")),
                new StoreWrite.AddShowCall(show.id(), kate.callSid())));
        assertEquals(List.of(hostWithMood, max), shows.turns(show.id()), "written once, the mood added later");
        assertEquals(List.of(opening, kate.withSummary("Kate plays the cello.")), shows.chapters(show.id()));
        assertEquals(List.of(kate.callSid()), shows.calls(show.id()));
        ShowRow ended = shows.end(show.id(), t0.plusSeconds(3600)).orElseThrow();
        assertEquals(t0.plusSeconds(3600), ended.endedAt());
        assertEquals(ended, shows.end(show.id(), t0.plusSeconds(7200)).orElseThrow(), "ending twice changes nothing");
        assertEquals(ended, shows.find(show.id()).orElseThrow());
        ShowRow left = shows.start("Left running", "dead-server", t0);
        assertEquals(1, shows.endLeftRunning("dead-server", t0.plusSeconds(5)));
        assertFalse(shows.find(left.id()).orElseThrow().running());
        writer.write(List.of(new StoreWrite.SaveShowTurn(new ShowTurnRow(999_999, 1, "Host", "host", "host", "x", t0,
                t0, false, null))));
        assertTrue(shows.turns(999_999).isEmpty(), "a turn of a show that is gone is dropped, not an error");
    }

    @Test
    void theShowsQueueIsUpsertedRemovedAndSweptByServer() {
        ShowBoard board = new ShowBoard(emf);
        Instant t0 = Instant.parse("2026-12-02T18:00:00.000001Z");
        String mine = sid('q');
        String theirs = sid('q');
        QueueRow screening = new QueueRow(mine, "test-server", "+15552220001", null, null, null, "screening", 0, null,
                t0, t0);
        QueueRow screened = new QueueRow(mine, "test-server", "+15552220001", null, "Kate", "music", "waiting", 2,
                "a regular", t0, t0.plusSeconds(20));
        QueueRow other = new QueueRow(theirs, "other-server", "+15552220002", null, "Bob", null, "on-air", 0, null,
                t0.plusSeconds(5), t0.plusSeconds(30));
        writer.write(List.of(new StoreWrite.SaveQueued(screening), new StoreWrite.SaveQueued(other)));
        writer.write(List.of(new StoreWrite.SaveQueued(screened), new StoreWrite.SaveQueued(screened)));
        List<QueueRow> rows = board.queue().stream().filter(r -> r.callSid().equals(mine) || r.callSid().equals(theirs))
                .toList();
        assertEquals(List.of(screened, other), rows, "upserted by call, oldest first, every server's");
        assertEquals(1, board.sweep("other-server"), "a restarted server sweeps what it left");
        writer.write(List.of(new StoreWrite.LeaveQueue(mine), new StoreWrite.LeaveQueue(mine)));
        assertTrue(board.queue().stream().noneMatch(r -> r.callSid().equals(mine) || r.callSid().equals(theirs)));
    }

    @Test
    void aVoicemailIsWrittenOnceAndReadNewestFirst() {
        ShowBoard board = new ShowBoard(emf);
        Instant t0 = Instant.parse("2026-12-03T09:00:00Z");
        String first = sid('v');
        String second = sid('v');
        VoicemailRow older = new VoicemailRow(0, first, "+15553330001", null, "Sarah", "gardens", "off-air",
                "voicemail/2026-12-03/" + first + ".wav", 4200, 67_244, t0);
        VoicemailRow newer = new VoicemailRow(0, second, "+15553330002", null, null, null, "queue-full",
                "voicemail/2026-12-03/" + second + ".wav", 1800, 28_844, t0.plusSeconds(60));
        writer.write(List.of(new StoreWrite.SaveVoicemail(older), new StoreWrite.SaveVoicemail(newer)));
        writer.write(List.of(new StoreWrite.SaveVoicemail(older))); // a retried batch
        List<VoicemailRow> read = board.voicemails(t0, 10).stream()
                .filter(v -> v.callSid().equals(first) || v.callSid().equals(second)).toList();
        assertEquals(2, read.size(), "written once each: " + read);
        assertEquals(second, read.get(0).callSid(), "newest first");
        VoicemailRow back = board.voicemail(read.get(1).id()).orElseThrow();
        assertEquals(new VoicemailRow(back.id(), first, "+15553330001", null, "Sarah", "gardens", "off-air",
                older.path(), 4200, 67_244, t0), back);
        assertTrue(board.voicemails(t0.plusSeconds(30), 10).stream().noneMatch(v -> v.callSid().equals(first)));
    }

    @Test
    void aCallAndItsTurnsReadBackAsTheyWereWritten() {
        Instant t0 = Instant.parse("2026-12-01T10:00:00.123456Z");
        String sid = sid('a');
        CallRecord ringing = call(sid, "+15551110001", t0);
        CallRecord answered = ringing.withStatus(CallStatus.IN_PROGRESS, Optional.empty(), t0.plusSeconds(1), null);
        ConversationTurn greeting = new ConversationTurn("agent", "Hello, this is Parley.", t0.plusSeconds(2), false,
                null, null, null, null);
        ConversationTurn asked = new ConversationTurn("caller", "what time is it", t0.plusSeconds(5), false, null,
                null, null, null);
        ConversationTurn cut = new ConversationTurn("agent", "It's ten", t0.plusSeconds(6), true, "in the morning.",
                null, null, new ConversationTurn.Timings(210L, 150L, 90L, 480L, 230L));
        ConversationTurn keys = new ConversationTurn("caller", "pressed 1 2", t0.plusSeconds(8), false, null, "12",
                null, null);
        ConversationTurn failed = new ConversationTurn("agent", "", t0.plusSeconds(9), false, null, null,
                "language model: no first token within 1200 ms", new ConversationTurn.Timings(200L, null, null, 1400L, 220L));
        MediaStats media = new MediaStats("MZ" + "0".repeat(31) + "1", CallState.ENDED, "the caller hung up", 400, 380,
                2, 10, 10, 1, 180, 0, "12");
        CallRecord ended = answered.withTurn(greeting).withTurn(asked).withTurn(cut).withTurn(keys).withTurn(failed)
                .withMedia(media).withStatus(CallStatus.COMPLETED, Optional.of(11L), t0.plusSeconds(12), "the caller hung up");

        writer.write(List.of(new StoreWrite.SaveCall(ringing), new StoreWrite.SaveCall(answered),
                new StoreWrite.AddTurn(sid, 0, greeting), new StoreWrite.AddTurn(sid, 1, asked)));
        writer.write(List.of(new StoreWrite.AddTurn(sid, 2, cut), new StoreWrite.AddTurn(sid, 3, keys),
                new StoreWrite.AddTurn(sid, 4, failed), new StoreWrite.SaveCall(ended)));

        CallRecord read = history.find(sid).orElseThrow();
        assertEquals(ended, read);
    }

    @Test
    void aBatchWrittenTwiceLandsOnce() throws Exception {
        Instant t0 = Instant.parse("2026-12-01T11:00:00Z");
        String sid = sid('b');
        CallRecord c = call(sid, "+15551110002", t0);
        ConversationTurn turn = new ConversationTurn("caller", "hello", t0.plusSeconds(1), false, null, null, null, null);
        List<StoreWrite> batch = List.of(new StoreWrite.SaveCall(c), new StoreWrite.AddTurn(sid, 0, turn));
        writer.write(batch);
        writer.write(batch);
        assertEquals(1, history.find(sid).orElseThrow().turns().size());
        assertEquals(1, count("SELECT call_count FROM callers WHERE phone_number = '+15551110002'"));
        assertEquals(1, count("SELECT COUNT(*) FROM turns WHERE call_sid = '" + sid + "'"));
    }

    @Test
    void aRejectedCallCountsForAKnownCallerButMakesNoneKnown() throws Exception {
        Instant t0 = Instant.parse("2026-12-01T13:00:00Z");
        CallRecord unknown = call(sid('c'), "+15551110004", t0).withStatus(CallStatus.BUSY, Optional.empty(), t0,
                CallRecord.REJECTED + "the caller is not known");
        assertTrue(unknown.rejected());
        writer.write(List.of(new StoreWrite.SaveCall(unknown)));
        assertEquals(0, count("SELECT COUNT(*) FROM callers WHERE phone_number = '+15551110004'"));
        assertTrue(history.find(unknown.callSid()).isPresent(), "the rejected call is on record");
    }

    @Test
    void aCallerIsCountedOncePerCall() throws Exception {
        Instant t0 = Instant.parse("2026-12-01T12:00:00Z");
        for (int i = 0; i < 3; i++) {
            writer.write(List.of(new StoreWrite.SaveCall(call(sid('c'), "+15551110003", t0.plusSeconds(i * 60L)))));
        }
        assertEquals(3, count("SELECT call_count FROM callers WHERE phone_number = '+15551110003'"));
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() {
        Instant t0 = Instant.parse("2025-06-01T00:00:00Z");
        List<StoreWrite> batch = new ArrayList<>();
        Set<String> written = new HashSet<>();
        for (int i = 0; i < 120; i++) {
            String sid = sid('d');
            written.add(sid);
            // pairs of calls in the same microsecond: the SID breaks the tie
            CallRecord c = call(sid, "+15552220000", t0.plus(i / 2, ChronoUnit.SECONDS));
            batch.add(new StoreWrite.SaveCall(i % 3 == 0 ? c.withStatus(CallStatus.COMPLETED, Optional.of(3L),
                    c.createdAt().plusSeconds(3), null) : c));
        }
        writer.write(batch);
        CallQuery first = new CallQuery(Optional.of("+15552220000"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 50);
        List<String> seen = new ArrayList<>();
        CallHistory.Page page = history.page(first);
        int pages = 1;
        seen.addAll(page.calls().stream().map(CallRecord::callSid).toList());
        while (page.next().isPresent()) {
            page = history.page(new CallQuery(first.number(), first.since(), first.until(), first.status(),
                    page.next(), 50));
            seen.addAll(page.calls().stream().map(CallRecord::callSid).toList());
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(120, seen.size());
        assertEquals(written, new HashSet<>(seen));
        List<CallRecord> all = history.page(new CallQuery(first.number(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 500)).calls();
        for (int i = 1; i < all.size(); i++) {
            assertFalse(all.get(i).createdAt().isAfter(all.get(i - 1).createdAt()), "newest first");
        }

        CallQuery completed = new CallQuery(first.number(), Optional.empty(), Optional.empty(),
                Optional.of(CallStatus.COMPLETED), Optional.empty(), 500);
        assertEquals(40, history.page(completed).calls().size());
        CallQuery window = new CallQuery(first.number(), Optional.of(t0.plusSeconds(10)),
                Optional.of(t0.plusSeconds(20)), Optional.empty(), Optional.empty(), 500);
        assertEquals(20, history.page(window).calls().size(), "since inclusive, until exclusive");
        assertTrue(history.page(new CallQuery(Optional.of("+19999999999"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 10)).calls().isEmpty());
    }

    @Test
    void callsADeadServerLeftActiveAreClosedAtItsStart() {
        Instant t0 = Instant.parse("2026-12-02T09:00:00Z");
        String talking = sid('e');
        String ringing = sid('e');
        String otherServers = sid('e');
        CallRecord answered = call(talking, "+15553330001", t0)
                .withStatus(CallStatus.IN_PROGRESS, Optional.empty(), t0.plusSeconds(1), null);
        ConversationTurn last = new ConversationTurn("caller", "are you there", t0.plusSeconds(30), false, null, null,
                null, null);
        writer.write(List.of(new StoreWrite.SaveCall(answered), new StoreWrite.AddTurn(talking, 0, last),
                new StoreWrite.SaveCall(call(ringing, "+15553330002", t0))));
        new JournalWriter(emf, "another-server").write(List.of(new StoreWrite.SaveCall(call(otherServers,
                "+15553330003", t0))));

        List<String> closed = history.closeLeftActive("test-server");

        assertTrue(closed.containsAll(List.of(talking, ringing)), closed.toString());
        assertFalse(closed.contains(otherServers));
        CallRecord wasTalking = history.find(talking).orElseThrow();
        assertEquals(CallStatus.COMPLETED, wasTalking.status());
        assertEquals(CallHistory.SERVER_STOPPED, wasTalking.endReason());
        assertEquals(t0.plusSeconds(30), wasTalking.endedAt(), "ended at the last thing stored of it");
        assertEquals(29L, wasTalking.durationSeconds());
        assertEquals(CallStatus.FAILED, history.find(ringing).orElseThrow().status());
        assertEquals(CallStatus.QUEUED, history.find(otherServers).orElseThrow().status());
        assertTrue(history.closeLeftActive("test-server").isEmpty(), "nothing the second time");
    }

    @Test
    void theLatencyReportHasEachStagesFigures() {
        Instant t0 = Instant.parse("2024-03-01T00:00:00Z");
        String sid = sid('f');
        List<StoreWrite> batch = new ArrayList<>();
        batch.add(new StoreWrite.SaveCall(call(sid, "+15556660001", t0)));
        for (int i = 1; i <= 100; i++) {
            // voice to voice 10, 20, ... 1000 ms; first token only on even turns
            batch.add(new StoreWrite.AddTurn(sid, i, new ConversationTurn("agent", "reply " + i, t0.plusSeconds(i),
                    false, null, null, null, new ConversationTurn.Timings(100L, i % 2 == 0 ? 200L : null, null,
                    i * 10L, 50L))));
        }
        batch.add(new StoreWrite.AddTurn(sid, 101, new ConversationTurn("caller", "hi", t0.plusSeconds(101), false,
                null, null, null, null)));
        writer.write(batch);

        LatencyReport report = history.latency(t0, t0.plusSeconds(200));
        LatencyReport.Stage v2v = report.stages().get(3);
        assertEquals("voiceToVoice", v2v.name());
        assertEquals(100, v2v.count());
        assertEquals(505.0, v2v.avg());
        assertEquals(505.0, v2v.p50());
        assertEquals(950.5, v2v.p95());
        assertEquals(1000L, v2v.max());
        assertEquals(50, report.stages().get(1).count(), "first token on half the turns");
        LatencyReport.Stage audio = report.stages().get(2);
        assertEquals(0, audio.count());
        assertEquals(null, audio.p50());
        assertEquals(10, history.latency(t0, t0.plusSeconds(11)).stages().get(3).count(), "until is exclusive");
    }

    /**
     * A window of several days: its whole days come from the daily histograms, its edges from the turns, and the
     * figures are exactly those of sorting every value; a retried batch counts nothing twice, and erasing a
     * caller takes their turns out of the figures.
     */
    @Test
    void aReportOverDaysIsExactAndFollowsRetriesAndErasure() {
        Instant t0 = Instant.parse("2023-05-01T20:00:00Z");
        String kept = sid('l');
        String erased = sid('l');
        List<StoreWrite> batch = new ArrayList<>();
        batch.add(new StoreWrite.SaveCall(call(kept, "+15559990001", t0)));
        batch.add(new StoreWrite.SaveCall(call(erased, "+15559990002", t0)));
        List<Instant> at = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            Instant when = t0.plusSeconds(i * 1300L); // every 21 2/3 minutes for more than three days
            long v2v = 300 + (i * 7919L) % 900;
            at.add(when);
            values.add(v2v);
            batch.add(new StoreWrite.AddTurn(i % 4 == 0 ? erased : kept, i, new ConversationTurn("agent", "r" + i,
                    when, false, null, null, null, new ConversationTurn.Timings(100L + i % 7, null, null, v2v, null))));
        }
        writer.write(batch);
        writer.write(batch); // the same batch again, as after a failure the database did not report

        Instant since = t0.plusSeconds(5_000);
        Instant until = t0.plusSeconds(250_000);
        List<Long> inWindow = new ArrayList<>();
        for (int i = 0; i < at.size(); i++) {
            if (!at.get(i).isBefore(since) && at.get(i).isBefore(until)) {
                inWindow.add(values.get(i));
            }
        }
        assertEquals(expected("voiceToVoice", inWindow), history.latency(since, until).stages().get(3));

        CallerDirectory callers = new CallerDirectory(emf);
        callers.erase(callers.byNumber("+15559990002").orElseThrow().id());
        List<Long> left = new ArrayList<>();
        for (int i = 0; i < at.size(); i++) {
            if (i % 4 != 0 && !at.get(i).isBefore(since) && at.get(i).isBefore(until)) {
                left.add(values.get(i));
            }
        }
        assertEquals(expected("voiceToVoice", left), history.latency(since, until).stages().get(3),
                "the erased caller's turns are out of the figures");
    }

    /** The figures the slow way: every value sorted, percentiles interpolated as PERCENTILE_CONT does. */
    static LatencyReport.Stage expected(String name, List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double avg = sorted.stream().mapToLong(Long::longValue).sum() / (double) n;
        return new LatencyReport.Stage(name, n, Math.round(avg * 10) / 10.0, cont(sorted, 0.5), cont(sorted, 0.95),
                sorted.get(n - 1));
    }

    private static Double cont(List<Long> sorted, double p) {
        double rank = p * (sorted.size() - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        double value = sorted.get(low) + (rank - low) * (sorted.get(high) - sorted.get(low));
        return Math.round(value * 10) / 10.0;
    }

    @Test
    void notesAreKeptWithTheCallAndANameOnlyWhereNoneIsKnown() {
        Instant t0 = Instant.parse("2026-11-01T08:00:00Z");
        CallerDirectory callers = new CallerDirectory(emf);
        callers.add("+15557770002", new CallerChanges(Optional.of("Grace H."), Optional.empty(), Optional.empty()), t0);
        String first = sid('g');
        String second = sid('g');
        String named = sid('g');
        writer.write(List.of(new StoreWrite.SaveCall(call(first, "+15557770001", t0)),
                new StoreWrite.SaveCall(call(second, "+15557770001", t0.plusSeconds(60))),
                new StoreWrite.SaveCall(call(named, "+15557770002", t0))));
        writer.write(List.of(new StoreWrite.Summarise(first, "Asked about hours.", Optional.of("Ada")),
                new StoreWrite.Summarise(second, "Asked about Saturday.", Optional.of("Bob")),
                new StoreWrite.Summarise(named, "Asked about parking.", Optional.of("Gracie")),
                new StoreWrite.Summarise(sid('g'), "A call erased meanwhile.", Optional.empty())));

        Caller ada = callers.byNumber("+15557770001").orElseThrow();
        assertEquals("Ada", ada.name(), "the first name heard is kept");
        assertEquals(List.of("Asked about Saturday.", "Asked about hours."), callers.summaries(ada.id(), 3));
        assertEquals(List.of("Asked about Saturday."), callers.summaries(ada.id(), 1));
        assertEquals("Grace H.", callers.byNumber("+15557770002").orElseThrow().name(), "an operator's name stands");
        assertEquals("Asked about hours.", history.extras(first).orElseThrow().summary());
        assertEquals(ada.id(), history.extras(first).orElseThrow().caller().id());
    }

    @Test
    void erasingACallerTakesTheirCallsAndTurnsAndNothingElse() throws Exception {
        Instant t0 = Instant.parse("2026-10-01T08:00:00Z");
        String theirs = sid('h');
        String others = sid('h');
        ConversationTurn hello = new ConversationTurn("caller", "hello", t0, false, null, null, null, null);
        writer.write(List.of(new StoreWrite.SaveCall(call(theirs, "+15558880001", t0)),
                new StoreWrite.AddTurn(theirs, 0, hello),
                new StoreWrite.SaveCall(call(others, "+15558880002", t0)), new StoreWrite.AddTurn(others, 0, hello)));
        CallerDirectory callers = new CallerDirectory(emf);
        long id = callers.byNumber("+15558880001").orElseThrow().id();

        writer.write(List.of(new StoreWrite.SaveRecording(theirs, new Recording("2026-10-01/" + theirs + ".wav", 4000, 64044))));
        String offAir = sid('h');
        String stranger = sid('h');
        writer.write(List.of(new StoreWrite.SaveVoicemail(new VoicemailRow(0, offAir, "+15558880001", null, null, null,
                "off-air", "voicemail/2026-10-01/" + offAir + ".wav", 3000, 48044, t0)),
                new StoreWrite.SaveVoicemail(new VoicemailRow(0, stranger, "+15558880002", null, null, null,
                        "off-air", "voicemail/2026-10-01/" + stranger + ".wav", 3000, 48044, t0))));

        assertEquals(Optional.of(new CallerDirectory.Erased(List.of(new CallerDirectory.ErasedCall(theirs, t0,
                "2026-10-01/" + theirs + ".wav")), List.of("voicemail/2026-10-01/" + offAir + ".wav"))),
                callers.erase(id), "the calls, with the recordings and the voicemail to delete");
        assertEquals(List.of(stranger), new ShowBoard(emf).voicemails(t0, 10).stream().map(VoicemailRow::callSid)
                .filter(s -> s.equals(offAir) || s.equals(stranger)).toList(), "another caller's message stays");

        assertTrue(callers.byId(id).isEmpty());
        assertTrue(history.find(theirs).isEmpty());
        assertEquals(0, count("SELECT COUNT(*) FROM turns WHERE call_sid = '" + theirs + "'"));
        assertEquals(1, history.find(others).orElseThrow().turns().size(), "another caller's call is untouched");
        assertEquals(Optional.empty(), callers.erase(id));
    }

    @Test
    void aRecordingIsKeptWithItsCallUntilItIsForgotten() {
        Instant t0 = Instant.parse("2026-10-02T08:00:00Z");
        String sid = sid('r');
        writer.write(List.of(new StoreWrite.SaveCall(call(sid, "+15558880003", t0)),
                new StoreWrite.SaveRecording(sid('r'), new Recording("gone.wav", 1, 1))));
        assertNull(history.extras(sid).orElseThrow().recording(), "none until it is finished");

        Recording wav = new Recording("2026-10-02/" + sid + ".wav", 61_020, 976_364);
        writer.write(List.of(new StoreWrite.SaveRecording(sid, wav)));
        writer.write(List.of(new StoreWrite.SaveRecording(sid, wav))); // a retried batch
        assertEquals(wav, history.extras(sid).orElseThrow().recording());

        writer.write(List.of(new StoreWrite.ForgetRecording(sid)));
        assertNull(history.extras(sid).orElseThrow().recording());
        assertTrue(history.find(sid).isPresent(), "the call itself stays");
    }

    long count(String sql) throws Exception {
        try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
