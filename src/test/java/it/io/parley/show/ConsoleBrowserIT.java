package it.io.parley.show;

import static it.io.parley.show.ShowCalls.Line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.parley.audio.Pcm16;
import io.parley.audio.Resampler;
import io.parley.audio.WavFile;
import io.parley.sim.CallResult;
import it.io.parley.ParleyServer;
import it.io.parley.conversation.Conversations;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The host's console in a real browser: Debian's Chromium, headless, driven by Playwright, its microphone a
 * speech WAV. Two callers are screened and appear in the console; the host logs in, takes the first (who hears the
 * host's voice, and whose voice reaches the page's playback worklet), takes the second with Next (they hear each
 * other), and closes the tab (both go back on hold). Screenshots of the console go to {@code target/console} (and
 * the ones in {@code docs/} were taken so).
 */
class ConsoleBrowserIT {

    /** Callers new to the server on every run (the database outlives a local run). */
    private static final String N3001 = ShowCalls.newNumber();
    private static final String N3002 = ShowCalls.newNumber();

    private static final String SERVER = ParleyServer.LOCAL;
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String HOST_SAYS = "Good evening, you are on the air with Parley radio.";
    private static Path folder;
    private static Playwright playwright;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        boolean required = Boolean.parseBoolean(System.getenv("PARLEY_REQUIRE_BROWSER"));
        if (!Files.isExecutable(CHROMIUM)) {
            Assumptions.assumeFalse(!required, "no /usr/bin/chromium: install Debian's chromium to run the browser test");
            throw new AssertionError("PARLEY_REQUIRE_BROWSER is set but /usr/bin/chromium is missing");
        }
        folder = Files.createDirectories(Path.of("target", "console"));
        // The host's microphone: 3 s of quiet (the page connects), the sentence, then quiet; played once.
        Pcm16 voice = Resampler.convert(ShowCalls.spoken(HOST_SAYS), Pcm16.RATE_16K);
        short[] mic = new short[16_000 * 40];
        System.arraycopy(voice.samples(), 0, mic, 16_000 * 3, voice.sampleCount());
        Path wav = folder.resolve("host-mic.wav");
        WavFile.write(wav, new Pcm16(Pcm16.RATE_16K, mic));
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run",
                        "--autoplay-policy=no-user-gesture-required", "--use-fake-ui-for-media-stream",
                        "--use-fake-device-for-media-stream",
                        "--use-file-for-fake-audio-capture=" + wav.toAbsolutePath() + "%noloop")));
        assertEquals(200, ShowCalls.send(SERVER, "PUT", "/api/show", "{\"onAir\": true}").statusCode());
    }

    @AfterAll
    static void stop() {
        ShowCalls.get(SERVER, "/api/show/ai").getJsonArray("personas").getValuesAs(JsonObject.class).forEach(p ->
                ShowCalls.send(SERVER, "DELETE", "/api/show/ai/personas/" + p.getJsonNumber("id"), ""));
        ShowCalls.send(SERVER, "PUT", "/api/show", "{\"onAir\": false}");
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void theHostRunsTheShowFromTheBrowser() throws Exception {
        Pcm16 sarahToKate = ShowCalls.spoken("Testing one two three four five.");
        long dialedAt = System.nanoTime();
        CompletableFuture<CallResult> sarah = ShowCalls.dial(SERVER, N3001, ShowCalls.script(80_000,
                new Line(7_000, "My name is Sarah."), new Line(13_500, "I want to talk about gardens."),
                new Line(34_000, "Thank you, I love the show."),
                new Line(48_000, "Testing one two three four five.")), folder);
        CompletableFuture<CallResult> kate = ShowCalls.dial(SERVER, N3002, ShowCalls.script(80_000,
                new Line(7_500, "My name is Kate."), new Line(14_000, "I want to talk about music.")), folder);

        // The page's Content-Security-Policy forbids eval, which Playwright's waitForFunction needs.
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 900)
                .setBypassCSP(true));
        Page page = context.newPage();
        page.navigate(SERVER + "/console/");
        assertTrue(page.url().endsWith("/console/login.html"), "the console asks for a login: " + page.url());
        page.screenshot(new Page.ScreenshotOptions().setPath(folder.resolve("console-login.png")));
        page.fill("input[name=j_username]", System.getProperty("parley.console.user"));
        page.fill("input[name=j_password]", System.getProperty("parley.console.password"));
        page.click("button.primary");
        page.waitForURL(SERVER + "/console/");

        Locator sarahRow = page.locator("#queue li.caller", new Page.LocatorOptions().setHasText("Sarah"));
        Locator kateRow = page.locator("#queue li.caller", new Page.LocatorOptions().setHasText("Kate"));
        sarahRow.locator(".badge.status-waiting").waitFor(new Locator.WaitForOptions().setTimeout(40_000));
        kateRow.locator(".badge.status-waiting").waitFor(new Locator.WaitForOptions().setTimeout(20_000));
        assertTrue(sarahRow.textContent().contains("gardens"), sarahRow.textContent());
        assertTrue(kateRow.textContent().contains("music"), kateRow.textContent());
        assertTrue(page.locator("#transcript").textContent().contains("sarah"), "the screening's live transcript");
        page.screenshot(new Page.ScreenshotOptions().setPath(folder.resolve("console-queue.png")));
        String sarahSid = sarahRow.getAttribute("data-sid");
        String kateSid = kateRow.getAttribute("data-sid");
        List<String> lineOrder = ShowCalls.queue(SERVER).stream().map(c -> c.getString("callSid"))
                .filter(s -> s.equals(sarahSid) || s.equals(kateSid)).toList();

        page.click("#mic-start");
        page.waitForFunction("() => document.getElementById('mic-state').textContent === 'In the studio'");
        sarahRow.locator("button[data-action=take]").click();
        page.locator("#on-air-list li", new Page.LocatorOptions().setHasText("Sarah"))
                .waitFor(new Locator.WaitForOptions().setTimeout(5_000));

        // Sarah speaks at 34 s into her call; her voice reaches the page's playback worklet.
        page.waitForFunction("() => window.parleyAudio && window.parleyAudio.maxStudioLevel > 0.02", null,
                new Page.WaitForFunctionOptions().setTimeout(30_000));
        @SuppressWarnings("unchecked")
        Map<String, Object> figures = (Map<String, Object>) page.evaluate("() => ({...window.parleyAudio})");
        System.out.println("The page's audio: " + figures);
        assertTrue(((Number) figures.get("received")).intValue() > 50, "frames from the studio: " + figures);
        assertTrue(((Number) figures.get("played")).intValue() > 50, "played by the worklet: " + figures);
        assertTrue(((Number) figures.get("sent")).intValue() > 50, "the microphone's frames went out: " + figures);
        page.screenshot(new Page.ScreenshotOptions().setPath(folder.resolve("console-on-air.png")));

        page.keyboard().press("n"); // Next: Kate joins Sarah and the host
        page.locator("#on-air-list li", new Page.LocatorOptions().setHasText("Kate"))
                .waitFor(new Locator.WaitForOptions().setTimeout(5_000));
        JsonObject show = ShowCalls.get(SERVER, "/api/show");
        assertEquals(3, show.getJsonArray("studio").size(), "host, Sarah and Kate in the studio: " + show);

        // Sarah says her test sentence 48 s into her call; once it is over, the host brings the co-host in and asks
        // it to answer, then closes the tab.
        Thread.sleep(Math.max(0, 54_000 - (System.nanoTime() - dialedAt) / 1_000_000));
        page.screenshot(new Page.ScreenshotOptions().setPath(folder.resolve("console-studio.png")));
        assertTrue(page.locator("#transcript p.kind-host").count() > 0, "the host's own words are transcribed, as Host: "
                + page.locator("#transcript").textContent());
        Locator max = page.locator("#personas li", new Page.LocatorOptions().setHasText("Max"));
        max.locator("button").click();
        max.locator("button[aria-pressed=true]").waitFor(new Locator.WaitForOptions().setTimeout(5_000));
        page.click("#ai-respond");
        Locator maxSaid = page.locator("#transcript p.kind-persona", new Page.LocatorOptions().setHasText("Max"));
        maxSaid.first().waitFor(new Locator.WaitForOptions().setTimeout(30_000));
        System.out.println("The co-host said: " + maxSaid.first().textContent());
        page.screenshot(new Page.ScreenshotOptions().setPath(folder.resolve("console-ai.png")));

        // Sarah goes back on hold: her segment is summarised into "Earlier in the show", and the host has an AI
        // caller follow up on it.
        assertEquals(200, ShowCalls.post(SERVER, "/api/show/queue/" + sarahSid + "/hold").statusCode());
        Locator earlier = page.locator("#earlier li[data-call='" + sarahSid + "']");
        earlier.waitFor(new Locator.WaitForOptions().setTimeout(15_000));
        System.out.println("Earlier in the show: " + earlier.textContent());
        assertTrue(earlier.textContent().contains("gardens"), earlier.textContent());
        int personaLines = page.locator("#transcript p.kind-persona").count();
        page.click("#followup");
        page.locator("#transcript p.kind-persona").nth(personaLines)
                .waitFor(new Locator.WaitForOptions().setTimeout(30_000));
        List<JsonObject> made = ShowCalls.get(SERVER, "/api/show/followup").getJsonArray("followUps")
                .getValuesAs(JsonObject.class);
        JsonObject followUp = made.get(made.size() - 1);
        String caller = followUp.getString("persona");
        assertEquals(sarahSid, followUp.getString("callSid"), followUp.toString());
        String line = page.locator("#transcript p.kind-persona").nth(personaLines).textContent();
        System.out.println("The follow-up: " + followUp + "; the console shows " + line);
        assertTrue(line.startsWith(caller + ": Hi, it's " + caller + ". I was listening when Sarah called about"
                + " gardens"), "embedded, the AI caller opens with a scripted line about the segment: " + line);
        earlier.locator(".role").waitFor(new Locator.WaitForOptions().setTimeout(5_000));
        page.screenshot(new Page.ScreenshotOptions().setPath(folder.resolve("console-followup.png")));
        page.close();
        List<JsonObject> backOnHold = ShowCalls.awaitQueue(SERVER, q -> q.stream().filter(c ->
                (c.getString("callSid").equals(sarahSid) || c.getString("callSid").equals(kateSid))
                        && "waiting".equals(c.getString("status"))).count() == 2, Duration.ofSeconds(10),
                "both callers back on hold when the host's tab closed");
        assertEquals(lineOrder, backOnHold.stream().map(c -> c.getString("callSid"))
                .filter(s -> s.equals(sarahSid) || s.equals(kateSid)).toList(), "in the order they called");
        context.close();

        CallResult sarahCall = sarah.get(90, TimeUnit.SECONDS);
        CallResult kateCall = kate.get(90, TimeUnit.SECONDS);
        Pcm16 sarahHeard = ShowCalls.heard(folder, sarahCall.callSid());
        Pcm16 kateHeard = ShowCalls.heard(folder, kateCall.callSid());
        // What a caller heard is recorded from the first frame that reached them, which may come a few seconds
        // into the call on a busy machine: the searches below allow for it.
        String hostHeard = Conversations.transcribe(new Pcm16(Pcm16.RATE_8K, java.util.Arrays.copyOfRange(
                sarahHeard.samples(), 12 * 8000, Math.min(sarahHeard.sampleCount(), 40 * 8000))));
        System.out.println("Sarah heard the host say: " + hostHeard);
        assertTrue(hostHeard.contains("evening") || hostHeard.contains("on the air"),
                "Sarah hears the host's microphone: " + hostHeard);
        double kateHearsSarah = ShowCalls.hears(kateHeard, sarahToKate, 36_000, 52_000);
        double sarahHearsHerself = ShowCalls.hears(sarahHeard, sarahToKate, 36_000, 52_000);
        System.out.printf("In the studio: Kate hears Sarah %.3f; Sarah hears herself %.3f%n", kateHearsSarah,
                sarahHearsHerself);
        assertTrue(kateHearsSarah > 0.8, "Kate hears Sarah: " + kateHearsSarah);
        assertTrue(sarahHearsHerself < 0.5, "and Sarah does not hear herself: " + sarahHearsHerself);
        List<String> said = ParleyServer.call(kateCall.callSid()).getJsonArray("turns").getValuesAs(JsonObject.class)
                .stream().filter(t -> t.getString("speaker").equals("agent")).map(t -> t.getString("text")).toList();
        assertTrue(said.stream().anyMatch(t -> t.startsWith("We've lost the studio for a moment")), said.toString());
        assertTrue(ShowCalls.queue(SERVER).stream().noneMatch(c -> c.getString("callSid").equals(sarahSid)),
                "gone from the queue once the call ended");
    }
}
