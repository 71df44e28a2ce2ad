package io.parley.show;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The show's Server-Sent Events ({@code GET /api/show/events}): {@code queue}, {@code call}, {@code transcript} and
 * {@code studio}. Calls and requests publish and return at once; one background thread sends each event to every
 * console in order, and drops the oldest events when it falls far behind (a console that reconnects reads the
 * whole state again). A comment every 15 s keeps idle connections open through proxies and finds closed ones.
 */
@ApplicationScoped
public class ShowEvents {

    public static final String QUEUE = "queue";
    public static final String CALL = "call";
    public static final String TRANSCRIPT = "transcript";
    public static final String STUDIO = "studio";
    public static final String MOOD = "mood";
    public static final String SEGMENT = "segment";

    static final int BACKLOG = 10_000;
    private static final Logger LOG = Logger.getLogger(ShowEvents.class.getName());

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private record Console(SseEventSink sink, Sse sse) {
    }

    private final Set<Console> consoles = new CopyOnWriteArraySet<>();
    private final AtomicLong dropped = new AtomicLong();
    private ThreadPoolExecutor sender;
    private ScheduledFuture<?> keepAlive;

    @PostConstruct
    void init() {
        sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(BACKLOG), threads,
                (task, pool) -> {
                    if (!pool.isShutdown()) {
                        if (dropped.incrementAndGet() % 1000 == 1) {
                            LOG.warning(() -> "Show events: the consoles are " + BACKLOG + " events behind; the oldest"
                                    + " are dropped (" + dropped.get() + " so far)");
                        }
                        pool.getQueue().poll();
                        pool.execute(task);
                    }
                });
        keepAlive = scheduler.scheduleAtFixedRate(() -> sender.execute(this::ping), 15, 15, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
        sender.shutdownNow();
        for (Console c : consoles) {
            c.sink().close();
        }
    }

    /** A console listens from now on (what was before, it reads from the API). */
    public void subscribe(SseEventSink sink, Sse sse) {
        consoles.add(new Console(sink, sse));
    }

    /** Sends {@code data} as event {@code name} to every console; returns at once. */
    public void publish(String name, JsonValue data) {
        String json = data.toString();
        sender.execute(() -> send(name, json));
    }

    /** The event to one console only (the state it starts from), after what is queued for every console. */
    public void sendTo(SseEventSink sink, Sse sse, String name, JsonValue data) {
        String json = data.toString();
        sender.execute(() -> deliver(new Console(sink, sse), name, json));
    }


    private void send(String name, String json) {
        for (Console c : consoles) {
            deliver(c, name, json);
        }
    }

    private void deliver(Console c, String name, String json) {
        if (c.sink().isClosed()) {
            consoles.remove(c);
            return;
        }
        try {
            c.sink().send(c.sse().newEventBuilder().name(name).mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(String.class, json).build()).whenComplete((ok, error) -> {
                        if (error != null) {
                            gone(c, error);
                        }
                    });
        } catch (RuntimeException e) {
            gone(c, e);
        }
    }

    private void ping() {
        for (Console c : consoles) {
            if (c.sink().isClosed()) {
                consoles.remove(c);
                continue;
            }
            try {
                c.sink().send(c.sse().newEventBuilder().comment("keep-alive").build())
                        .whenComplete((ok, error) -> {
                            if (error != null) {
                                gone(c, error);
                            }
                        });
            } catch (RuntimeException e) {
                gone(c, e);
            }
        }
    }

    private void gone(Console c, Throwable why) {
        if (consoles.remove(c)) {
            LOG.log(Level.FINE, "A console's event stream is gone", why);
            try {
                c.sink().close();
            } catch (RuntimeException e) {
                // already closed
            }
        }
    }
}
