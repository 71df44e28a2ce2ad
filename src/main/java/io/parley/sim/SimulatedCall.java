package io.parley.sim;

import io.parley.audio.MuLawAudio;
import io.parley.audio.WavFile;
import io.parley.telephony.media.MalformedMessageException;
import io.parley.telephony.media.StreamCommand;
import io.parley.telephony.media.StreamEvent;
import io.parley.telephony.media.TwilioMessages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * One call as Twilio would make it: the signed voice webhook, the TwiML's stream opened with a signed
 * handshake, {@code connected} and {@code start}, the caller's audio in real time (20 ms frames), keys pressed
 * on schedule, then {@code stop}, the close, and the final status callback. What comes back is played by a
 * {@link Playout}. The simulator's clock calls {@link #tick} for sending and playback.
 */
final class SimulatedCall implements WebSocket.Listener {

    private static final long FRAME_NANOS = 20_000_000L;
    /**
     * Below this, what came back is not the caller's echo: a good line scores above 0.9, a line test against the
     * AI agent below 0.1, a silent one nothing at all; an echo broken up by an overloaded server (underruns,
     * skipped backlog) scores anywhere between.
     */
    static final double MIN_ECHO_CORRELATION = 0.5;

    private enum Phase { CONNECTING, STREAMING, DRAINING, DONE }

    private final SimOptions options;
    private final HttpClient http;
    private final CallerAudio caller;
    private final Playout playout;
    private final String callSid = "CA" + Ids.hex32();
    private final String streamSid = "MZ" + Ids.hex32();
    private final AtomicLong sequence = new AtomicLong();
    private final long totalFrames;
    private final long drainFrames;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final List<SimOptions.Dtmf> pendingDtmf;
    private final ByteArrayOutputStream said = new ByteArrayOutputStream();
    private final List<Boolean> saidVoiced = new ArrayList<>();
    /** When each {@code clear} arrived, in nanoseconds since the caller's first frame. */
    private final List<Long> clearsAt = java.util.Collections.synchronizedList(new ArrayList<>());

    private volatile Phase phase = Phase.CONNECTING;
    private volatile WsSender sender;
    private WebSocket ws;
    private long t0;
    private long framesSent;
    private long ticksPlayed;
    private volatile int closeCode;
    private volatile String closeReason;
    private volatile String error;

    SimulatedCall(SimOptions options, HttpClient http, CallerAudio caller, Histogram arrivalGaps, Histogram markWaits) {
        this.options = options;
        this.http = http;
        this.caller = caller;
        this.playout = new Playout(Math.max(1, options.jitterMillis() / 20), arrivalGaps, markWaits);
        double seconds = options.durationSeconds() > 0 ? options.durationSeconds() : caller.clipFrames() * 0.02 + 2;
        this.totalFrames = Math.round(seconds * 50);
        this.drainFrames = Math.max(25, options.jitterMillis() / 20 + 25);
        this.pendingDtmf = new ArrayList<>(options.dtmf());
    }

    String callSid() {
        return callSid;
    }

    /** Completes when the call is over (hung up, refused or broken); then ask for its {@link #figures()}. */
    CompletableFuture<Void> done() {
        return done;
    }

    /** Places the call: webhook, TwiML, handshake, {@code connected} and {@code start}. Blocking; off the clock. */
    void connect() {
        try {
            Map<String, String> webhook = new LinkedHashMap<>();
            webhook.put("AccountSid", options.accountSid());
            webhook.put("ApiVersion", "2010-04-01");
            webhook.put("CallSid", callSid);
            webhook.put("CallStatus", "ringing");
            webhook.put("Called", options.to());
            webhook.put("Caller", options.from());
            webhook.put("Direction", "inbound");
            webhook.put("From", options.from());
            webhook.put("To", options.to());
            List<String> query = new ArrayList<>();
            options.agent().ifPresent(a -> query.add("agent=" + encode(a)));
            options.line().ifPresent(l -> query.add("line=" + encode(l)));
            String voicePath = "/twilio/voice" + (query.isEmpty() ? "" : "?" + String.join("&", query));
            HttpResponse<String> answer = post(voicePath, webhook);
            if (answer.statusCode() != 200) {
                throw new IOException("the voice webhook answered " + answer.statusCode() + ": " + answer.body());
            }
            StreamInstructions stream = StreamInstructions.parse(answer.body());
            URI streamUri = URI.create(stream.url());
            URI local = options.url();
            URI target = URI.create(("https".equals(local.getScheme()) ? "wss" : "ws") + "://" + local.getRawAuthority()
                    + streamUri.getRawPath());
            WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
            options.authToken().ifPresent(token -> builder.header("X-Twilio-Signature",
                    new TwilioSigner(token).sign(stream.url())));
            ws = builder.buildAsync(target, this).get(15, TimeUnit.SECONDS);
            sender = new WsSender(ws);
            sender.send(TwilioMessages.writeEvent(new StreamEvent.Connected("Call", "1.0.0")));
            sender.send(TwilioMessages.writeEvent(new StreamEvent.Start(sequence.incrementAndGet(), streamSid,
                    options.accountSid(), callSid, List.of("inbound"),
                    new StreamEvent.MediaFormat("audio/x-mulaw", 8000, 1), stream.parameters())));
            t0 = System.nanoTime();
            phase = Phase.STREAMING;
        } catch (Exception e) {
            finish("could not connect: " + rootMessage(e));
        }
    }

    /** Sends the frames and plays the ticks that are due; called by the simulator's clock. */
    void tick(long now) {
        if (phase == Phase.CONNECTING || phase == Phase.DONE) {
            return;
        }
        if (sender.failure() != null) {
            finish("sending failed: " + rootMessage(sender.failure()));
            return;
        }
        if (closeCode == 1000) {
            // the agent hung up (after a goodbye): the call is over, normally
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
            playout.stopCountingUnderruns();
            finish(null);
            return;
        }
        if (closeCode == CallResult.CLOSED_ABNORMALLY) {
            finish(CallResult.DROPPED);
            return;
        }
        if (closeCode != 0) {
            finish("the server closed the stream: " + closeCode + " " + closeReason);
            return;
        }
        while (phase == Phase.STREAMING && t0 + framesSent * FRAME_NANOS <= now) {
            if (framesSent == totalFrames) {
                phase = Phase.DRAINING;
                playout.stopCountingUnderruns();
                break;
            }
            sendFrame(framesSent);
            framesSent++;
        }
        while (t0 + ticksPlayed * FRAME_NANOS <= now) {
            echo(playout.tick(now));
            ticksPlayed++;
            if (ticksPlayed >= totalFrames + drainFrames) {
                echo(playout.drain(now));
                hangUp();
                return;
            }
        }
    }

    private void sendFrame(long k) {
        byte[] frame = caller.frame(k);
        said.write(frame, 0, frame.length);
        saidVoiced.add(caller.voiced(k));
        sender.send(mediaJson(sequence.incrementAndGet(), k, caller.frameBase64(k)));
        double seconds = k * 0.02;
        while (!pendingDtmf.isEmpty() && pendingDtmf.get(0).atSeconds() <= seconds) {
            SimOptions.Dtmf key = pendingDtmf.remove(0);
            sender.send(TwilioMessages.writeEvent(new StreamEvent.Dtmf(sequence.incrementAndGet(), streamSid,
                    "inbound_track", key.digit())));
        }
    }

    /**
     * A media event as Twilio writes it (what {@link TwilioMessages#writeEvent} gives, tested to match), built
     * by hand with the payload encoded once per clip frame: at 300 calls the simulator sends 15,000 of these a
     * second on one thread.
     */
    String mediaJson(long seq, long k, String payload) {
        return new StringBuilder(payload.length() + 160).append("{\"event\":\"media\",\"sequenceNumber\":\"")
                .append(seq).append("\",\"media\":{\"track\":\"inbound\",\"chunk\":\"").append(k + 1)
                .append("\",\"timestamp\":\"").append(k * 20).append("\",\"payload\":\"").append(payload)
                .append("\"},\"streamSid\":\"").append(streamSid).append("\"}").toString();
    }

    private void echo(List<String> marks) {
        for (String name : marks) {
            sender.send(TwilioMessages.writeEvent(new StreamEvent.Mark(sequence.incrementAndGet(), streamSid, name)));
        }
    }

    private void hangUp() {
        sender.send(TwilioMessages.writeEvent(new StreamEvent.Stop(sequence.incrementAndGet(), streamSid,
                options.accountSid(), callSid)));
        finish(null);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "call ended").orTimeout(5, TimeUnit.SECONDS)
                .whenComplete((w, e) -> ws.abort());
        CompletableFuture.runAsync(() -> {
            Map<String, String> status = new LinkedHashMap<>();
            status.put("AccountSid", options.accountSid());
            status.put("CallSid", callSid);
            status.put("CallStatus", "completed");
            status.put("CallDuration", Long.toString(Math.max(1, totalFrames / 50)));
            status.put("Direction", "inbound");
            status.put("From", options.from());
            status.put("To", options.to());
            try {
                post("/twilio/status", status);
            } catch (IOException | InterruptedException e) {
                // the call's figures are complete; a lost status callback does not change them
            }
        });
    }

    private synchronized void finish(String why) {
        if (phase == Phase.DONE) {
            return;
        }
        phase = Phase.DONE;
        error = why;
        if (why != null && ws != null) {
            ws.abort();
        }
        done.complete(null);
    }

    /** The call's figures, once it is {@link #done()}; the analysis takes some CPU, so it waits until then. */
    CallResult figures() {
        byte[] heard = playout.heard();
        double lag = Double.NaN;
        double correlation = Double.NaN;
        List<Long> turns = List.of();
        byte[] saidBytes = said.toByteArray();
        String verdict = error;
        if (options.echo()) {
            if (saidBytes.length > 0 && heard.length > 0) {
                EchoAnalysis echo = EchoAnalysis.of(saidBytes, heard);
                lag = echo.lagMillis();
                correlation = echo.correlation();
            }
            if (verdict == null && !(correlation >= MIN_ECHO_CORRELATION)) {
                verdict = String.format(java.util.Locale.ROOT, "the line test heard no echo of the caller (%d frames "
                        + "came back, correlation %.3f, below %.1f: another agent answered, or the echo was broken up "
                        + "by gaps and skips)", playout.framesReceived(), Double.isNaN(correlation) ? 0.0 : correlation,
                        MIN_ECHO_CORRELATION);
            }
        } else {
            turns = TurnLatency.measure(saidVoiced, playout.heardVoiced());
        }
        options.record().ifPresent(dir -> {
            try {
                Files.createDirectories(dir);
                WavFile.write(dir.resolve(callSid + "-heard.wav"), new MuLawAudio(heard).toPcm16());
            } catch (IOException e) {
                System.err.println("could not record " + callSid + ": " + e.getMessage());
            }
        });
        return new CallResult(callSid, verdict, framesSent, playout.framesReceived(), playout.framesPlayed(),
                playout.underruns(), playout.underrunFrames(), playout.marksReceived(), playout.marksEchoed(),
                playout.clears(), playout.framesCleared(), lag, correlation, turns, bargeIns(), closeCode, closeReason);
    }

    /**
     * Barge-in reaction: for each speech onset of the caller (a voiced frame after at least 200 ms without voice),
     * the time to the first {@code clear} that followed it. Clears more than a second after an onset had another
     * cause.
     */
    private List<Long> bargeIns() {
        List<Long> reactions = new ArrayList<>();
        List<Long> clears;
        synchronized (clearsAt) {
            clears = List.copyOf(clearsAt);
        }
        int lastOnset = -1;
        for (long at : clears) {
            int onset = Math.min((int) (at / FRAME_NANOS), saidVoiced.size() - 1);
            while (onset >= 0 && !speechOnset(onset)) {
                onset--;
            }
            if (onset >= 0 && onset != lastOnset) {
                long millis = (at - onset * FRAME_NANOS) / 1_000_000;
                if (millis <= 1000) {
                    reactions.add(millis);
                    lastOnset = onset; // a second clear for the same speech is not a reaction to it
                }
            }
        }
        return reactions;
    }

    private boolean speechOnset(int frame) {
        if (!saidVoiced.get(frame)) {
            return false;
        }
        for (int i = frame - 1; i >= Math.max(0, frame - 10); i--) {
            if (saidVoiced.get(i)) {
                return false;
            }
        }
        return true;
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(options.url() + path))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                        .collect(Collectors.joining("&"))));
        options.authToken().ifPresent(token -> request.header("X-Twilio-Signature",
                new TwilioSigner(token).sign(options.publicUrl() + path, form)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- WebSocket.Listener: what the server sends ----

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (last && partial.length() == 0) {
            handle(data.toString(), System.nanoTime());
        } else {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                handle(message, System.nanoTime());
            }
        }
        webSocket.request(1);
        return null;
    }

    private void handle(String message, long now) {
        if (phase == Phase.DONE) {
            return;
        }
        StreamCommand command;
        try {
            command = TwilioMessages.parseCommand(message);
        } catch (MalformedMessageException e) {
            finish("the server sent a message Twilio would reject: " + e.getMessage());
            return;
        }
        if (!streamSid.equals(command.streamSid())) {
            finish("the server sent a message for stream " + command.streamSid() + " on stream " + streamSid);
            return;
        }
        if (command instanceof StreamCommand.SendMedia media) {
            playout.media(media.payload(), now);
        } else if (command instanceof StreamCommand.SendMark mark) {
            echo(playout.mark(mark.name(), now));
        } else {
            clearsAt.add(now - t0);
            echo(playout.clear(now));
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (phase != Phase.DONE) {
            closeReason = reason;
            closeCode = statusCode;
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        finish("the stream failed: " + rootMessage(error));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
