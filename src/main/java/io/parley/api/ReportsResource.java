package io.parley.api;

import io.parley.http.RequestRefusedException;
import io.parley.store.LatencyReport;
import io.parley.store.Store;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * {@code /api/reports/latency}: how long each stage of the agent's turns took, over the turns stored between
 * {@code since} and {@code until} (ISO-8601 instants; by default the last seven days). JSON, or an aligned table
 * for {@code Accept: text/plain}.
 */
@Path("api/reports/latency")
public class ReportsResource {

    static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

    @Inject
    Store store;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public LatencyReport json(@QueryParam("since") String since, @QueryParam("until") String until) {
        return report(since, until);
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String text(@QueryParam("since") String since, @QueryParam("until") String until) {
        LatencyReport report = report(since, until);
        StringBuilder out = new StringBuilder();
        out.append("Latency of the agent's turns from ").append(report.since()).append(" to ").append(report.until())
                .append(" (ms)\n\n");
        out.append(String.format(Locale.ROOT, "%-14s %8s %9s %9s %9s %9s%n", "stage", "count", "avg", "p50", "p95",
                "max"));
        for (LatencyReport.Stage s : report.stages()) {
            out.append(String.format(Locale.ROOT, "%-14s %8d %9s %9s %9s %9s%n", s.name(), s.count(), figure(s.avg()),
                    figure(s.p50()), figure(s.p95()), s.max() == null ? "-" : s.max().toString()));
        }
        return out.toString();
    }

    private LatencyReport report(String since, String until) {
        Instant to = instant("until", until, Instant.now());
        Instant from = instant("since", since, to.minus(DEFAULT_WINDOW));
        if (!from.isBefore(to)) {
            throw new RequestRefusedException(400, "since must be before until");
        }
        return store.latency(from, to);
    }

    private static Instant instant(String name, String value, Instant otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new RequestRefusedException(400, name + ": an ISO-8601 instant such as 2026-12-01T00:00:00Z");
        }
    }

    private static String figure(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }
}
