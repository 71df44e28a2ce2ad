package io.parley.sim;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulator's command line.
 *
 * @param publicUrl the base URL the server believes Twilio uses ({@code parley.public-url}); signatures are made
 *                  over it, as Twilio makes them over the URL it was configured with
 */
public record SimOptions(URI url, URI publicUrl, Optional<Path> wav, int calls, double durationSeconds,
                         boolean loop, int pauseMillis, Optional<String> authToken, String accountSid, String from,
                         String to, int jitterMillis, List<Dtmf> dtmf, Optional<Path> record, boolean echo,
                         int staggerMillis, boolean serverMetrics, boolean perCall, List<String> say,
                         int startMillis, Optional<String> agent, Optional<String> apiKey, boolean transcripts,
                         Optional<String> line) {

    /** A key the simulated caller presses {@code atSeconds} into the call. */
    public record Dtmf(String digit, double atSeconds) {
    }

    /** Where {@code mvn liberty:dev} runs Parley. */
    public static final String DEFAULT_URL = "http://localhost:9080";

    public static final String USAGE = """
            Usage: ./simulate [options]        (or: CallSimulator [options])
              --url URL            the Parley server (default http://localhost:9080)
              --public-url URL     the URL the server's parley.public-url says Twilio uses (default: --url)
              --wav FILE           what the caller says: a WAV at any rate (default: a built-in test utterance)
              --say TEXT           what the caller says, spoken by the embedded voice (repeatable: the
                                   sentences follow one another with --pause-ms between them)
              --agent NAME         ask the voice webhook for this agent (?agent=NAME), e.g. echo or assistant
                                   (--echo asks for echo unless --agent says otherwise)
              --line NAME          call a line of the server (?line=NAME): show is the call-in show's line
              --start-ms MS        silence before the caller first speaks, e.g. while the greeting plays (default 0)
              --calls N            concurrent calls (default 1)
              --duration S         seconds of caller audio per call (default: the clip plus 2 s)
              --loop               repeat the clip, with --pause-ms of silence between repeats
              --pause-ms MS        pause between repeats (default 1000)
              --auth-token TOKEN   sign webhooks and the handshake like Twilio (default: $TWILIO_AUTH_TOKEN)
              --account-sid SID    the AccountSid to send (default: a made-up one)
              --from / --to E164   the caller and the called number
              --jitter-ms MS       the caller's jitter buffer before playback starts (default 60)
              --dtmf D@S           press key D at S seconds, e.g. --dtmf 1@2.5 (repeatable)
              --record DIR         write what each caller heard to DIR/<CallSid>-heard.wav
              --echo               line test: call the echo agent, report frames lost and the echo's delay and
                                   correlation; a call that hears no echo of its caller fails
              --stagger-ms MS      time between call starts (default 10)
              --server-metrics     read the server's CPU and heap from its /metrics
              --per-call           print a line per call (default when 10 calls or fewer)
              --api-key KEY        the server's parley.api-key, to read each call's transcript from /api/calls
                                   (default: $PARLEY_API_KEY; none is needed for a server on this machine)
              --no-transcript      do not print what was said in each call
            """;

    public static SimOptions parse(String[] args) {
        Map<String, String> env = System.getenv();
        URI url = null;
        URI publicUrl = null;
        Path wav = null;
        int calls = 1;
        double duration = -1;
        boolean loop = false;
        int pause = 1000;
        String token = env.get("TWILIO_AUTH_TOKEN");
        String account = "AC" + Ids.hex32();
        String from = "+15550100001";
        String to = "+15550100002";
        int jitter = 60;
        List<Dtmf> dtmf = new ArrayList<>();
        Path record = null;
        boolean echo = false;
        int stagger = 10;
        boolean metrics = false;
        Boolean perCall = null;
        List<String> say = new ArrayList<>();
        int start = 0;
        String agent = null;
        String apiKey = env.get("PARLEY_API_KEY");
        boolean transcripts = true;
        String line = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--url" -> url = uri(value(args, ++i, arg));
                case "--public-url" -> publicUrl = uri(value(args, ++i, arg));
                case "--wav" -> wav = Path.of(value(args, ++i, arg));
                case "--calls" -> calls = positive(value(args, ++i, arg), arg);
                case "--duration" -> duration = Double.parseDouble(value(args, ++i, arg));
                case "--loop" -> loop = true;
                case "--pause-ms" -> pause = positive(value(args, ++i, arg), arg);
                case "--auth-token" -> token = value(args, ++i, arg);
                case "--account-sid" -> account = value(args, ++i, arg);
                case "--from" -> from = value(args, ++i, arg);
                case "--to" -> to = value(args, ++i, arg);
                case "--jitter-ms" -> jitter = positive(value(args, ++i, arg), arg);
                case "--dtmf" -> dtmf.add(dtmf(value(args, ++i, arg)));
                case "--record" -> record = Path.of(value(args, ++i, arg));
                case "--echo" -> echo = true;
                case "--stagger-ms" -> stagger = Integer.parseInt(value(args, ++i, arg));
                case "--server-metrics" -> metrics = true;
                case "--per-call" -> perCall = true;
                case "--say" -> say.add(value(args, ++i, arg));
                case "--agent" -> agent = value(args, ++i, arg);
                case "--start-ms" -> start = Integer.parseInt(value(args, ++i, arg));
                case "--api-key" -> apiKey = value(args, ++i, arg);
                case "--no-transcript" -> transcripts = false;
                case "--line" -> line = value(args, ++i, arg);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (url == null) {
            url = URI.create(DEFAULT_URL);
        }
        if (wav != null && !say.isEmpty()) {
            throw new IllegalArgumentException("--wav and --say cannot be combined");
        }
        return new SimOptions(url, publicUrl == null ? url : publicUrl, Optional.ofNullable(wav), calls, duration, loop,
                pause, Optional.ofNullable(token).filter(t -> !t.isBlank()), account, from, to, jitter,
                List.copyOf(dtmf), Optional.ofNullable(record), echo, stagger, metrics,
                perCall != null ? perCall : calls <= 10, List.copyOf(say), Math.max(0, start),
                Optional.ofNullable(agent != null ? agent : echo ? "echo" : null),
                Optional.ofNullable(apiKey).filter(k -> !k.isBlank()), transcripts, Optional.ofNullable(line));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static URI uri(String text) {
        URI uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("not an http(s) URL: " + text);
        }
        return uri;
    }

    private static int positive(String text, String option) {
        int n = Integer.parseInt(text);
        if (n <= 0) {
            throw new IllegalArgumentException(option + " must be positive");
        }
        return n;
    }

    private static Dtmf dtmf(String text) {
        int at = text.indexOf('@');
        if (at != 1 || "0123456789*#ABCD".indexOf(text.charAt(0)) < 0) {
            throw new IllegalArgumentException("--dtmf wants DIGIT@SECONDS, e.g. 1@2.5, not " + text);
        }
        return new Dtmf(text.substring(0, 1), Double.parseDouble(text.substring(2)));
    }
}
