package io.parley.store;

import io.parley.call.CallRecord;
import io.parley.call.CallerMemory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PersistenceUnit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Parley's memory: the database behind {@code jdbc/parley}, its schema, the write-behind path into it, and the
 * reads of the calls stored. At start-up it migrates the schema and closes the calls this server left active;
 * when the database is not there yet, it tries again every few seconds while calls go on and their writes queue.
 * At a graceful stop it writes everything queued.
 */
@ApplicationScoped
public class Store {

    public static final String SERVER_ID = "parley.server.id";
    public static final String QUEUE_LIMIT = "parley.store.queue-limit";
    public static final String BATCH_SIZE = "parley.store.batch-size";
    public static final String UNKNOWN_CALLERS = "parley.callers.unknown";
    public static final String MEMORY_CALLS = "parley.memory.calls";

    private static final Logger LOG = Logger.getLogger(Store.class.getName());
    private static final Duration RETRY_START = Duration.ofSeconds(3);

    @Resource(lookup = "jdbc/parley")
    DataSource dataSource;

    @PersistenceUnit(unitName = "parley")
    EntityManagerFactory emf;

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = SERVER_ID)
    Optional<String> configuredServerId;

    @Inject
    @ConfigProperty(name = QUEUE_LIMIT, defaultValue = "100000")
    int queueLimit;

    @Inject
    @ConfigProperty(name = BATCH_SIZE, defaultValue = "500")
    int batchSize;

    @Inject
    @ConfigProperty(name = UNKNOWN_CALLERS, defaultValue = "answer")
    String unknownCallers;

    @Inject
    @ConfigProperty(name = MEMORY_CALLS, defaultValue = "3")
    int memoryCalls;

    private WriteBehind writes;
    private CallHistory history;
    private CallerDirectory callers;
    private ShowBoard show;
    private PersonaBook personas;
    private ShowBook shows;
    private boolean rejectUnknown;
    private String serverId;
    private volatile String problem = "starting";

    @PostConstruct
    void init() {
        serverId = configuredServerId.filter(s -> !s.isBlank()).orElseGet(ServerIdentity::describe);
        history = new CallHistory(emf);
        callers = new CallerDirectory(emf);
        show = new ShowBoard(emf);
        personas = new PersonaBook(emf);
        shows = new ShowBook(emf);
        rejectUnknown = switch (unknownCallers.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "answer" -> false;
            case "reject" -> true;
            default -> throw new IllegalArgumentException(UNKNOWN_CALLERS + " is \"" + unknownCallers
                    + "\": it takes answer or reject");
        };
        writes = new WriteBehind(new JournalWriter(emf, serverId)::write, queueLimit, batchSize,
                Duration.ofSeconds(5), threads);
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        prepare();
    }

    /** Migrates the schema, closes what a dead server left active, then lets the queued writes in. */
    private void prepare() {
        try {
            int applied = Schema.migrate(dataSource, getClass().getClassLoader());
            List<String> closed = history.closeLeftActive(serverId);
            if (!closed.isEmpty()) {
                LOG.warning(() -> closed.size() + " calls were left active when this server (" + serverId
                        + ") last stopped; they are closed as \"" + CallHistory.SERVER_STOPPED + "\": " + closed);
            }
            int ended = shows.endLeftRunning(serverId, java.time.Instant.now());
            if (ended > 0) {
                LOG.info(() -> ended + " shows this server was running when it stopped are ended now");
            }
            int swept = show.sweep(serverId);
            if (swept > 0) {
                LOG.info(() -> swept + " show-queue entries this server held when it stopped are removed: their"
                        + " callers' streams ended with it");
            }
            writes.start();
            problem = null;
            LOG.info(() -> "Memory: " + Schema.describe(dataSource) + ", schema up to date (" + applied
                    + " migrations applied now); this server stores its calls as " + serverId);
        } catch (RuntimeException e) {
            problem = "the database is not available: " + WriteFailures.describe(e);
            LOG.warning(() -> "Memory: " + problem + ". Calls go on and their records queue; trying again in "
                    + RETRY_START.toSeconds() + " s");
            scheduler.schedule(this::prepare, RETRY_START.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        long queued = writes.backlog();
        if (problem != null && !writes.started()) {
            if (queued > 0) {
                LOG.severe(() -> "Memory: the database never became available; " + queued + " writes are lost");
            }
            return;
        }
        writes.close(Duration.ofSeconds(10));
        LOG.info(() -> "Memory: " + queued + " queued writes flushed at the stop; " + writes.written()
                + " written since the start, " + writes.lost() + " lost");
    }

    /** The show's stored queue and voicemails; reads wait for the database (never on a call's path). */
    public ShowBoard show() {
        return show;
    }

    /** The stored shows; every method waits for the database ({@link StoreUnavailableException} when away). */
    public Shows shows() {
        return new Shows();
    }

    /** The stored shows, each read guarded as the store's reads are. */
    public final class Shows {
        public ShowRow start(String title) {
            return read(() -> shows.start(title, serverId, Instant.now()));
        }

        public void recordingDir(long id, String dir) {
            read(() -> {
                shows.recordingDir(id, dir);
                return null;
            });
        }

        public Optional<ShowRow> end(long id) {
            return read(() -> shows.end(id, Instant.now()));
        }

        public Optional<ShowRow> find(long id) {
            return read(() -> shows.find(id));
        }

        public List<ShowRow> latest(int limit) {
            return read(() -> shows.latest(limit));
        }

        public List<ShowTurnRow> turns(long id) {
            return read(() -> shows.turns(id));
        }

        public List<ChapterRow> chapters(long id) {
            return read(() -> shows.chapters(id));
        }

        public List<String> calls(long id) {
            return read(() -> shows.calls(id));
        }
    }

    /** Every stored persona; {@link StoreUnavailableException} when the database cannot answer. */
    public List<Persona> personas() {
        return read(personas::all);
    }

    public Optional<Persona> persona(long id) {
        return read(() -> personas.find(id));
    }

    /** Adds a persona; empty when its name is taken. */
    public Optional<Persona> addPersona(Persona persona) {
        return read(() -> personas.add(persona, Instant.now()));
    }

    /** Changes a persona; empty when there is none with its id ({@link IllegalArgumentException}: name taken). */
    public Optional<Persona> changePersona(Persona persona) {
        return read(() -> personas.change(persona, Instant.now()));
    }

    public boolean removePersona(long id) {
        return read(() -> personas.remove(id));
    }

    /** Queues a write; never waits (see {@link WriteBehind#offer}). */
    public void write(StoreWrite write) {
        writes.offer(write);
    }

    /** A stored call with its turns; {@link StoreUnavailableException} when the database cannot answer. */
    public Optional<CallRecord> find(String callSid) {
        return read(() -> history.find(callSid));
    }

    /** A stored call's summary and caller; empty when it is not stored (yet). */
    public Optional<CallHistory.Extras> extras(String callSid) {
        return read(() -> history.extras(callSid));
    }

    /** A page of stored calls; {@link StoreUnavailableException} when the database cannot answer. */
    public CallHistory.Page page(CallQuery query) {
        return read(() -> history.page(query));
    }

    /** Per-stage latency of the turns stored in [since, until). */
    public LatencyReport latency(Instant since, Instant until) {
        return read(() -> history.latency(since, until));
    }

    /** Whether to answer a call, and if so what Parley remembers of the caller. */
    public record Admission(Optional<String> refusal, CallerMemory memory) {

        static Admission answer(CallerMemory memory) {
            return new Admission(Optional.empty(), memory);
        }

        static Admission reject(String why) {
            return new Admission(Optional.of(why), CallerMemory.NONE);
        }
    }

    /**
     * Whether a call from {@code from} is answered, and the caller's memory (name, last summaries) when it is.
     * Rejected: a blocked caller; an unknown one under {@code parley.callers.unknown=reject}. When the database
     * cannot say, "answer" answers (a blocked caller may then get through) and "reject" rejects.
     */
    public Admission admit(String from) {
        if (from == null || from.isBlank()) {
            return rejectUnknown ? Admission.reject("the call has no caller number, and unknown callers are rejected")
                    : Admission.answer(CallerMemory.NONE);
        }
        try {
            if (problem().isPresent()) {
                // the database is known to be away: decide now rather than hold Twilio's webhook in its retries
                throw new StoreUnavailableException(problem().get(), null);
            }
            return read(() -> {
                Optional<Caller> caller = callers.byNumber(from);
                if (caller.map(Caller::blocked).orElse(false)) {
                    return Admission.reject("the caller is blocked");
                }
                if (caller.isEmpty()) {
                    return rejectUnknown ? Admission.reject("the caller is not known, and unknown callers are rejected ("
                            + UNKNOWN_CALLERS + ")") : Admission.answer(CallerMemory.NONE);
                }
                return Admission.answer(new CallerMemory(Optional.ofNullable(caller.get().name()),
                        callers.summaries(caller.get().id(), memoryCalls)));
            });
        } catch (StoreUnavailableException e) {
            LOG.warning(() -> "Could not check caller " + io.parley.logging.LogSafe.text(from) + " against the "
                    + "callers (" + e.getMessage() + "): " + (rejectUnknown ? "rejected" : "answered"));
            return rejectUnknown ? Admission.reject("the callers cannot be checked now, and unknown callers are rejected")
                    : Admission.answer(CallerMemory.NONE);
        }
    }

    public Optional<Caller> caller(long id) {
        return read(() -> callers.byId(id));
    }

    public List<Caller> callers(long afterId, int limit) {
        return read(() -> callers.list(afterId, limit));
    }

    /** Adds a caller; empty when the number is already known. */
    public Optional<Caller> addCaller(String number, CallerChanges details) {
        return read(() -> callers.add(number, details, Instant.now()));
    }

    /** Blocks a number: its caller (added when unknown) is blocked, so their next calls are rejected. */
    public Caller blockNumber(String number) {
        CallerChanges block = new CallerChanges(Optional.empty(), Optional.empty(), Optional.of(true));
        return read(() -> {
            Optional<Caller> known = callers.byNumber(number);
            if (known.isPresent()) {
                return callers.change(known.get().id(), block).orElseThrow();
            }
            return callers.add(number, block, Instant.now())
                    .or(() -> callers.byNumber(number).flatMap(c -> callers.change(c.id(), block))).orElseThrow();
        });
    }

    public Optional<Caller> changeCaller(long id, CallerChanges changes) {
        return read(() -> callers.change(id, changes));
    }

    /**
     * Erases a caller and all their calls and turns; what was erased (with the recordings the caller of this
     * method deletes from disk), or empty when there is no such caller.
     */
    public Optional<CallerDirectory.Erased> eraseCaller(long id) {
        return read(() -> callers.erase(id));
    }

    private <T> T read(Supplier<T> query) {
        if (problem != null) {
            throw new StoreUnavailableException("Parley cannot read its records now: " + problem, null);
        }
        try {
            return query.get();
        } catch (PersistenceException e) {
            throw new StoreUnavailableException("Parley cannot read its records now: the database did not answer ("
                    + WriteFailures.describe(e) + ")", e);
        }
    }

    /** Why the store cannot take writes now (not started, the database away), or empty when it can. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem).or(() -> writes.failing()
                ? Optional.of("the database refuses writes; they are queued and retried") : Optional.empty());
    }

    public WriteBehind writes() {
        return writes;
    }

    public String serverId() {
        return serverId;
    }
}
